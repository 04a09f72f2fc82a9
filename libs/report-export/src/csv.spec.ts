import { csvField, mirCsvStream, planningCsvStream } from './csv';
import { streamToBuffer } from './streams';
import { REPORT_304_Q2_2023, planningViewOf } from './testing/report-fixtures';

/** Splits CSV text into records, honouring quoted fields with commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted && char === '"' && text[index + 1] === '"') {
      field += '"';
      index++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index++;
    } else {
      field += char;
    }
  }
  return records;
}

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and keeps accents as UTF-8', async () => {
    const bytes = await streamToBuffer(mirCsvStream(REPORT_304_Q2_2023));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Unidad responsable,Programa presupuestario,Año,Trimestre,Código,Nivel,Indicador,Método de cálculo')).toBe(true);
    expect(text).toContain('Propósito');
  });

  it('writes one record per MIR row with its figures, n/a where none can be computed', async () => {
    const text = (await streamToBuffer(mirCsvStream(REPORT_304_Q2_2023))).subarray(3).toString('utf8');
    const [header, ...rows] = parseCsv(text);
    expect(rows).toHaveLength(REPORT_304_Q2_2023.mir.length);
    const column = (name: string) => header.indexOf(name);
    const c1 = rows.find((row) => row[column('Código')] === 'C1');
    expect(c1?.[column('Programado 2do. trim.')]).toBe('28');
    expect(c1?.[column('Programado acumulado')]).toBe('51');
    expect(c1?.[column('Alcanzado acumulado')]).toBe('44');
    expect(c1?.[column('Cumplimiento %')]).toBe('86.27');
    expect(c1?.[column('Semáforo')]).toBe('Amarillo');
    expect(c1?.[column('Banda aplicada')]).toBe('desde 70 y menos de 90');
    const noTarget = rows.find((row) => row[column('Código')] === 'A1.9');
    expect(noTarget?.[column('Cumplimiento %')]).toBe('n/a');
    expect(noTarget?.[column('Semáforo')]).toBe('Sin dato');
    expect(noTarget?.[column('Notas n/a')]).toBe('Cumplimiento: sin meta programada al trimestre; Avance anual: sin meta anual programada');
    // A quoted name with commas survives the round trip.
    expect(rows.find((row) => row[column('Código')] === 'A1.7')?.[column('Indicador')]).toBe('Acciones para el protocolo de actuación, "fase 1", realizadas');
  });

  it('quotes separators, quotes and line breaks and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('dijo "sí"')).toBe('"dijo ""sí"""');
    expect(csvField('línea 1\nlínea 2')).toBe('"línea 1\nlínea 2"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-7)).toBe('-7');
    expect(csvField(null)).toBe('n/a');
  });

  it('streams planning views row by row', async () => {
    const stream = planningCsvStream(planningViewOf(300));
    let chunks = 0;
    const parts: Buffer[] = [];
    for await (const chunk of stream) {
      chunks++;
      parts.push(Buffer.from(chunk));
    }
    expect(chunks).toBeGreaterThan(1);
    const records = parseCsv(Buffer.concat(parts).subarray(3).toString('utf8'));
    expect(records).toHaveLength(301);
    expect(records[0]).toContain('Alcanzado año anterior');
    expect(records[1].slice(0, 3)).toEqual(['100', 'Unidad 100 de Atención Ciudadana', '01']);
  });
});
