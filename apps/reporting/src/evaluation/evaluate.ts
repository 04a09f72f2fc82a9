import { AccumulationType, colourFor, IndicatorDirection, QuarterTargets, SemaphoreBand, SemaphoreResult } from '@tequio/contracts';

/*
 * The rules of consolidation, as pure functions: an indicator's value is numerator / denominator × factor; quarters
 * add up by the indicator's accumulation type; variance in the indicator's own unit; compliance by direction; the
 * semáforo colour from the municipality's bands, after rounding to the displayed decimals.
 */

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTER_NUMBERS: readonly Quarter[] = [1, 2, 3, 4];

/** What one quarter measured: numerator and denominator, or (a manual capture of the value alone) the value. */
export interface QuarterMeasure {
  numerator: number | null;
  denominator: number | null;
  /** Set when only the value was captured (no numerator and denominator). */
  value?: number | null;
}

export interface IndicatorRules {
  direction: IndicatorDirection;
  accumulation: AccumulationType;
  factor: number;
  targets: QuarterTargets;
}

export interface Semaphore {
  bands: readonly SemaphoreBand[];
  decimals: number;
}

/** Why a figure is missing or doubtful (shown beside it, never a division error). */
export type Flag = 'denominador_cero' | 'sin_medicion' | 'sin_meta' | 'meta_cero' | 'alcanzado_cero' | 'sin_numerador_denominador';

export interface Figures {
  programmed: number | null;
  achieved: number | null;
  numerator: number | null;
  denominator: number | null;
  /** achieved − programmed, in the indicator's unit. */
  absoluteVariance: number | null;
  /** (achieved − programmed) / programmed × 100. */
  relativeVariance: number | null;
  /** Ascendente: achieved / programmed × 100; descendente: programmed / achieved × 100. */
  compliance: number | null;
  colour: SemaphoreResult;
  flags: Flag[];
}

export interface Evaluation {
  quarters: (Figures & { quarter: Quarter })[];
  /** Year to date through the reported quarter. */
  cumulative: Figures;
  /** Cumulative achieved over the whole year's goal, in percent. */
  annualProgress: number | null;
}

/** Six decimals: enough for any report, and free of binary noise such as 0.30000000000000004. */
export function tidy(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 1e6) / 1e6;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const targetOf = (targets: QuarterTargets, quarter: Quarter) => targets[`q${quarter}` as keyof QuarterTargets];

function ratio(numerator: number | null, denominator: number | null, factor: number, flags: Flag[]): number | null {
  if (numerator === null || denominator === null) {
    flags.push('sin_medicion');
    return null;
  }
  if (denominator === 0) {
    flags.push('denominador_cero');
    return null;
  }
  return (numerator / denominator) * factor;
}

/** The value of one period's measure. */
export function achievedOf(measure: QuarterMeasure | undefined, factor: number, flags: Flag[]): number | null {
  if (measure?.value !== undefined && measure.value !== null) return measure.value;
  return ratio(measure?.numerator ?? null, measure?.denominator ?? null, factor, flags);
}

function compare(programmed: number | null, achieved: number | null, direction: IndicatorDirection, semaphore: Semaphore, flags: Flag[]) {
  if (programmed === null) flags.push('sin_meta');
  if (programmed === null || achieved === null) return { absoluteVariance: null, relativeVariance: null, compliance: null, colour: 'n/a' as const };
  const absoluteVariance = achieved - programmed;
  let relativeVariance: number | null = null;
  if (programmed === 0) flags.push('meta_cero');
  else relativeVariance = (absoluteVariance / programmed) * 100;
  let compliance: number | null = null;
  if (direction === 'ascendente') {
    if (programmed !== 0) compliance = (achieved / programmed) * 100;
  } else if (achieved === 0) flags.push('alcanzado_cero');
  else compliance = (programmed / achieved) * 100;
  return { absoluteVariance, relativeVariance, compliance, colour: colourFor(tidy(compliance), semaphore.bands, semaphore.decimals) };
}

function figures(programmed: number | null, achieved: number | null, numerator: number | null, denominator: number | null, rules: IndicatorRules, semaphore: Semaphore, flags: Flag[]): Figures {
  const compared = compare(programmed, achieved, rules.direction, semaphore, flags);
  return {
    programmed: tidy(programmed),
    achieved: tidy(achieved),
    numerator: tidy(numerator),
    denominator: tidy(denominator),
    absoluteVariance: tidy(compared.absoluteVariance),
    relativeVariance: tidy(compared.relativeVariance),
    compliance: tidy(compared.compliance),
    colour: compared.colour,
    flags: [...new Set(flags)],
  };
}

/** Programmed year to date: the sum of the quarters' shares of the annual goal, otherwise the latest quarter's target. */
export function programmedThrough(targets: QuarterTargets, accumulation: AccumulationType, through: Quarter): number | null {
  const known = QUARTER_NUMBERS.filter((q) => q <= through).map((q) => targetOf(targets, q));
  if (accumulation === 'annual_goal_share') return known.some((t) => t !== null) ? sum(known.map((t) => t ?? 0)) : null;
  return known[known.length - 1] ?? null;
}

/** Evaluates an indicator for every quarter through `through` and year to date. */
export function evaluateIndicator(rules: IndicatorRules, measures: Partial<Record<Quarter, QuarterMeasure>>, through: Quarter, semaphore: Semaphore): Evaluation {
  const quarters = QUARTER_NUMBERS.filter((q) => q <= through).map((quarter) => {
    const flags: Flag[] = [];
    const measure = measures[quarter];
    const achieved = achievedOf(measure, rules.factor, flags);
    return { quarter, ...figures(targetOf(rules.targets, quarter), achieved, measure?.numerator ?? null, measure?.denominator ?? null, rules, semaphore, flags) };
  });

  const flags: Flag[] = [];
  let achieved: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  const measured = QUARTER_NUMBERS.filter((q) => q <= through).map((q) => measures[q]).filter((m): m is QuarterMeasure => m !== undefined);
  if (rules.accumulation === 'flow') {
    // Ratio of sums, never an average of the quarters' percentages.
    if (measured.some((m) => m.numerator === null || m.denominator === null)) flags.push('sin_numerador_denominador');
    else if (measured.length > 0) {
      numerator = sum(measured.map((m) => m.numerator as number));
      denominator = sum(measured.map((m) => m.denominator as number));
      achieved = ratio(numerator, denominator, rules.factor, flags);
    }
  } else if (rules.accumulation === 'stock') {
    achieved = [...quarters].reverse().find((q) => q.achieved !== null)?.achieved ?? null;
  } else {
    const values = quarters.map((q) => q.achieved).filter((v): v is number => v !== null);
    achieved = values.length > 0 ? sum(values) : null;
  }
  if (measured.length === 0) flags.push('sin_medicion');
  const cumulative = figures(programmedThrough(rules.targets, rules.accumulation, through), achieved, numerator, denominator, rules, semaphore, flags);

  const annualGoal = programmedThrough(rules.targets, rules.accumulation, 4);
  const annualProgress = achieved === null || !annualGoal ? null : tidy((achieved / annualGoal) * 100);
  return { quarters, cumulative, annualProgress };
}
