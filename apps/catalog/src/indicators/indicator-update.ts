// What a PATCH of an indicator merges and which cross-field rules it must pass.
import { definedOnly } from '@tequio/platform';
import { UpdateIndicatorDto } from './indicator.dto';
import { Indicator } from './indicator.entity';
import { targetsOf } from './indicator-fields';

/**
 * Which cross-field rules (crossFieldIssues) to enforce, by the field they name: all of them on the API's create;
 * on a PATCH only those whose fields it touches; none for the MIR importer (createMany), whose source reports
 * break them (the seed MIR has Anual indicators with four quarterly targets and shares of the annual goal without
 * the goal).
 */
export type CrossFieldScope = ReadonlySet<string>;
export const ALL_CROSS_FIELD_RULES: CrossFieldScope = new Set(['formula.denominator', 'targets']);
export const NO_CROSS_FIELD_RULES: CrossFieldScope = new Set();


/** A PATCH enforces the cross-field rules of the fields it touches, not rules its untouched fields already broke. */
export function crossFieldScopeOf(dto: UpdateIndicatorDto): CrossFieldScope {
  const scope = new Set<string>();
  if (dto.accumulation !== undefined || dto.formula !== undefined) scope.add('formula.denominator');
  if (dto.frequency !== undefined) scope.add('targets');
  return scope;
}

/** The stored indicator as an input, with the PATCH applied; numbers a new level does not carry are dropped. */
export function mergeForUpdate(current: Indicator, dto: UpdateIndicatorDto): unknown {
  const base = {
    level: current.level,
    componentNumber: current.componentNumber,
    activityNumber: current.activityNumber,
    name: current.name,
    definition: current.definition,
    calculationMethod: current.calculationMethod,
    unitOfMeasure: current.unitOfMeasure,
    type: current.type,
    dimension: current.dimension,
    frequency: current.frequency,
    direction: current.direction,
    baseline: current.baselineValue === null || current.baselineYear === null ? null : { value: current.baselineValue, year: current.baselineYear },
    accumulation: current.accumulation,
    factor: current.factor,
    meansOfVerification: current.meansOfVerification,
    responsibleUnitId: current.responsibleUnitId,
    targets: targetsOf(current),
    formula: current.formula,
  };
  const merged = { ...base, ...definedOnly(dto) };
  if (dto.level !== undefined && dto.level !== current.level) {
    if (dto.level === 'fin' || dto.level === 'proposito') {
      if (dto.componentNumber === undefined) merged.componentNumber = null;
      if (dto.activityNumber === undefined) merged.activityNumber = null;
    } else if (dto.level === 'componente' && dto.activityNumber === undefined) {
      merged.activityNumber = null;
    }
  }
  return merged;
}

