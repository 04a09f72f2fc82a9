import { IndicatorFormula } from '@tequio/contracts';
import { changedComputationFields, ComputationFields, CrossFieldInput, crossFieldIssues } from './indicator-rules';

const meetings = { kind: 'metric' as const, metric: 'agenda.cabinet_meetings.held', filters: {} };
const goal52: IndicatorFormula = { numerator: meetings, denominator: { kind: 'constant', value: 52 } };
const quarterly: CrossFieldInput = {
  accumulation: 'annual_goal_share',
  frequency: 'trimestral',
  formula: goal52,
  targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
};

describe('crossFieldIssues', () => {
  it('accepts a share of the annual goal over a constant goal (13 of 52 cabinet meetings)', () => {
    expect(crossFieldIssues(quarterly)).toEqual([]);
  });

  it.each([
    ['a metric', { kind: 'metric' as const, metric: 'correspondence.documents.received', filters: {} }, 'una métrica'],
    ['a manual capture', { kind: 'manual' as const }, 'una captura manual'],
  ])('refuses a share of the annual goal whose denominator is %s, naming formula.denominator', (_, denominator, what) => {
    expect(crossFieldIssues({ ...quarterly, formula: { numerator: meetings, denominator } })).toEqual([
      {
        field: 'formula.denominator',
        message: `con acumulación "parte de la meta anual" el denominador es la meta anual: debe ser una constante ({"kind":"constant","value":52}), no ${what}`,
      },
    ]);
  });

  it('lets flow and stock indicators take any denominator', () => {
    const ratio: IndicatorFormula = { numerator: meetings, denominator: { kind: 'manual' } };
    expect(crossFieldIssues({ ...quarterly, accumulation: 'flow', formula: ratio })).toEqual([]);
    expect(crossFieldIssues({ ...quarterly, accumulation: 'stock', formula: ratio })).toEqual([]);
  });

  it('lets an annual indicator carry a target in one quarter at most, naming targets', () => {
    const annual = { ...quarterly, frequency: 'anual' as const };
    expect(crossFieldIssues({ ...annual, targets: { q1: null, q2: null, q3: null, q4: 100 } })).toEqual([]);
    expect(crossFieldIssues({ ...annual, targets: { q1: null, q2: null, q3: null, q4: null } })).toEqual([]);
    expect(crossFieldIssues({ ...annual, targets: { q1: 0, q2: null, q3: null, q4: 100 } })).toEqual([
      { field: 'targets', message: 'un indicador de frecuencia anual lleva meta en un solo trimestre (el de su medición); tiene 2: q1, q4' },
    ]);
    expect(crossFieldIssues(annual).map((issue) => issue.field)).toEqual(['targets']);
  });

  it('reports both rules at once', () => {
    const issues = crossFieldIssues({ ...quarterly, frequency: 'anual', formula: { numerator: meetings, denominator: { kind: 'manual' } } });
    expect(issues.map((issue) => issue.field)).toEqual(['formula.denominator', 'targets']);
  });
});

describe('changedComputationFields', () => {
  const stored: ComputationFields = { formula: goal52, factor: 100, accumulation: 'annual_goal_share', direction: 'ascendente' };

  it('finds no change when only key order differs (jsonb reorders keys)', () => {
    const reordered = { denominator: { value: 52, kind: 'constant' as const }, numerator: { filters: {}, metric: meetings.metric, kind: 'metric' as const } };
    expect(changedComputationFields(stored, { ...stored, formula: reordered })).toEqual([]);
  });

  it('lists each changed field: formula, factor, accumulation, direction', () => {
    expect(changedComputationFields(stored, { ...stored, formula: { ...goal52, denominator: { kind: 'constant', value: 48 } } })).toEqual(['formula']);
    expect(
      changedComputationFields(stored, { formula: { ...goal52, numerator: { ...meetings, filters: { unit: '402' } } }, factor: 1, accumulation: 'flow', direction: 'descendente' }),
    ).toEqual(['formula', 'factor', 'accumulation', 'direction']);
  });
});
