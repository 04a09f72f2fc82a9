import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { barChartPng, BAR_ROW_PX, paletteColour, pieChartPng } from './chart-png';
import { RenderOptions, documentDate } from './document-date';
import {
  DIMENSION_LABEL,
  NOT_APPLICABLE,
  NO_ROWS,
  SEMAFORO_HEX,
  SIGNATURE_LABEL,
  STATUS_LABEL,
  formatLongDate,
  quarterLabel,
  scaleLabel,
} from './labels';
import type { Breakdown, PlanningView, QuarterlyReportDocument, SemaforoColour } from './model';
import { Column, MIR_COLUMNS, PLANNING_COLUMNS, mirTableRows } from './tables';
import { planLines, programLines, programPrefix, unitDocument } from './unit-report';
import { streamToBuffer } from './streams';
import { setZipEntryDates } from './zip-dates';

/*
 * The workbook: one sheet per section of the report. Figures are real numbers (percentages stored
 * as fractions with a percent format), a figure that cannot be computed is the text "n/a", header
 * rows are frozen and columns sized. Charts are the same PNG images as in the PDF, placed beside
 * the breakdown's rows so each bar lines up with its row.
 */

const CREATOR = 'Tequio';
const ROW_HEIGHT_PT = (BAR_ROW_PX * 72) / 96;
const BOLD = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6EE' } };

function solidFill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } };
}

async function workbookBytes(workbook: ExcelJS.Workbook, date: Date): Promise<Buffer> {
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return setZipEntryDates(bytes, date);
}

function writeFigure(cell: ExcelJS.Cell, value: string | number | null, kind: Column<unknown>['kind']): void {
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) {
    cell.value = NOT_APPLICABLE;
    cell.alignment = { horizontal: 'right' };
  } else if (typeof value === 'number' && kind === 'percent') {
    cell.value = value / 100;
    cell.numFmt = '0.0%';
  } else if (typeof value === 'number') {
    cell.value = value;
    cell.numFmt = Number.isInteger(value) ? '#,##0' : '#,##0.00';
  } else {
    cell.value = value;
  }
}

function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = BOLD;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
}

/**
 * A sheet holding one table: frozen header row, sized columns, filters, semáforo cells coloured.
 * With a streaming workbook each row is committed (written out and released) as soon as it is filled.
 */
function addTableSheet<Row>(
  workbook: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: Column<Row>[],
  rows: Iterable<Row>,
  semaforoOf: (row: Row) => SemaforoColour,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const streaming = workbook instanceof ExcelJS.stream.xlsx.WorkbookWriter;
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  styleHeaderRow(sheet.getRow(1));
  if (streaming) sheet.getRow(1).commit();
  const semaforoColumn = columns.findIndex((column) => column.header === 'Semáforo') + 1;
  let rowNumber = 1;
  for (const row of rows) {
    rowNumber++;
    const sheetRow = sheet.getRow(rowNumber);
    columns.forEach((column, index) => writeFigure(sheetRow.getCell(index + 1), column.value(row), column.kind));
    if (semaforoColumn > 0) sheetRow.getCell(semaforoColumn).fill = solidFill(SEMAFORO_HEX[semaforoOf(row)]);
    if (streaming) sheetRow.commit();
  }
  return sheet;
}

function addHeaderSheet(workbook: ExcelJS.Workbook, documents: QuarterlyReportDocument[]): void {
  const document = unitDocument(documents);
  const { header } = document;
  const sheet = workbook.addWorksheet('Encabezado', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 28 }, { width: 90 }, { width: 40 }, { width: 16 }];
  sheet.addRow([`Informe Trimestral ${header.year}`, quarterLabel(header.year, header.quarter)]).font = { bold: true, size: 14 };
  const fields: [string, string | number][] = [
    ['Municipio', header.municipality],
    ['Unidad responsable', `${header.unit.code} - ${header.unit.name}`],
    ...programLines(documents),
    ['Año', header.year],
    ['Trimestre', header.quarter],
    ['Plan', header.plan.name],
    ...planLines(documents),
    ['Semáforo', scaleLabel(document.semaforo)],
    ['Estado', STATUS_LABEL[header.status]],
    ['Fecha de aprobación', header.approvedOn === null ? 'Sin aprobar' : formatLongDate(header.approvedOn)],
  ];
  for (const [label, value] of fields) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = BOLD;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.addRow([]);
  styleHeaderRow(sheet.addRow(['Firma', 'Nombre', 'Cargo', 'Fecha']));
  for (const signature of document.signatures) {
    sheet.addRow([
      SIGNATURE_LABEL[signature.role],
      signature.name,
      signature.post,
      signature.date === null ? 'Sin firma' : formatLongDate(signature.date),
    ]);
  }
}

function addBreakdown(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, breakdown: Breakdown, prefix: string): void {
  sheet.addRow([]);
  sheet.addRow([`${prefix}${breakdown.title}`]).font = { bold: true, size: 12 };
  sheet.addRow([`Métrica: ${breakdown.metric}`]);
  styleHeaderRow(sheet.addRow([DIMENSION_LABEL[breakdown.dimension], 'Valor', 'Porcentaje']));
  const firstDataRow = sheet.rowCount + 1;
  breakdown.rows.forEach((entry, index) => {
    const row = sheet.addRow([entry.label, entry.value, breakdown.total > 0 ? entry.value / breakdown.total : NOT_APPLICABLE]);
    row.height = ROW_HEIGHT_PT;
    row.getCell(2).numFmt = '#,##0';
    row.getCell(3).numFmt = '0.0%';
    if (breakdown.chart === 'pie') row.getCell(4).fill = solidFill(paletteColour(index));
  });
  const total = sheet.addRow(['Total', breakdown.total]);
  total.font = BOLD;
  total.getCell(2).numFmt = '#,##0';
  sheet.addRow([breakdown.partsAddUp ? 'Las partes suman el total.' : 'Las partes NO suman el total: ver notas de calidad de datos.']);
  if (breakdown.rows.length === 0) {
    sheet.addRow([NO_ROWS]);
    return;
  }
  const values = breakdown.rows.map((row) => row.value);
  const chart = breakdown.chart === 'pie' ? pieChartPng(values) : barChartPng(values);
  const image = workbook.addImage({ buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png' });
  // Bars: one image pixel per screen pixel from the first data row, so each bar spans its own row.
  const scale = breakdown.chart === 'pie' ? 0.5 : 1;
  sheet.addImage(image, { tl: { col: 4.2, row: firstDataRow - 1 }, ext: { width: chart.width * scale, height: chart.height * scale } });
  // Leave room under a short table for the image.
  const rowsBelow = Math.ceil((chart.height * scale) / BAR_ROW_PX) - (sheet.rowCount - firstDataRow + 1);
  for (let index = 0; index < rowsBelow; index++) sheet.addRow([]);
}

function addBreakdownSheet(workbook: ExcelJS.Workbook, documents: QuarterlyReportDocument[]): void {
  const sheet = workbook.addWorksheet('Desgloses', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [{ width: 40 }, { width: 12 }, { width: 12 }, { width: 4 }];
  const { header } = documents[0];
  sheet.addRow([`Desgloses del ${quarterLabel(header.year, header.quarter)}`]).font = { bold: true, size: 14 };
  for (const document of documents) {
    for (const breakdown of document.breakdowns) addBreakdown(workbook, sheet, breakdown, programPrefix(documents, document));
  }
}

function addDataQualitySheet(workbook: ExcelJS.Workbook, documents: QuarterlyReportDocument[]): void {
  const sheet = workbook.addWorksheet('Calidad de datos', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Código', width: 28 },
    { header: 'Programa', width: 10 },
    { header: 'Indicador', width: 12 },
    { header: 'Nota', width: 100 },
  ];
  styleHeaderRow(sheet.getRow(1));
  for (const document of documents) {
    for (const warning of document.dataQuality) {
      const row = sheet.addRow([warning.code, document.header.program.code, warning.indicatorCode ?? '', warning.message]);
      row.getCell(4).alignment = { wrapText: true };
    }
  }
}

/** The report as a workbook: Encabezado, MIR, Desgloses, Calidad de datos. */
export async function renderReportXlsx(document: QuarterlyReportDocument, options: RenderOptions = {}): Promise<Buffer> {
  return renderUnitReportXlsx([document], options);
}

/** A unit's report as one workbook: the same four sheets, every program's rows in them. */
export async function renderUnitReportXlsx(documents: QuarterlyReportDocument[], options: RenderOptions = {}): Promise<Buffer> {
  const date = documentDate(unitDocument(documents), options);
  const workbook = dated(new ExcelJS.Workbook(), date);
  addHeaderSheet(workbook, documents);
  addTableSheet(workbook, 'MIR', MIR_COLUMNS, mirTableRows(documents), ({ row }) => row.semaforo.colour);
  addBreakdownSheet(workbook, documents);
  addDataQualitySheet(workbook, documents);
  return workbookBytes(workbook, date);
}

function dated<Book extends ExcelJS.Workbook>(workbook: Book, date: Date): Book {
  workbook.creator = CREATOR;
  workbook.lastModifiedBy = CREATOR;
  workbook.created = date;
  workbook.modified = date;
  return workbook;
}

/**
 * Planning's view as a one-sheet workbook, streamed: rows are compressed and written out as they
 * are produced, so a municipality-wide view never sits whole in memory as a workbook model.
 */
export function planningXlsxStream(view: PlanningView): Readable {
  const output = new PassThrough();
  const workbook = dated(new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false }), new Date(view.generatedAt));
  const sheet = addTableSheet(workbook, 'Planeación', PLANNING_COLUMNS, view.rows, (row) => row.semaforo.colour);
  sheet.headerFooter.oddHeader = `Planeación ${quarterLabel(view.year, view.quarter)} · ${view.municipality}`;
  sheet.commit();
  workbook.commit().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return output;
}

export async function renderPlanningXlsx(view: PlanningView): Promise<Buffer> {
  return streamToBuffer(planningXlsxStream(view));
}

