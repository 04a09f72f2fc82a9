import { FormulaTerm, IndicatorFormula, MetricDimensionType } from '@tequio/contracts';

/*
 * Pure checks of an indicator formula against the metric registry: every metric exists, every filter is a
 * dimension the metric admits, with a value of its type. Messages name the field, in Spanish.
 */

export interface MetricDimension {
  name: string;
  type: MetricDimensionType;
  /** Allowed values of an `enum` dimension. */
  values?: readonly string[];
  /** Bounds of an `integer` dimension. */
  min?: number;
  max?: number;
  description?: string;
}

export interface MetricShape {
  name: string;
  dimensions: MetricDimension[];
}

export interface FormulaIssue {
  /** Path from the indicator, e.g. `formula.numerator.filters.unit`. */
  field: string;
  message: string;
}

export interface FormulaContext {
  /** The metric registry, by name. */
  metrics: ReadonlyMap<string, MetricShape>;
  /** Unit codes of the municipality; when given, `unit` filters must name one of them. */
  unitCodes?: ReadonlySet<string>;
}

/** The metric names a formula uses, to load only those from the registry. */
export function metricsUsed(formula: IndicatorFormula): string[] {
  return [formula.numerator, formula.denominator].flatMap((term) => (term.kind === 'metric' ? [term.metric] : []));
}

/** The unit codes a formula filters on. */
export function unitCodesUsed(formula: IndicatorFormula, metrics: ReadonlyMap<string, MetricShape>): string[] {
  return [formula.numerator, formula.denominator].flatMap((term) => {
    if (term.kind !== 'metric') return [];
    const metric = metrics.get(term.metric);
    if (!metric) return [];
    return metric.dimensions
      .filter((dimension) => dimension.type === 'unit' && typeof term.filters[dimension.name] === 'string')
      .map((dimension) => term.filters[dimension.name] as string);
  });
}

export function validateFormula(formula: IndicatorFormula, context: FormulaContext): FormulaIssue[] {
  const issues = [...checkTerm('formula.numerator', formula.numerator, context), ...checkTerm('formula.denominator', formula.denominator, context)];
  if (formula.numerator.kind === 'constant') {
    issues.push({
      field: 'formula.numerator.kind',
      message: 'el numerador debe medirse (una métrica o una captura manual), no ser una constante',
    });
  }
  if (formula.denominator.kind === 'constant' && formula.denominator.value <= 0) {
    issues.push({ field: 'formula.denominator.value', message: 'la meta del denominador debe ser mayor que 0' });
  }
  return issues;
}

function checkTerm(path: string, term: FormulaTerm, context: FormulaContext): FormulaIssue[] {
  if (term.kind === 'constant') {
    return Number.isFinite(term.value) ? [] : [{ field: `${path}.value`, message: 'debe ser un número' }];
  }
  if (term.kind !== 'metric') return [];
  const metric = context.metrics.get(term.metric);
  if (!metric) {
    return [{ field: `${path}.metric`, message: `no existe la métrica "${term.metric}" en el registro de métricas (GET /metric-definitions)` }];
  }
  const issues: FormulaIssue[] = [];
  const dimensions = new Map(metric.dimensions.map((dimension) => [dimension.name, dimension]));
  for (const [name, value] of Object.entries(term.filters)) {
    const field = `${path}.filters.${name}`;
    const dimension = dimensions.get(name);
    if (!dimension) {
      const allowed = metric.dimensions.map((d) => d.name);
      issues.push({
        field,
        message:
          `la métrica ${metric.name} no admite el filtro "${name}"` +
          (allowed.length > 0 ? `; admite: ${allowed.join(', ')}` : '; no admite filtros'),
      });
      continue;
    }
    const problem = checkValue(dimension, value, context);
    if (problem) issues.push({ field, message: problem });
  }
  return issues;
}

function checkValue(dimension: MetricDimension, value: unknown, context: FormulaContext): string | null {
  switch (dimension.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'debe ser true o false';
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'debe ser un número entero';
      if ((dimension.min !== undefined && value < dimension.min) || (dimension.max !== undefined && value > dimension.max)) {
        return `debe estar entre ${dimension.min} y ${dimension.max}`;
      }
      return null;
    case 'string':
      return typeof value === 'string' && value.trim().length > 0 ? null : 'debe ser un texto no vacío';
    case 'enum': {
      const values = dimension.values ?? [];
      return typeof value === 'string' && values.includes(value) ? null : `debe ser uno de: ${values.join(', ')}`;
    }
    case 'unit':
      if (typeof value !== 'string' || value.trim().length === 0) return 'debe ser la clave de una unidad, como texto (p. ej. "402")';
      if (context.unitCodes && !context.unitCodes.has(value)) return `no existe la unidad con clave ${value} en el municipio`;
      return null;
    default:
      return `tipo de dimensión desconocido: ${String(dimension.type)}`;
  }
}
