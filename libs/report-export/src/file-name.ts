import type { Quarter } from './model';

export type ExportFormat = 'json' | 'csv' | 'xlsx' | 'pdf';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'xlsx', 'pdf'];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface ExportFileNameInput {
  unitCode: string;
  year: number;
  quarter: Quarter;
  /** Given for a per-program export: `informe-402-P08-2025-T3.pdf`. */
  programCode?: string;
}

/** `informe-402-2025-T3.pdf`: codes keep only letters, digits, dots and dashes so the name is safe in a header. */
export function reportFileName(input: ExportFileNameInput, format: ExportFormat): string {
  const program = input.programCode === undefined ? '' : `-P${safeCode(input.programCode)}`;
  return `informe-${safeCode(input.unitCode)}${program}-${input.year}-T${input.quarter}.${format}`;
}

/** `planeacion-2025-T3.xlsx` for planning's cross-unit view. */
export function planningFileName(input: { year: number; quarter: Quarter }, format: ExportFormat): string {
  return `planeacion-${input.year}-T${input.quarter}.${format}`;
}

/** Value for the Content-Disposition header of a download. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}

function safeCode(code: string): string {
  return code.normalize('NFD').replace(/[^A-Za-z0-9.-]+/g, '');
}
