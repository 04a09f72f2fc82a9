import { IndicatorDefinition, IndicatorLevel, PlanSnapshot, ProgramSnapshot, SemaphoreBand } from '@tequio/contracts';
import { Evaluation } from '../evaluation/evaluate';

/** One row of the MIR table: the indicator as catalog defines it, and its evaluation through the reported quarter. */
export interface MirRow {
  indicatorId: string;
  levelLabel: string;
  name: string;
  definition: string;
  calculationMethod: string;
  unitOfMeasure: string;
  type: IndicatorDefinition['type'];
  dimension: IndicatorDefinition['dimension'];
  frequency: IndicatorDefinition['frequency'];
  direction: IndicatorDefinition['direction'];
  baseline: IndicatorDefinition['baseline'];
  accumulation: IndicatorDefinition['accumulation'];
  factor: number;
  responsibleUnitCode: string;
  meansOfVerification: string | null;
  targets: IndicatorDefinition['targets'];
  evaluation: Evaluation;
  /** The reported quarter month by month (value = numerator / denominator × factor). */
  months: MonthFigures[];
  breakdowns: Breakdown[];
}

export interface MonthFigures {
  month: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export interface Breakdown {
  /** `numerator` or `denominator`. */
  side: 'numerator' | 'denominator';
  metric: string;
  /** `month` or a dimension of the metric. */
  by: string;
  parts: { key: string; total: number }[];
  total: number;
}

export interface Warning {
  code:
    | 'sin_metas'
    | 'metas_no_suman_meta_anual'
    | 'captura_sin_evidencia'
    | 'denominador_cero'
    | 'desglose_no_suma'
    | 'eventos_despues_de_aprobacion'
    | 'sin_medicion'
    | 'valor_declarado_no_cuadra';
  indicatorId?: string;
  message: string;
}

/** The quarterly report of one program: the table planning used to type by hand, computed from facts and captures. */
export interface MirTable {
  program: Pick<ProgramSnapshot, 'programId' | 'code' | 'name' | 'label' | 'year' | 'ownerUnitCode'>;
  year: number;
  quarter: number;
  alignment: { plan: string | null; axes: { number: number; name: string; objectives: { code: string; name: string }[] }[] };
  semaphore: { bands: SemaphoreBand[]; decimals: number; isDefault: boolean };
  indicators: MirRow[];
  warnings: Warning[];
  computedAt: string;
}

/** Order of the MIR: Fin, Propósito, then each component followed by its activities. */
export function mirOrder(a: IndicatorDefinition, b: IndicatorDefinition): number {
  const rank = (i: IndicatorDefinition) => [
    i.level === 'fin' ? 0 : i.level === 'proposito' ? 1 : 2,
    i.componentNumber ?? 0,
    i.level === 'componente' ? 0 : 1,
    i.activityNumber ?? 0,
  ];
  const [ra, rb] = [rank(a), rank(b)];
  for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k] - rb[k];
  return 0;
}

/** The program's plan alignment: the axes and objectives its objective ids name. */
export function alignmentOf(program: ProgramSnapshot, plans: PlanSnapshot[]): MirTable['alignment'] {
  const wanted = new Set(program.objectiveIds);
  for (const plan of plans) {
    const axes = plan.axes
      .map((axis) => ({ number: axis.number, name: axis.name, objectives: axis.objectives.filter((o) => wanted.has(o.objectiveId)).map(({ code, name }) => ({ code, name })) }))
      .filter((axis) => axis.objectives.length > 0);
    if (axes.length > 0) return { plan: plan.name, axes };
  }
  return { plan: null, axes: [] };
}

/** The MIR level a catalog level label names ("Fin", "Propósito", "Componente 1", "Actividad 1.4"). */
export function levelOf(label: string): IndicatorLevel {
  if (label === 'Fin') return 'fin';
  if (label === 'Propósito') return 'proposito';
  return label.startsWith('Componente') ? 'componente' : 'actividad';
}

/** Decimals a declared figure was written with ("25" → 0, "30.8" → 1), at most six. */
function decimalsOf(value: number): number {
  const [, fraction = ''] = String(Math.round(value * 1e6) / 1e6).split('.');
  return fraction.length;
}

/**
 * Whether a value declared alongside its numerator and denominator agrees with them: the computed value
 * (numerator / denominator × factor), rounded to as many decimals as the declared one was written with, must give
 * the declared value. "25" stands for 24.5 ≤ x < 25.5; "30.8" for 30.75 ≤ x < 30.85.
 */
export function declaredValueAgrees(declared: number, computed: number): boolean {
  const scale = 10 ** decimalsOf(declared);
  return Math.round(computed * scale) === Math.round(declared * scale);
}

const formatFigure = (value: number) => String(Math.round(value * 100) / 100);

/**
 * The data-quality note for a capture whose declared value does not match its own numerator and denominator; null
 * when it matches or there is nothing to compare. The report keeps the computed value (the counts are the evidence).
 */
export function declaredValueWarning(
  quarter: number,
  declared: number | null,
  measure: { numerator: number | null; denominator: number | null; achieved: number | null },
  factor: number,
): string | null {
  if (declared === null || measure.achieved === null || measure.numerator === null || measure.denominator === null) return null;
  if (declaredValueAgrees(declared, measure.achieved)) return null;
  return (
    `la captura del trimestre ${quarter} declara ${formatFigure(declared)}, pero su numerador y denominador dan ` +
    `${formatFigure(measure.numerator)} / ${formatFigure(measure.denominator)}${factor === 1 ? '' : ` × ${factor}`} = ${formatFigure(measure.achieved)}; ` +
    'el informe usa el valor calculado'
  );
}
