import { csvRecord, decodeCsv, detectDelimiter, parseCsv } from './csv';
import { MirFileError } from './mir-file-error';

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, and CRLF records', () => {
    const text = 'a,b,c\r\n"uno, dos","dijo ""hola""","línea 1\r\nlínea 2"\r\n,,\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['uno, dos', 'dijo "hola"', 'línea 1\r\nlínea 2'],
      ['', '', ''],
    ]);
  });

  it('keeps LF, CR and a last record without line break, and empty quoted fields', () => {
    expect(parseCsv('a,b\nc,""\rd,e')).toEqual([
      ['a', 'b'],
      ['c', ''],
      ['d', 'e'],
    ]);
  });

  it('keeps blank lines as empty records so that indexes match spreadsheet rows', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(parseCsv('5" pulgadas,x')).toEqual([['5" pulgadas', 'x']]);
  });

  it('detects semicolons and tabs, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('Nivel;Nombre;"a,b,c,d"\n1;2;3')).toBe(';');
    expect(detectDelimiter('Informe, 2023\nNivel;Nombre;Tipo\n1;2;3')).toBe(';');
    expect(detectDelimiter('Nivel,Nombre\n' + 'a;b\n'.repeat(30), 1)).toBe(',');
    expect(detectDelimiter('Nivel\tNombre\tTipo')).toBe('\t');
    expect(detectDelimiter('Nivel,Nombre')).toBe(',');
    expect(parseCsv('a;"b;c"\r\n1;2')).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
  });

  it('rejects an unclosed quote and text after a closing quote, naming the row', () => {
    expect(() => parseCsv('a,b\n"abierto,c\n')).toThrow(new MirFileError('archivo: comillas sin cerrar en el campo que empieza en la fila 2'));
    expect(() => parseCsv('a\n"x"y,z')).toThrow(/fila 2/);
  });

  it('decodes UTF-8 with or without BOM, and falls back to Windows-1252', () => {
    expect(decodeCsv(Buffer.from('\ufeffDefinición', 'utf8'))).toBe('Definición');
    expect(decodeCsv(Buffer.from('Año', 'utf8'))).toBe('Año');
    expect(decodeCsv(Buffer.from([0x41, 0xf1, 0x6f]))).toBe('Año');
  });

  it('writes records that it reads back unchanged', () => {
    const cells = ['simple', 'con, coma', 'con "comillas"', 'dos\nlíneas', ' espacios '];
    expect(parseCsv(csvRecord(cells))).toEqual([cells]);
    expect(parseCsv(csvRecord(cells, ';'), ';')).toEqual([cells]);
  });
});
