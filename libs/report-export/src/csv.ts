import { Readable } from 'node:stream';
import { NOT_APPLICABLE } from './labels';
import type { PlanningView, QuarterlyReportDocument } from './model';
import { CellValue, Column, MIR_COLUMNS, PLANNING_COLUMNS, mirTableRows } from './tables';

/*
 * CSV for people who open it in Excel: UTF-8 with a byte-order mark (without it Excel reads the
 * accents as Latin-1), comma separated, CRLF line ends, RFC 4180 quoting. Numbers are written
 * plainly (dot decimal); a figure that cannot be computed is "n/a".
 */

const BOM = '\uFEFF';

export function csvField(value: CellValue): string {
  if (value === null) return NOT_APPLICABLE;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : NOT_APPLICABLE;
  // A leading = + - @ would make a spreadsheet evaluate a citizen-supplied text as a formula.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: CellValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function* csvLines<Row>(columns: Column<Row>[], rows: Iterable<Row>): Generator<string> {
  yield BOM + csvLine(columns.map((column) => column.header));
  for (const row of rows) yield csvLine(columns.map((column) => column.value(row)));
}

/** The report's MIR table as CSV, produced row by row. */
export function mirCsvStream(document: QuarterlyReportDocument): Readable {
  return unitMirCsvStream([document]);
}

/** The MIR tables of a unit's programs as one CSV (each row names its program). */
export function unitMirCsvStream(documents: QuarterlyReportDocument[]): Readable {
  return Readable.from(csvLines(MIR_COLUMNS, mirTableRows(documents)), { objectMode: false });
}

/** Planning's view as CSV, produced row by row (large views never sit whole in memory as text). */
export function planningCsvStream(view: PlanningView): Readable {
  return Readable.from(csvLines(PLANNING_COLUMNS, view.rows), { objectMode: false });
}
