import ExcelJS from 'exceljs';
import { decodeCsv, parseCsv } from './csv';
import { MirFileError } from './mir-file-error';
import { checkXlsxExpansion } from './mir-zip';
import { parseLevelLabel } from '../indicators/mir-levels';
import { columnOf, isCumulativeUnderTargets, isQuarter, isTargetGroup, MIR_COLUMN_KEYS, MIR_HEADERS, MirColumnKey, normalizeHeader, REQUIRED_COLUMNS } from './mir-columns';

export type MirFileFormat = 'csv' | 'xlsx';

/** One data row of the file: its row number as a spreadsheet shows it, and its cells as text. */
export interface MirRawRow {
  row: number;
  cells: Partial<Record<MirColumnKey, string>>;
  /** Columns whose text was found further left than their header: the PDF conversion dropped empty cells before it. */
  shifted?: MirColumnKey[];
}

export interface MirTable {
  /** The header as written in the file for every recognised column (used to name columns in errors). */
  headers: Partial<Record<MirColumnKey, string>>;
  /** Headers of the file that name no column the import reads (achieved values, variance...). */
  ignoredColumns: string[];
  rows: MirRawRow[];
}

/** Row of cells as read from the file, before the header is known. */
interface SheetRow {
  row: number;
  cells: string[];
}

export const MAX_DATA_ROWS = 2000;
const HEADER_SEARCH_ROWS = 30;
const SUB_HEADER = /^(valor|ano|year|acumulado|.*\btrim(estre)?\b.*|[tq] ?[1-4])$/;

/**
 * Reads a MIR table from a CSV or XLSX file into raw cells keyed by canonical column. The header
 * row is the first one that has a "Nivel" and a "Nombre" column; it may be preceded by a group row
 * ("Valores Programados", "Valores Alcanzados", as in the printed report) and followed by a
 * sub-header row ("Valor", "Año" under "Línea Base"). Blank rows and repeated header rows are skipped.
 */
export async function parseMirTable(buffer: Buffer, format: MirFileFormat): Promise<MirTable> {
  if (buffer.length === 0) throw new MirFileError('archivo: está vacío');
  const rows = format === 'csv' ? csvRows(buffer) : await xlsxRows(buffer);
  return readTable(rows);
}

function csvRows(buffer: Buffer): SheetRow[] {
  return parseCsv(decodeCsv(buffer)).map((cells, index) => ({ row: index + 1, cells }));
}

async function xlsxRows(buffer: Buffer): Promise<SheetRow[]> {
  // ExcelJS inflates the whole workbook in memory: refuse a zip that expands too much before it does.
  checkXlsxExpansion(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new MirFileError('archivo: no es un libro de Excel (.xlsx) válido');
  }
  let first: SheetRow[] | undefined;
  for (const sheet of workbook.worksheets) {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        // A merged range holds its text in the top-left cell only, as a CSV export would.
        cells[column - 1] = cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell.value, cell.numFmt);
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') });
    });
    first ??= rows;
    // The first sheet with a MIR header wins, so a workbook may start with an instructions sheet.
    if (findHeader(rows) !== undefined) return rows;
  }
  return first ?? [];
}

/** The text a cell shows; numbers formatted as percentages become "25%". */
export function cellText(value: ExcelJS.CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numFmt?.includes('%') ? `${formatNumber(value * 100)}%` : formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'VERDADERO' : 'FALSO';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue, numFmt);
  if ('error' in value) return String(value.error);
  return '';
}

/** 28.999999999999996 → "29": spreadsheets store binary fractions. */
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function findHeader(rows: SheetRow[]): number | undefined {
  for (let index = 0; index < Math.min(rows.length, HEADER_SEARCH_ROWS); index++) {
    const keys = rows[index].cells.map((cell) => columnOf(normalizeHeader(cell)));
    if (keys.includes('level') && keys.includes('name')) return index;
  }
  return undefined;
}

function readTable(rows: SheetRow[]): MirTable {
  const headerIndex = findHeader(rows);
  if (headerIndex === undefined) {
    throw new MirFileError(
      `archivo: no se encontró el encabezado de la MIR (una fila con las columnas "${MIR_HEADERS.level}" y "${MIR_HEADERS.name}") en las primeras ${HEADER_SEARCH_ROWS} filas`,
    );
  }
  const header = rows[headerIndex];
  const previous = rows[headerIndex - 1];
  // A group row has headers over several columns; a single title line above the table is not one.
  const group = previous && previous.row === header.row - 1 && previous.cells.filter((cell) => cell.trim()).length > 1 ? previous.cells : [];
  const levelColumn = header.cells.findIndex((cell) => columnOf(normalizeHeader(cell)) === 'level');
  const next = rows[headerIndex + 1];
  const sub = next && next.row === header.row + 1 && isSubHeader(next.cells, levelColumn) ? next.cells : [];

  const width = Math.max(header.cells.length, sub.length);
  const columns = new Map<MirColumnKey, { index: number; header: string }>();
  const ignoredColumns: string[] = [];
  let headerCarry = '';
  let groupCarry = '';
  let previousKey: MirColumnKey | undefined;
  for (let index = 0; index < width; index++) {
    const own = (header.cells[index] ?? '').trim();
    const below = (sub[index] ?? '').trim();
    if (own) headerCarry = own;
    if ((group[index] ?? '').trim()) groupCarry = group[index].trim();
    // Under a merged "Línea Base" the second column has no header of its own, only "Año" below.
    // A header merged over both rows stays in the upper one ("Medios de Verificación" in the report).
    const local = [own || (below ? headerCarry : ''), below].filter(Boolean).join(' ') || (group[index] ?? '').trim();
    // A page without the "Valor | Año" sub-row leaves the year's column under "Línea Base" with no header at all.
    if (!local && previousKey === 'baselineValue' && !columns.has('baselineYear')) {
      columns.set('baselineYear', { index, header: `${headerCarry} (año)` });
      previousKey = 'baselineYear';
      continue;
    }
    previousKey = undefined;
    if (!local) continue;
    const key = keyOf(local, groupCarry);
    previousKey = key;
    const named = key === 'cumulativeTarget' && groupCarry && columnOf(normalizeHeader(local)) !== key ? `${groupCarry} ${local}` : local;
    if (!key) {
      ignoredColumns.push(groupCarry && SUB_HEADER.test(normalizeHeader(below || own)) ? `${groupCarry} ${local}` : local);
      continue;
    }
    const existing = columns.get(key);
    if (existing) {
      throw new MirFileError(
        `archivo: la columna "${MIR_HEADERS[key]}" aparece dos veces (columnas ${columnLetter(existing.index)} y ${columnLetter(index)})`,
      );
    }
    columns.set(key, { index, header: named });
  }
  const missing = REQUIRED_COLUMNS.filter((key) => !columns.has(key));
  if (missing.length > 0) {
    throw new MirFileError(`archivo: faltan las columnas obligatorias ${missing.map((key) => `"${MIR_HEADERS[key]}"`).join(', ')}`);
  }

  const dataRows: MirRawRow[] = [];
  const firstData = headerIndex + (sub.length > 0 ? 2 : 1);
  const groupText = filledText(group);
  const lastColumn = Math.max(...[...columns.values()].map((column) => column.index));
  const lastKey = [...columns].find(([, column]) => column.index === lastColumn)?.[0];
  for (const sheetRow of rows.slice(firstData)) {
    const cells: Partial<Record<MirColumnKey, string>> = {};
    for (const [key, column] of columns) cells[key] = (sheetRow.cells[column.index] ?? '').trim();
    if (Object.values(cells).every((cell) => !cell)) continue;
    // Tables copied from the printed report repeat the header, its group row and its sub-row on every page.
    if (columnOf(normalizeHeader(cells.level ?? '')) === 'level' || isSubHeader(sheetRow.cells, levelColumn)) continue;
    if (groupText && filledText(sheetRow.cells) === groupText) continue;
    if (isPageText(cells)) continue;
    const shifted = lastKey && lastKey !== 'level' ? recoverShiftedLast(sheetRow.cells, cells, lastKey, lastColumn, columns) : false;
    dataRows.push(shifted ? { row: sheetRow.row, cells, shifted: [lastKey as MirColumnKey] } : { row: sheetRow.row, cells });
  }
  if (dataRows.length === 0) throw new MirFileError('archivo: no tiene filas de indicadores debajo del encabezado');
  if (dataRows.length > MAX_DATA_ROWS) throw new MirFileError(`archivo: tiene ${dataRows.length} filas; el máximo es ${MAX_DATA_ROWS}`);

  const headers: Partial<Record<MirColumnKey, string>> = {};
  for (const key of MIR_COLUMN_KEYS) {
    const column = columns.get(key);
    if (column) headers[key] = column.header;
  }
  return { headers, ignoredColumns, rows: dataRows };
}

function filledText(cells: string[]): string {
  return cells.map((cell) => normalizeHeader(cell ?? '')).filter(Boolean).join('|');
}

/**
 * Text between the pages of a printed report ("Informe Trimestral 2023", "Unidad Responsable: 304 - …", signatures):
 * no MIR level and at most two of the required columns filled. A row with a wrong level and its data is still a row.
 */
function isPageText(cells: Partial<Record<MirColumnKey, string>>): boolean {
  if (parseLevelLabel(cells.level ?? '')) return false;
  return REQUIRED_COLUMNS.filter((key) => cells[key]).length <= 3;
}

const NUMBER_LIKE = /^[-+]?\d[\d.,\s]*%?$/;

/**
 * The last column of the table ("Medios de Verificación" in the report) is empty but the row has text further left,
 * after every other column the import reads: the PDF conversion dropped empty cells before it. Takes that text.
 */
function recoverShiftedLast(
  sheetCells: string[],
  cells: Partial<Record<MirColumnKey, string>>,
  lastKey: MirColumnKey,
  lastColumn: number,
  columns: Map<MirColumnKey, { index: number }>,
): boolean {
  if (cells[lastKey]) return false;
  const beforeLast = Math.max(-1, ...[...columns.values()].map((column) => column.index).filter((index) => index !== lastColumn));
  for (let index = Math.min(sheetCells.length, lastColumn) - 1; index > beforeLast; index--) {
    const text = (sheetCells[index] ?? '').trim();
    if (!text) continue;
    if (NUMBER_LIKE.test(text)) return false;
    cells[lastKey] = text;
    return true;
  }
  return false;
}

function keyOf(local: string, group: string): MirColumnKey | undefined {
  // "Acumulado *" under "Valores Programados" is the programmed cumulative, not the achieved one.
  if (group && isCumulativeUnderTargets(normalizeHeader(local), normalizeHeader(group))) return 'cumulativeTarget';
  const key = columnOf(normalizeHeader(local));
  // "1er. Trim." is a target under "Valores Programados", not under "Valores Alcanzados" or "Variación".
  if (group && key && isQuarter(key) && !isTargetGroup(normalizeHeader(group))) return undefined;
  return key;
}

function isSubHeader(cells: string[], levelColumn: number): boolean {
  if ((cells[levelColumn] ?? '').trim()) return false;
  const filled = cells.map((cell) => normalizeHeader(cell ?? '')).filter(Boolean);
  return filled.length > 0 && filled.every((cell) => SUB_HEADER.test(cell));
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
