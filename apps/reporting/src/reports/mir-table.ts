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
  code: 'sin_metas' | 'metas_no_suman_meta_anual' | 'captura_sin_evidencia' | 'denominador_cero' | 'desglose_no_suma' | 'eventos_despues_de_aprobacion' | 'sin_medicion';
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
