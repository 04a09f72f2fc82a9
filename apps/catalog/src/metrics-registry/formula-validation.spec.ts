import { IndicatorFormula } from '@tequio/contracts';
import { FormulaContext, metricsUsed, MetricShape, unitCodesUsed, validateFormula } from './formula-validation';

const answered: MetricShape = {
  name: 'correspondence.documents.answered',
  dimensions: [
    { name: 'unit', type: 'unit' },
    { name: 'requiresResponse', type: 'boolean' },
  ],
};
const requests: MetricShape = {
  name: 'transparency.requests.received',
  dimensions: [
    { name: 'requestType', type: 'enum', values: ['informacion', 'arco'] },
    { name: 'year', type: 'integer' },
    { name: 'category', type: 'string' },
  ],
};
const meetings: MetricShape = { name: 'agenda.cabinet_meetings.held', dimensions: [] };
const context: FormulaContext = { metrics: new Map([answered, requests, meetings].map((m) => [m.name, m])), unitCodes: new Set(['402', '801']) };

const metric = (name: string, filters: Record<string, string | number | boolean> = {}) => ({ kind: 'metric' as const, metric: name, filters });
const formula = (numerator: IndicatorFormula['numerator'], denominator: IndicatorFormula['denominator']): IndicatorFormula => ({ numerator, denominator });

describe('validateFormula', () => {
  it('accepts metrics with admitted filters, an annual goal, and manual captures', () => {
    expect(validateFormula(formula(metric(answered.name, { requiresResponse: true, unit: '402' }), metric(answered.name, { unit: '402' })), context)).toEqual([]);
    expect(validateFormula(formula(metric(meetings.name), { kind: 'constant', value: 52 }), context)).toEqual([]);
    expect(validateFormula(formula({ kind: 'manual' }, { kind: 'manual' }), context)).toEqual([]);
    expect(validateFormula(formula(metric(requests.name, { requestType: 'arco', year: 2024, category: 'x' }), { kind: 'manual' }), context)).toEqual([]);
  });

  it('refuses a filter the metric does not admit, naming the field and what it admits', () => {
    expect(validateFormula(formula(metric(answered.name, { colour: 'red' }), { kind: 'manual' }), context)).toEqual([
      {
        field: 'formula.numerator.filters.colour',
        message: 'la métrica correspondence.documents.answered no admite el filtro "colour"; admite: unit, requiresResponse',
      },
    ]);
    expect(validateFormula(formula(metric(meetings.name, { unit: '402' }), { kind: 'constant', value: 52 }), context)).toEqual([
      { field: 'formula.numerator.filters.unit', message: 'la métrica agenda.cabinet_meetings.held no admite el filtro "unit"; no admite filtros' },
    ]);
  });

  it('refuses an unknown metric, on the side where it is', () => {
    expect(validateFormula(formula({ kind: 'manual' }, metric('correspondence.documents.lost')), context)).toEqual([
      { field: 'formula.denominator.metric', message: 'no existe la métrica "correspondence.documents.lost" en el registro de métricas (GET /metric-definitions)' },
    ]);
  });

  it.each([
    ['requiresResponse', 'yes', 'debe ser true o false'],
    ['unit', 402, 'debe ser la clave de una unidad, como texto (p. ej. "402")'],
    ['unit', '999', 'no existe la unidad con clave 999 en el municipio'],
  ])('checks the type of %s (%p)', (name, value, message) => {
    expect(validateFormula(formula(metric(answered.name, { [name]: value }), { kind: 'manual' }), context)).toEqual([
      { field: `formula.numerator.filters.${name}`, message },
    ]);
  });

  it.each([
    ['requestType', 'queja', 'debe ser uno de: informacion, arco'],
    ['year', 2024.5, 'debe ser un número entero'],
    ['year', '2024', 'debe ser un número entero'],
    ['category', '  ', 'debe ser un texto no vacío'],
    ['category', true, 'debe ser un texto no vacío'],
  ])('checks the type of %s (%p)', (name, value, message) => {
    expect(validateFormula(formula(metric(requests.name, { [name]: value }), { kind: 'manual' }), context)).toEqual([
      { field: `formula.numerator.filters.${name}`, message },
    ]);
  });

  it('does not check unit codes when the context has none', () => {
    expect(validateFormula(formula(metric(answered.name, { unit: '999' }), { kind: 'manual' }), { metrics: context.metrics })).toEqual([]);
  });

  it('refuses a constant numerator and a denominator goal of zero or less', () => {
    expect(validateFormula(formula({ kind: 'constant', value: 13 }, { kind: 'constant', value: 0 }), context)).toEqual([
      { field: 'formula.numerator.kind', message: 'el numerador debe medirse (una métrica o una captura manual), no ser una constante' },
      { field: 'formula.denominator.value', message: 'la meta del denominador debe ser mayor que 0' },
    ]);
  });

  it('reports every problem of both sides at once', () => {
    const issues = validateFormula(formula(metric(answered.name, { colour: 'x', unit: '999' }), metric('nope')), context);
    expect(issues.map((issue) => issue.field)).toEqual(['formula.numerator.filters.colour', 'formula.numerator.filters.unit', 'formula.denominator.metric']);
  });
});

describe('metricsUsed and unitCodesUsed', () => {
  it('lists the metrics and the unit codes a formula filters on', () => {
    const f = formula(metric(answered.name, { unit: '402', requiresResponse: true }), metric(requests.name, { requestType: 'arco' }));
    expect(metricsUsed(f)).toEqual([answered.name, requests.name]);
    expect(unitCodesUsed(f, context.metrics)).toEqual(['402']);
    expect(metricsUsed(formula({ kind: 'manual' }, { kind: 'constant', value: 52 }))).toEqual([]);
  });
});
