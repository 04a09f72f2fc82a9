import { bandContains, findMetric, roundForDisplay } from '@tequio/contracts';
import type {
  Breakdown as ExportBreakdown,
  BreakdownDimension,
  MirRow as ExportMirRow,
  PlanningView,
  QuarterlyReportDocument,
  QuarterSeries,
  Semaforo,
  SemaforoScale,
  Signature,
  SignatureRole,
} from '@tequio/report-export';
import { Figures } from '../evaluation/evaluate';
import { levelOf, MirRow, MirTable } from '../reports/mir-table';
import { ReportStep } from '../reports/reports.repository';

/*
 * Reporting's report model turned into the document @tequio/report-export renders. Pure: the same table, steps
 * and names always give the same document, which is what lets an approved report be frozen and re-rendered.
 */

export interface ReportDocumentInput {
  municipality: string;
  unitName: string;
  table: MirTable;
  status: QuarterlyReportDocument['header']['status'];
  approvedAt: Date | null;
  history: ReportStep[];
}

const SIGNING_STEPS: Record<string, SignatureRole> = { prepare: 'elaboro', validate: 'valido', approve: 'vobo' };
const CHARTED: readonly string[] = ['month', 'category', 'outcome', 'requester_category'] satisfies BreakdownDimension[];
const DIMENSION_LABELS: Record<BreakdownDimension, string> = { month: 'mes', category: 'categoría', outcome: 'resultado', requester_category: 'categoría de solicitante' };
const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** A day of the municipality's calendar (America/Mexico_City), as the report prints dates. */
export function municipalDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** "F", "P", "C1", "A1.4": the row codes of the MIR. */
export function mirCode(levelLabel: string): string {
  const number = levelLabel.split(' ')[1] ?? '';
  return { fin: 'F', proposito: 'P', componente: 'C', actividad: 'A' }[levelOf(levelLabel)] + number;
}

export function semaforoScale(semaphore: MirTable['semaphore']): SemaforoScale {
  return { decimals: semaphore.decimals, isDefault: semaphore.isDefault, bands: semaphore.bands };
}

/** A figure's colour and the band it fell in. */
export function semaforoOf(figures: Pick<Figures, 'compliance' | 'colour'>, semaphore: MirTable['semaphore']): Semaforo {
  if (figures.colour === 'n/a' || figures.compliance === null) return { colour: 'n/a', band: null };
  const shown = roundForDisplay(figures.compliance, semaphore.decimals);
  return { colour: figures.colour, band: semaphore.bands.find((band) => bandContains(band, shown)) ?? null };
}

/** The signature block: the last prepare / validate / approve since the report was last reopened. */
export function signaturesOf(history: ReportStep[]): Signature[] {
  const lastReopen = history.map((step) => step.action).lastIndexOf('reopen');
  const signed = new Map<SignatureRole, ReportStep>();
  for (const step of history.slice(lastReopen + 1)) {
    const role = SIGNING_STEPS[step.action];
    if (role) signed.set(role, step);
  }
  return (['elaboro', 'valido', 'vobo'] as const).map((role) => {
    const step = signed.get(role);
    return step
      ? { role, name: step.actorName ?? step.actor, post: step.actorPost ?? '', date: municipalDay(new Date(step.at)) }
      : { role, name: '', post: '', date: null };
  });
}

function mirRow(row: MirRow, semaphore: MirTable['semaphore']): ExportMirRow {
  const { quarters, cumulative, annualProgress } = row.evaluation;
  const reported = quarters[quarters.length - 1];
  const byQuarter = (pick: (figures: Figures) => number | null): QuarterSeries['quarters'] =>
    [1, 2, 3, 4].map((q) => {
      const figures = quarters.find((f) => f.quarter === q);
      return figures ? pick(figures) : null;
    }) as QuarterSeries['quarters'];
  const targets = row.targets as Record<'q1' | 'q2' | 'q3' | 'q4', number | null>;
  const notApplicable: ExportMirRow['notApplicable'] = {};
  if (cumulative.flags.includes('sin_meta') || cumulative.flags.includes('meta_cero')) notApplicable.compliance = 'sin meta programada al trimestre';
  else if (cumulative.flags.includes('denominador_cero')) notApplicable.compliance = 'denominador cero';
  else if (cumulative.compliance === null) notApplicable.compliance = 'sin medición';
  return {
    code: mirCode(row.levelLabel),
    level: levelOf(row.levelLabel),
    name: row.name,
    methodOfCalculation: row.calculationMethod,
    unitOfMeasure: row.unitOfMeasure,
    frequency: row.frequency,
    direction: row.direction,
    programmed: { quarters: [targets.q1, targets.q2, targets.q3, targets.q4], cumulative: cumulative.programmed },
    achieved: { quarters: byQuarter((f) => f.achieved), cumulative: cumulative.achieved },
    variance: {
      quarter: { absolute: reported?.absoluteVariance ?? null, relative: reported?.relativeVariance ?? null },
      cumulative: { absolute: cumulative.absoluteVariance, relative: cumulative.relativeVariance },
    },
    compliance: cumulative.compliance,
    annualProgress,
    semaforo: semaforoOf(cumulative, semaphore),
    meansOfVerification: row.meansOfVerification ?? '',
    ...(Object.keys(notApplicable).length > 0 ? { notApplicable } : {}),
  };
}

function partLabel(by: string, key: string): string {
  if (by !== 'month') return key;
  const month = Number(key.slice(5, 7));
  return MONTHS[month - 1] ?? key;
}

/** The narrative's figures: each metric by month and by its charted dimensions, once per metric even when several indicators use it. */
function breakdownsOf(table: MirTable): ExportBreakdown[] {
  const seen = new Set<string>();
  const result: ExportBreakdown[] = [];
  for (const row of table.indicators) {
    for (const breakdown of row.breakdowns) {
      const key = `${breakdown.metric}|${breakdown.by}`;
      if (!CHARTED.includes(breakdown.by) || seen.has(key)) continue;
      seen.add(key);
      const dimension = breakdown.by as BreakdownDimension;
      const parts = breakdown.parts.reduce((sum, part) => sum + part.total, 0);
      result.push({
        title: `${findMetric(breakdown.metric)?.description ?? breakdown.metric} por ${DIMENSION_LABELS[dimension]}`,
        metric: breakdown.metric,
        dimension,
        rows: breakdown.parts.map((part) => ({ label: partLabel(breakdown.by, part.key), value: part.total })),
        chart: dimension === 'outcome' ? 'pie' : 'bar',
        total: breakdown.total,
        partsAddUp: Math.abs(parts - breakdown.total) <= 1e-9,
      });
    }
  }
  return result;
}

/** One program's Informe Trimestral. */
export function reportDocument(input: ReportDocumentInput): QuarterlyReportDocument {
  const { table } = input;
  const codeOf = new Map(table.indicators.map((row) => [row.indicatorId, mirCode(row.levelLabel)]));
  const [axis] = table.alignment.axes;
  return {
    header: {
      municipality: input.municipality,
      unit: { code: table.program.ownerUnitCode, name: input.unitName },
      program: { code: table.program.code, name: table.program.name },
      year: table.year,
      quarter: table.quarter as QuarterlyReportDocument['header']['quarter'],
      plan: {
        name: table.alignment.plan ?? '',
        axis: axis ? { code: String(axis.number), name: axis.name } : { code: '', name: '' },
        objectives: table.alignment.axes.flatMap((a) => a.objectives),
      },
      status: input.status,
      approvedOn: input.status === 'aprobado' && input.approvedAt ? municipalDay(new Date(input.approvedAt)) : null,
    },
    semaforo: semaforoScale(table.semaphore),
    mir: table.indicators.map((row) => mirRow(row, table.semaphore)),
    breakdowns: breakdownsOf(table),
    dataQuality: table.warnings.map((warning) => {
      const indicatorCode = warning.indicatorId ? codeOf.get(warning.indicatorId) : undefined;
      return { code: warning.code, message: warning.message, ...(indicatorCode ? { indicatorCode } : {}) };
    }),
    signatures: signaturesOf(input.history),
  };
}

export interface PlanningViewRowInput {
  unit: { code: string; name: string };
  program: { code: string; name: string };
  row: MirRow;
  semaphore: MirTable['semaphore'];
  /** The same quarter of the previous year, if the indicator existed then. */
  previousQuarter: Figures | null;
}

/** Planning's cross-unit view as the renderers take it: the reported quarter of each indicator beside last year's. */
export function planningViewDocument(input: {
  municipality: string;
  year: number;
  quarter: number;
  semaphore: MirTable['semaphore'];
  generatedAt: Date;
  rows: PlanningViewRowInput[];
}): PlanningView {
  return {
    municipality: input.municipality,
    year: input.year,
    quarter: input.quarter as PlanningView['quarter'],
    semaforo: semaforoScale(input.semaphore),
    generatedAt: input.generatedAt.toISOString(),
    rows: input.rows.map(({ unit, program, row, semaphore, previousQuarter }) => {
      const reported = row.evaluation.quarters[row.evaluation.quarters.length - 1];
      return {
        unit,
        program,
        indicator: { code: mirCode(row.levelLabel), name: row.name },
        level: levelOf(row.levelLabel),
        quarter: { programmed: reported?.programmed ?? null, achieved: reported?.achieved ?? null, compliance: reported?.compliance ?? null },
        semaforo: reported ? semaforoOf(reported, semaphore) : { colour: 'n/a', band: null },
        previousYear: previousQuarter ? { achieved: previousQuarter.achieved, compliance: previousQuarter.compliance } : null,
      };
    }),
  };
}
