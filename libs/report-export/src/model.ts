/*
 * The Informe Trimestral as the renderers receive it: a plain, serialisable value (no classes, no
 * Dates: dates are ISO strings) so that reporting can freeze it as the approved snapshot and render
 * the same document from it every time.
 *
 * Conventions: quantities are in the indicator's unit of measure; relative figures (relative
 * variance, compliance, annual progress) are percentages in percent units (25.5 means 25.5 %).
 * A figure that cannot be computed is null and is shown as "n/a"; `notApplicable` says why.
 */

import type { IndicatorDirection, IndicatorLevel, MeasurementFrequency, SemaphoreBandData, SemaphoreColor } from '@tequio/contracts';

export type { IndicatorDirection, MeasurementFrequency, SemaphoreBandData };

export type ReportStatus = 'borrador' | 'elaborado' | 'validado' | 'aprobado';
export type Quarter = 1 | 2 | 3 | 4;
/** The MIR's levels, as catalog declares them. */
export type MirLevel = IndicatorLevel;
/** A row's colour; 'n/a' when compliance cannot be computed (as catalog's `colourFor` says). */
export type SemaforoColour = SemaphoreColor | 'n/a';

/** The municipality's semáforo for the year, as catalog publishes it. */
export interface SemaforoScale {
  /** Decimals compliance is shown and coloured with. */
  decimals: number;
  /** True when these are the platform's default bands. */
  isDefault: boolean;
  bands: SemaphoreBandData[];
}

export interface Semaforo {
  colour: SemaforoColour;
  /** The band the row's compliance fell in; null when 'n/a'. */
  band: SemaphoreBandData | null;
}

export interface ReportHeader {
  municipality: string;
  unit: { code: string; name: string };
  program: { code: string; name: string };
  year: number;
  quarter: Quarter;
  plan: {
    name: string;
    axis: { code: string; name: string };
    objectives: { code: string; name: string }[];
  };
  status: ReportStatus;
  /** ISO date (YYYY-MM-DD) when status is `aprobado`, otherwise null. */
  approvedOn: string | null;
}

/** Values for each quarter of the year (index 0 = first quarter) and the cumulative value to the reported quarter. */
export interface QuarterSeries {
  quarters: [number | null, number | null, number | null, number | null];
  cumulative: number | null;
}

export interface Variance {
  absolute: number | null;
  relative: number | null;
}

export type MirNumericField =
  | 'programmed'
  | 'achieved'
  | 'varianceQuarter'
  | 'varianceCumulative'
  | 'compliance'
  | 'annualProgress';

export interface MirRow {
  /** Hierarchical code in the MIR, e.g. "C1" or "A1.4". */
  code: string;
  level: MirLevel;
  name: string;
  methodOfCalculation: string;
  unitOfMeasure: string;
  frequency: MeasurementFrequency;
  direction: IndicatorDirection;
  programmed: QuarterSeries;
  achieved: QuarterSeries;
  /** Variance of the reported quarter (achieved − programmed) and of the cumulative values. */
  variance: { quarter: Variance; cumulative: Variance };
  /** Cumulative compliance against the cumulative programme, in percent. */
  compliance: number | null;
  /** Cumulative achieved against the annual target, in percent. */
  annualProgress: number | null;
  semaforo: Semaforo;
  meansOfVerification: string;
  /** Why a figure is "n/a" (e.g. no target programmed for the quarter). */
  notApplicable?: Partial<Record<MirNumericField, string>>;
}

export type BreakdownDimension = 'month' | 'category' | 'outcome' | 'requester_category';
export type ChartKind = 'bar' | 'pie';

export interface Breakdown {
  title: string;
  /** Registry metric the figures come from, e.g. "agenda.activities". */
  metric: string;
  dimension: BreakdownDimension;
  rows: { label: string; value: number }[];
  chart: ChartKind;
  total: number;
  /** False when the parts do not add up to the total (then a data-quality warning says why). */
  partsAddUp: boolean;
}

export interface DataQualityWarning {
  code: string;
  message: string;
  /** MIR row code the warning is about, if any. */
  indicatorCode?: string;
}

export type SignatureRole = 'elaboro' | 'valido' | 'vobo';

export interface Signature {
  role: SignatureRole;
  name: string;
  post: string;
  /** ISO date (YYYY-MM-DD) of the signature, null while unsigned. */
  date: string | null;
}

export interface QuarterlyReportDocument {
  header: ReportHeader;
  /** The bands every row was coloured with. */
  semaforo: SemaforoScale;
  mir: MirRow[];
  breakdowns: Breakdown[];
  dataQuality: DataQualityWarning[];
  signatures: Signature[];
}

export interface PlanningViewRow {
  unit: { code: string; name: string };
  program: { code: string; name: string };
  indicator: { code: string; name: string };
  level: MirLevel;
  quarter: { programmed: number | null; achieved: number | null; compliance: number | null };
  semaforo: Semaforo;
  /** The same quarter of the previous year; null when the indicator did not exist then. */
  previousYear: { achieved: number | null; compliance: number | null } | null;
}

/** Planning's cross-unit view of one quarter: every indicator of every program. */
export interface PlanningView {
  municipality: string;
  year: number;
  quarter: Quarter;
  semaforo: SemaforoScale;
  /** ISO timestamp the view was computed at; it dates the exported files. */
  generatedAt: string;
  rows: PlanningViewRow[];
}
