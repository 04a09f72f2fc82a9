export * from './model';
export { CHART_PALETTE, barChartPng, pieChartPng } from './chart-png';
export type { ChartImage } from './chart-png';
export { csvField, mirCsvStream, planningCsvStream, unitMirCsvStream } from './csv';
export { documentDate } from './document-date';
export type { RenderOptions } from './document-date';
export { exportPlanningView, exportQuarterlyReport, exportUnitReport } from './export';
export type { ExportedFile, ReportExportOptions } from './export';
export {
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  attachmentDisposition,
  planningFileName,
  reportFileName,
} from './file-name';
export type { ExportFileNameInput, ExportFormat } from './file-name';
export { renderPlanningJson, renderReportJson, renderUnitReportJson } from './json';
export { renderReportPdf, renderUnitReportPdf, reportPdfStream, unitReportPdfStream } from './pdf';
export { streamToBuffer } from './streams';
export { planningXlsxStream, renderPlanningXlsx, renderReportXlsx, renderUnitReportXlsx } from './xlsx';
export { unitHeader } from './unit-report';
export { EXAMPLE_QUARTERLY_REPORT, EXAMPLE_SEMAFORO, exampleMirRow, examplePlanningView } from './examples';
export type { ExampleMirRowInput } from './examples';
export { planningViewSchema, quarterlyReportDocumentSchema } from './schema';
