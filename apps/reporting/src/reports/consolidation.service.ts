import { Injectable, NotFoundException } from '@nestjs/common';
import { DEFAULT_BANDS, DEFAULT_DECIMALS, findMetric, FormulaTerm, IndicatorDefinition, ProgramSnapshot } from '@tequio/contracts';
import { CapturesRepository, ManualCapture } from '../captures/captures.repository';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { evaluateIndicator, Quarter, QUARTER_NUMBERS, QuarterMeasure, tidy } from '../evaluation/evaluate';
import { FactsRepository } from '../facts/facts.repository';
import { alignmentOf, Breakdown, declaredValueWarning, MirRow, MirTable, mirOrder, MonthFigures, Warning } from './mir-table';

/** First and last day of a quarter (days of the municipality's calendar, as the facts store them). */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(firstMonth + 2)}-${pad(lastDay)}` };
}

/** Consolidates a program's quarter: every indicator's numerator and denominator from facts, constants and captures. */
@Injectable()
export class ConsolidationService {
  constructor(
    private readonly snapshots: CatalogSnapshotsRepository,
    private readonly facts: FactsRepository,
    private readonly captures: CapturesRepository,
  ) {}

  async program(tenant: string, programId: string): Promise<ProgramSnapshot> {
    const program = await this.snapshots.program(tenant, programId);
    if (!program) throw new NotFoundException(`programId: no existe el programa ${programId}`);
    return program;
  }

  programsOfYear(tenant: string, year: number): Promise<ProgramSnapshot[]> {
    return this.snapshots.programs(tenant, year);
  }

  async table(tenant: string, program: ProgramSnapshot, year: number, quarter: number): Promise<MirTable> {
    const [indicators, plans, semaphore, captures] = await Promise.all([
      this.snapshots.indicatorsOfProgram(tenant, program.programId),
      this.snapshots.plans(tenant),
      this.snapshots.semaphore(tenant, year),
      this.captures.ofProgram(tenant, program.programId, year),
    ]);
    const bands = semaphore ? { bands: semaphore.bands, decimals: semaphore.decimals, isDefault: semaphore.isDefault } : { bands: [...DEFAULT_BANDS], decimals: DEFAULT_DECIMALS, isDefault: true };
    // Each indicator's queries run concurrently; warnings keep the MIR order.
    const evaluated = await Promise.all(
      indicators
        .filter((i) => i.year === year)
        .sort(mirOrder)
        .map(async (indicator) => {
          const own: Warning[] = [];
          return { row: await this.row(tenant, indicator, year, quarter as Quarter, bands, captures, own), warnings: own };
        }),
    );
    const rows: MirRow[] = evaluated.map((e) => e.row);
    const warnings: Warning[] = evaluated.flatMap((e) => e.warnings);
    return {
      program: { programId: program.programId, code: program.code, name: program.name, label: program.label, year: program.year, ownerUnitCode: program.ownerUnitCode },
      year,
      quarter,
      alignment: alignmentOf(program, plans),
      semaphore: bands,
      indicators: rows,
      warnings,
      computedAt: new Date().toISOString(),
    };
  }

  private async row(
    tenant: string,
    indicator: IndicatorDefinition,
    year: number,
    through: Quarter,
    semaphore: { bands: MirTable['semaphore']['bands']; decimals: number },
    captures: ManualCapture[],
    warnings: Warning[],
  ): Promise<MirRow> {
    const warn = (code: Warning['code'], message: string) => warnings.push({ code, indicatorId: indicator.indicatorId, message: `${indicator.levelLabel}: ${message}` });
    const measures: Partial<Record<Quarter, QuarterMeasure>> = {};
    const quarters = QUARTER_NUMBERS.filter((q) => q <= through);
    const measured = await Promise.all(
      quarters.map(async (quarter) => {
        const capture = captures.find((c) => c.indicatorId === indicator.indicatorId && c.quarter === quarter);
        const range = quarterRange(year, quarter);
        const [numerator, denominator] = await Promise.all([
          this.term(tenant, indicator.formula.numerator, range, capture?.numerator ?? null),
          this.term(tenant, indicator.formula.denominator, range, capture?.denominator ?? null),
        ]);
        return { quarter, capture, numerator, denominator };
      }),
    );
    for (const { quarter, capture, numerator, denominator } of measured) {
      if (capture && capture.evidence.length === 0 && capture.attachments === 0) warn('captura_sin_evidencia', `la captura del trimestre ${quarter} no tiene evidencia`);
      // A value captured with its numerator and/or denominator is only declared: the report computes it from them.
      const declaredOnly = capture !== undefined && capture.numerator === null && capture.denominator === null;
      const captured = declaredOnly ? capture.value : null;
      if (captured !== null || numerator !== null || denominator !== null) measures[quarter] = { numerator, denominator, value: captured };
    }
    const evaluation = evaluateIndicator(indicator, measures, through, semaphore);
    for (const { quarter, capture } of measured) {
      const declared = capture && (capture.numerator !== null || capture.denominator !== null) ? capture.value : null;
      const figures = evaluation.quarters.find((q) => q.quarter === quarter);
      const mismatch = figures ? declaredValueWarning(quarter, declared, figures, indicator.factor) : null;
      if (mismatch) warn('valor_declarado_no_cuadra', mismatch);
    }
    const targets = Object.values(indicator.targets);
    if (targets.every((t) => t === null)) warn('sin_metas', 'no tiene valores programados');
    else if (indicator.accumulation === 'annual_goal_share' && indicator.factor === 100) {
      const total = targets.reduce<number>((s, t) => s + (t ?? 0), 0);
      if (Math.abs(total - 100) > 0.5) warn('metas_no_suman_meta_anual', `las metas trimestrales suman ${total}, no el 100 % de la meta anual`);
    }
    for (const figures of [...evaluation.quarters, evaluation.cumulative]) {
      if (figures.flags.includes('denominador_cero')) {
        warn('denominador_cero', `el denominador es cero${'quarter' in figures ? ` en el trimestre ${figures.quarter}` : ' en el acumulado'}`);
      }
    }
    const breakdowns = await this.breakdowns(tenant, indicator, quarterRange(year, through));
    for (const breakdown of breakdowns) {
      const parts = breakdown.parts.reduce((s, p) => s + p.total, 0);
      if (Math.abs(parts - breakdown.total) > 1e-9) warn('desglose_no_suma', `el desglose de ${breakdown.metric} por ${breakdown.by} suma ${parts}, no ${breakdown.total}`);
    }
    return {
      months: monthsOf(indicator, year, through, breakdowns),
      indicatorId: indicator.indicatorId,
      levelLabel: indicator.levelLabel,
      name: indicator.name,
      definition: indicator.definition,
      calculationMethod: indicator.calculationMethod,
      unitOfMeasure: indicator.unitOfMeasure,
      type: indicator.type,
      dimension: indicator.dimension,
      frequency: indicator.frequency,
      direction: indicator.direction,
      baseline: indicator.baseline,
      accumulation: indicator.accumulation,
      factor: indicator.factor,
      responsibleUnitCode: indicator.responsibleUnitCode,
      meansOfVerification: indicator.meansOfVerification,
      targets: indicator.targets,
      evaluation,
      breakdowns,
    };
  }

  /** One side of the formula over a period: a metric's facts, the annual goal, or the captured figure. */
  private async term(tenant: string, term: FormulaTerm, range: { from: string; to: string }, captured: number | null): Promise<number | null> {
    if (term.kind === 'constant') return term.value;
    if (term.kind === 'manual') return captured;
    return this.facts.total({ tenant, metric: term.metric, filters: term.filters, ...range });
  }

  /** For the narrative: each metric side by month and by every dimension its filters leave open (the receiving unit too, when not fixed). */
  private async breakdowns(tenant: string, indicator: IndicatorDefinition, range: { from: string; to: string }): Promise<Breakdown[]> {
    const sides = (['numerator', 'denominator'] as const).flatMap((side) => {
      const term = indicator.formula[side];
      const metric = term.kind === 'metric' ? findMetric(term.metric) : undefined;
      return term.kind === 'metric' && metric ? [{ side, term, metric }] : [];
    });
    const result = await Promise.all(
      sides.map(async ({ side, term, metric }) => {
        const filter = { tenant, metric: term.metric, filters: term.filters, ...range };
        const open = metric.dimensions.filter((d) => !(d.name in term.filters)).map((d) => d.name);
        const [total, ...parts] = await Promise.all([this.facts.total(filter), ...['month', ...open].map((by) => this.facts.breakdown(filter, by))]);
        return ['month', ...open].map((by, index): Breakdown => ({ side, metric: term.metric, by, parts: parts[index], total }));
      }),
    );
    return result.flat();
  }
}

/**
 * The reported quarter month by month, where both sides can be split by month (a metric, or a constant taken as is);
 * a manual side is captured per quarter only, so its months are null.
 */
export function monthsOf(indicator: IndicatorDefinition, year: number, quarter: number, breakdowns: Breakdown[]): MonthFigures[] {
  const sideOn = (side: 'numerator' | 'denominator', month: string): number | null => {
    const term = indicator.formula[side];
    if (term.kind === 'constant') return term.value;
    if (term.kind === 'manual') return null;
    const byMonth = breakdowns.find((b) => b.side === side && b.by === 'month');
    return byMonth?.parts.find((p) => p.key === month)?.total ?? 0;
  };
  return [0, 1, 2].map((offset) => {
    const month = `${year}-${String((quarter - 1) * 3 + 1 + offset).padStart(2, '0')}`;
    const numerator = sideOn('numerator', month);
    const denominator = sideOn('denominator', month);
    const value = numerator === null || denominator === null || denominator === 0 ? null : tidy((numerator / denominator) * indicator.factor);
    return { month, numerator, denominator, value };
  });
}
