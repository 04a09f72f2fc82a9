import { AccumulationType, IndicatorDirection, IndicatorFormula, MeasurementFrequency, QUARTERS, QuarterTargets } from '@tequio/contracts';

/*
 * Pure rules between fields of an indicator, and the fields a closed quarter freezes. Messages name the field,
 * in Spanish.
 */

export interface IndicatorRuleIssue {
  field: string;
  message: string;
}

export interface CrossFieldInput {
  accumulation: AccumulationType;
  frequency: MeasurementFrequency;
  formula: IndicatorFormula;
  targets: QuarterTargets;
}

/**
 * - `annual_goal_share` (quarter value = quarter count / annual goal × factor, cumulative = sum of the quarters)
 *   needs the annual goal as a constant denominator: any other denominator changes from quarter to quarter.
 * - An `anual` indicator is measured once a year: at most one quarter carries a target.
 */
export function crossFieldIssues(input: CrossFieldInput): IndicatorRuleIssue[] {
  const issues: IndicatorRuleIssue[] = [];
  if (input.accumulation === 'annual_goal_share' && input.formula.denominator.kind !== 'constant') {
    issues.push({
      field: 'formula.denominator',
      message:
        'con acumulación "parte de la meta anual" el denominador es la meta anual: debe ser una constante ' +
        `({"kind":"constant","value":52}), no ${input.formula.denominator.kind === 'metric' ? 'una métrica' : 'una captura manual'}`,
    });
  }
  const withTarget = QUARTERS.filter((quarter) => input.targets[quarter] !== null);
  if (input.frequency === 'anual' && withTarget.length > 1) {
    issues.push({
      field: 'targets',
      message: `un indicador de frecuencia anual lleva meta en un solo trimestre (el de su medición); tiene ${withTarget.length}: ${withTarget.join(', ')}`,
    });
  }
  return issues;
}

/** Fields that change how a quarter's value is computed or judged: frozen while a quarter of the year is closed. */
export const COMPUTATION_FIELDS = ['formula', 'factor', 'accumulation', 'direction'] as const;
export type ComputationField = (typeof COMPUTATION_FIELDS)[number];

/** What a refusal asks the user to reopen the quarter for ("reábralo en reportes para …"). */
export const COMPUTATION_FIELD_PURPOSES: Record<ComputationField, string> = {
  formula: 'cambiar la fórmula',
  factor: 'cambiar el factor',
  accumulation: 'cambiar el tipo de acumulación',
  direction: 'cambiar el sentido esperado',
};

export interface ComputationFields {
  formula: IndicatorFormula;
  factor: number;
  accumulation: AccumulationType;
  direction: IndicatorDirection;
}

/** The computation fields that differ between the stored indicator and its new version. */
export function changedComputationFields(before: ComputationFields, after: ComputationFields): ComputationField[] {
  return COMPUTATION_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
}

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
