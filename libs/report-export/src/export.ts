import { Readable } from 'node:stream';
import { planningCsvStream, unitMirCsvStream } from './csv';
import { RenderOptions } from './document-date';
import { EXPORT_CONTENT_TYPES, ExportFormat, planningFileName, reportFileName } from './file-name';
import { renderPlanningJson, renderReportJson, renderUnitReportJson } from './json';
import type { PlanningView, QuarterlyReportDocument } from './model';
import { unitReportPdfStream } from './pdf';
import { unitHeader } from './unit-report';
import { planningXlsxStream, renderUnitReportXlsx } from './xlsx';

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
  return { fileName, contentType: EXPORT_CONTENT_TYPES[format], body: await reportBody([document], format, options, false) };
}

/** One program's report as `{...}`, a unit's as `{ "programs": [...] }`; the other formats look the same. */
async function reportBody(documents: QuarterlyReportDocument[], format: ExportFormat, options: RenderOptions, unit: boolean): Promise<Readable> {
  switch (format) {
    case 'json':
      return Readable.from([unit ? renderUnitReportJson(documents) : renderReportJson(documents[0])]);
    case 'csv':
      return unitMirCsvStream(documents);
    case 'xlsx':
      return Readable.from([await renderUnitReportXlsx(documents, options)]);
    case 'pdf':
      return unitReportPdfStream(documents, options);
  }
}

/**
 * A unit's report for a quarter, all its programs in one file (JSON: `{ "programs": [...] }`), named
 * after the unit. Every document must be of the same unit, year and quarter.
 */
export async function exportUnitReport(
  documents: QuarterlyReportDocument[],
  format: ExportFormat,
  options: RenderOptions = {},
): Promise<ExportedFile> {
  const { unit, year, quarter } = unitHeader(documents);
  const fileName = reportFileName({ unitCode: unit.code, year, quarter }, format);
  return { fileName, contentType: EXPORT_CONTENT_TYPES[format], body: await reportBody(documents, format, options, true) };
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
