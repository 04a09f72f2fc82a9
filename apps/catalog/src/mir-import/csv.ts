import { MirFileError } from './mir-file-error';

/** Delimiters a spreadsheet may use when it saves CSV (Excel in Spanish uses ";"). */
const DELIMITERS = [',', ';', '\t'] as const;

/**
 * Decodes the bytes of a CSV file: UTF-8 (with or without BOM); files that are not valid UTF-8
 * are read as Windows-1252, which is what Excel on Windows writes for "CSV (delimitado por comas)".
 */
export function decodeCsv(buffer: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('windows-1252').decode(buffer);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The delimiter that appears most often outside quotes in the first lines (a title line above the
 * table may have none); "," on a tie.
 */
export function detectDelimiter(text: string, lines = 20): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let seen = 0;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n' && ++seen >= lines) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/**
 * RFC 4180 reader: fields separated by the delimiter, records by CRLF, LF or CR; a field in double
 * quotes may hold delimiters, line breaks and doubled quotes (""). A quote inside an unquoted field
 * is taken literally. Returns every record, including empty ones, so that index + 1 is the row
 * number a spreadsheet shows.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let started = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
    started = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i];
    if (char === '"' && !started) {
      // Quoted field: read up to the closing quote.
      const start = records.length + 1;
      i += 1;
      for (;;) {
        if (i >= text.length) throw new MirFileError(`archivo: comillas sin cerrar en el campo que empieza en la fila ${start}`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new MirFileError(`archivo: hay texto después de unas comillas de cierre en la fila ${records.length + 1}`);
      }
      started = true;
      continue;
    }
    if (char === delimiter) {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      started = true;
      i += 1;
    }
  }
  if (started || record.length > 0) endRecord();
  return records;
}

/** Writes one CSV record (RFC 4180 quoting when needed). */
export function csvRecord(cells: readonly string[], delimiter = ','): string {
  return cells.map((cell) => (/[",;\t\r\n]/.test(cell) || cell.trim() !== cell ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter);
}
