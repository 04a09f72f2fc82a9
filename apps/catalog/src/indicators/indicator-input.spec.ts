import { indicatorInputSchema } from './indicator-input';

const valid = {
  level: 'actividad',
  componentNumber: 1,
  activityNumber: 4,
  name: 'Porcentaje de acciones de promoción del diálogo realizadas',
  definition: 'Mide el porcentaje de acciones de promoción del diálogo como herramienta para la resolución de conflictos realizadas',
  calculationMethod: '(número de acciones realizadas / número de acciones programadas)*100',
  unitOfMeasure: 'Porcentaje',
  type: 'gestion',
  dimension: 'eficacia',
  frequency: 'mensual',
  direction: 'ascendente',
  baseline: { value: 100, year: 2022 },
  accumulation: 'annual_goal_share',
};

const fieldsOf = (value: unknown) => {
  const result = indicatorInputSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('indicatorInputSchema', () => {
  it('applies the defaults: factor 100, no targets, a manual formula', () => {
    const parsed = indicatorInputSchema.parse(valid);
    expect(parsed).toMatchObject({
      factor: 100,
      meansOfVerification: null,
      targets: { q1: null, q2: null, q3: null, q4: null },
      formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } },
    });
    expect(parsed.responsibleUnitId).toBeUndefined();
  });

  it('defaults the factor by the unit of measure, as the MIR importer does: 100 for percentages, 1 otherwise', () => {
    expect(indicatorInputSchema.parse({ ...valid, unitOfMeasure: '%' }).factor).toBe(100);
    expect(indicatorInputSchema.parse({ ...valid, unitOfMeasure: 'Porcentaje (%)' }).factor).toBe(100);
    expect(indicatorInputSchema.parse({ ...valid, unitOfMeasure: 'Reunión' }).factor).toBe(1);
    expect(indicatorInputSchema.parse({ ...valid, unitOfMeasure: 'Reunión', factor: 1000 }).factor).toBe(1000);
    expect(indicatorInputSchema.parse({ ...valid, factor: 1 }).factor).toBe(1);
  });

  it('parses its own output again unchanged (the MIR importer may hand parsed rows to createMany)', () => {
    const parsed = indicatorInputSchema.parse(valid);
    expect(indicatorInputSchema.parse(parsed)).toEqual(parsed);
  });

  it('names the number an activity is missing, and refuses numbers on a Fin', () => {
    expect(fieldsOf({ ...valid, activityNumber: undefined })).toEqual(['activityNumber']);
    expect(fieldsOf({ ...valid, level: 'fin' })).toEqual(['componentNumber', 'activityNumber']);
  });

  it('names every invalid field, including unknown ones and inside the formula', () => {
    const fields = fieldsOf({
      ...valid,
      type: 'estratégico',
      targets: { q1: -1, q2: null, q3: null, q4: null },
      formula: { numerator: { kind: 'metric', metric: 'x', filters: { unit: ['402'] } }, denominator: { kind: 'constant' } },
      colour: 'red',
    });
    expect(fields.sort()).toEqual(['', 'formula.denominator.value', 'formula.numerator.filters.unit', 'targets.q1', 'type'].sort());
  });
});
