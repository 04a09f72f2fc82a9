import type {
  BreakdownDimension,
  MirNumericField,
  Quarter,
  ReportStatus,
  SemaforoColour,
  SemaforoScale,
  SemaphoreBandData,
  SignatureRole,
} from './model';

// Spanish wording shared by every format, so the CSV, the workbook and the PDF say the same thing.

export {
  INDICATOR_DIRECTION_LABELS as DIRECTION_LABEL,
  INDICATOR_LEVEL_LABELS as LEVEL_LABEL,
  MEASUREMENT_FREQUENCY_LABELS as FREQUENCY_LABEL,
} from '@tequio/contracts';

export const STATUS_LABEL: Record<ReportStatus, string> = {
  borrador: 'Borrador',
  elaborado: 'Elaborado',
  validado: 'Validado',
  aprobado: 'Aprobado',
};

export const SEMAFORO_LABEL: Record<SemaforoColour, string> = {
  verde: 'Verde',
  amarillo: 'Amarillo',
  rojo: 'Rojo',
  'n/a': 'Sin dato',
};

/** RGB hex of each semáforo colour, for cell fills and table backgrounds. */
export const SEMAFORO_HEX: Record<SemaforoColour, string> = {
  verde: '2E9E4F',
  amarillo: 'F2C230',
  rojo: 'D64541',
  'n/a': 'BDBDBD',
};

export const SIGNATURE_LABEL: Record<SignatureRole, string> = {
  elaboro: 'Elaboró',
  valido: 'Validó',
  vobo: 'Vo. Bo.',
};

export const DIMENSION_LABEL: Record<BreakdownDimension, string> = {
  month: 'Mes',
  category: 'Categoría',
  outcome: 'Resultado',
  requester_category: 'Categoría del solicitante',
};

const ORDINAL: Record<Quarter, string> = { 1: '1er.', 2: '2do.', 3: '3er.', 4: '4to.' };
const MONTHS: Record<Quarter, string> = {
  1: 'enero–marzo',
  2: 'abril–junio',
  3: 'julio–septiembre',
  4: 'octubre–diciembre',
};

/** "desde 90 hasta 110", "más de 130": a band in words (the PDF's font has no ≥). */
export function bandLabel(band: SemaphoreBandData): string {
  const from = `${band.minInclusive ? 'desde' : 'más de'} ${NUMBER.format(band.min)}`;
  if (band.max === null) return from;
  return `${from} ${band.maxInclusive ? 'hasta' : 'y menos de'} ${NUMBER.format(band.max)}`;
}

/** "rojo desde 0 y menos de 70; amarillo …". */
export function scaleLabel(scale: SemaforoScale): string {
  const bands = scale.bands.map((band) => `${SEMAFORO_LABEL[band.color].toLowerCase()} ${bandLabel(band)}`).join('; ');
  return `${bands} (cumplimiento en %${scale.isDefault ? ', valores por omisión' : ''})`;
}

/** "3er. trimestre 2025 (julio–septiembre)". */
export function quarterLabel(year: number, quarter: Quarter): string {
  return `${ORDINAL[quarter]} trimestre ${year} (${MONTHS[quarter]})`;
}

export function quarterShort(quarter: Quarter): string {
  return `${ORDINAL[quarter]} trim.`;
}

const NUMBER = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 2 });
const SPANISH_MONTHS = [
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio',
  'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre',
];

export const NOT_APPLICABLE = 'n/a';
/** What a breakdown without rows says instead of a chart. */
export const NO_ROWS = 'Sin registros en el trimestre.';

export function formatNumber(value: number | null): string {
  return value === null ? NOT_APPLICABLE : NUMBER.format(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? NOT_APPLICABLE : `${NUMBER.format(value)} %`;
}

/** "30 de septiembre de 2025" from an ISO date, without time zones getting in the way. */
export function formatLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return `${day} de ${SPANISH_MONTHS[month - 1]} de ${year}`;
}

export const FIGURE_LABEL: Record<MirNumericField, string> = {
  programmed: 'Programado',
  achieved: 'Alcanzado',
  varianceQuarter: 'Variación del trimestre',
  varianceCumulative: 'Variación acumulada',
  compliance: 'Cumplimiento',
  annualProgress: 'Avance anual',
};

/** "Cumplimiento: sin meta programada; Avance anual: …" for a row's n/a figures. */
export function notApplicableNotes(reasons: Partial<Record<MirNumericField, string>> | undefined): string {
  return Object.entries(reasons ?? {})
    .map(([field, reason]) => `${FIGURE_LABEL[field as MirNumericField]}: ${reason}`)
    .join('; ');
}
