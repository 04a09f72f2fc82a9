import { Readable } from 'node:stream';
import { mirCsvStream, planningCsvStream } from './csv';
import { RenderOptions } from './document-date';
import { EXPORT_CONTENT_TYPES, ExportFormat, planningFileName, reportFileName } from './file-name';
import { renderPlanningJson, renderReportJson } from './json';
import type { PlanningView, QuarterlyReportDocument } from './model';
import { reportPdfStream } from './pdf';
import { planningXlsxStream, renderReportXlsx } from './xlsx';

/** A file ready to send: what a download endpoint needs for its headers and body. */
export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

export interface ReportExportOptions extends RenderOptions {
  /** Name the file after the program too (`informe-402-P08-2025-T3.pdf`), for a per-program export. */
  perProgram?: boolean;
}

/** One entry point for the download endpoints: the report in `format`, with its file name and content type. */
export async function exportQuarterlyReport(
  document: QuarterlyReportDocument,
  format: ExportFormat,
  options: ReportExportOptions = {},
): Promise<ExportedFile> {
  const { header } = document;
  const fileName = reportFileName(
    { unitCode: header.unit.code, year: header.year, quarter: header.quarter, programCode: options.perProgram ? header.program.code : undefined },
    format,
  );
  return { fileName, contentType: EXPORT_CONTENT_TYPES[format], body: await reportBody(document, format, options) };
}

async function reportBody(document: QuarterlyReportDocument, format: ExportFormat, options: RenderOptions): Promise<Readable> {
  switch (format) {
    case 'json':
      return Readable.from([renderReportJson(document)]);
    case 'csv':
      return mirCsvStream(document);
    case 'xlsx':
      return Readable.from([await renderReportXlsx(document, options)]);
    case 'pdf':
      return reportPdfStream(document, options);
  }
}

/** Planning's cross-unit view in `format` (JSON, CSV or XLSX; there is no PDF of it). */
export function exportPlanningView(view: PlanningView, format: Exclude<ExportFormat, 'pdf'>): ExportedFile {
  const fileName = planningFileName(view, format);
  const body =
    format === 'csv' ? planningCsvStream(view)
    : format === 'xlsx' ? planningXlsxStream(view)
    : Readable.from([renderPlanningJson(view)]);
  return { fileName, contentType: EXPORT_CONTENT_TYPES[format], body };
}
