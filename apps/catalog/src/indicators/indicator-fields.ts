// Mapping between the indicator's input, its entity columns and its event definition.
import { IndicatorDefinition, QuarterTargets } from '@tequio/contracts';
import { Unit } from '../units/unit.entity';
import { Indicator } from './indicator.entity';
import { IndicatorInput } from './indicator-input';
import { levelLabel } from './mir-levels';

export function targetsOf(indicator: Indicator): QuarterTargets {
  return { q1: indicator.targetQ1, q2: indicator.targetQ2, q3: indicator.targetQ3, q4: indicator.targetQ4 };
}

export function setTargets(indicator: Indicator, targets: QuarterTargets): void {
  Object.assign(indicator, { targetQ1: targets.q1, targetQ2: targets.q2, targetQ3: targets.q3, targetQ4: targets.q4 });
}

export function entityFields(input: IndicatorInput, unitId: string): Partial<Indicator> {
  return {
    level: input.level,
    componentNumber: input.componentNumber ?? null,
    activityNumber: input.activityNumber ?? null,
    name: input.name,
    definition: input.definition,
    calculationMethod: input.calculationMethod,
    unitOfMeasure: input.unitOfMeasure,
    type: input.type,
    dimension: input.dimension,
    frequency: input.frequency,
    direction: input.direction,
    baselineValue: input.baseline?.value ?? null,
    baselineYear: input.baseline?.year ?? null,
    accumulation: input.accumulation,
    factor: input.factor,
    meansOfVerification: input.meansOfVerification,
    responsibleUnitId: unitId,
    targetQ1: input.targets.q1,
    targetQ2: input.targets.q2,
    targetQ3: input.targets.q3,
    targetQ4: input.targets.q4,
    formula: input.formula,
  };
}

export function definitionOf(indicator: Indicator, unit: Pick<Unit, 'code'>): IndicatorDefinition {
  return {
    indicatorId: indicator.id,
    programId: indicator.programId,
    year: indicator.year,
    level: indicator.level,
    componentNumber: indicator.componentNumber,
    activityNumber: indicator.activityNumber,
    parentId: indicator.parentId,
    levelLabel: levelLabel(indicator),
    name: indicator.name,
    definition: indicator.definition,
    calculationMethod: indicator.calculationMethod,
    unitOfMeasure: indicator.unitOfMeasure,
    type: indicator.type,
    dimension: indicator.dimension,
    frequency: indicator.frequency,
    direction: indicator.direction,
    baseline: indicator.baselineValue === null || indicator.baselineYear === null ? null : { value: indicator.baselineValue, year: indicator.baselineYear },
    accumulation: indicator.accumulation,
    factor: indicator.factor,
    meansOfVerification: indicator.meansOfVerification,
    responsibleUnitId: indicator.responsibleUnitId,
    responsibleUnitCode: unit.code,
    targets: targetsOf(indicator),
    formula: indicator.formula,
    version: indicator.version,
  };
}

/** JSON with sorted keys: jsonb does not keep the key order it was given. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

