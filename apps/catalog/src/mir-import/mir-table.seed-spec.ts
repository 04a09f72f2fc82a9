import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseMirTable } from './mir-table';

// Reads the real quarterly report beside the repository: runs in the seeds suite only (jest.seeds.config.js).
const SEED = path.resolve(__dirname, '../../../../../shared/seeds/secretaria-gobierno-mir-q2-2023.txt');

describe('parseMirTable on the seed report', () => {
  it('reads a page of the seed report as it is (tab separated), taking targets from "Valores Programados"', async () => {
    const lines = readFileSync(SEED, 'utf8').split('\n');
    const start = lines.map((line, index) => (line.startsWith('Datos del Indicador') ? index : -1)).filter((i) => i >= 0).pop() as number;
    const end = lines.findIndex((line, index) => index > start && line.trim() === '');
    const page = lines.slice(start, end);
    const data = page.filter((line) => /^(Fin|Propósito|Componente|Actividad)\b/.test(line)).map((line) => line.split('\t'));
    expect(data.length).toBeGreaterThan(0);

    const table = await parseMirTable(Buffer.from(page.join('\n'), 'utf8'), 'csv');
    expect(table.rows.map((r) => r.cells.level)).toEqual(data.map((fields) => fields[0]));
    table.rows.forEach((parsed, index) => {
      const fields = data[index];
      expect(parsed.cells).toMatchObject({
        name: fields[1],
        baselineValue: fields[9],
        baselineYear: fields[10],
        q1: fields[11],
        q2: fields[12],
        q3: fields[13],
        q4: fields[14],
        cumulativeTarget: fields[15],
        meansOfVerification: fields.filter((f) => f.trim()).pop()?.trim(),
      });
    });
  });

});

describe('parseMirTable on the whole seed report, as it is', () => {
  it('reads every MIR row of every page: pages without the "Valor | Año" sub-row, repeated headers and page text skipped, shifted "Medios de Verificación" recovered', async () => {
    const text = readFileSync(SEED, 'utf8');
    const data = text
      .split(/\r?\n/)
      .filter((line) => /^(Fin|Propósito|Componente \d+|Actividad \d+\.\d+)\t/.test(line))
      .map((line) => line.split('\t').map((cell) => cell.trim()));
    expect(data).toHaveLength(15);

    const table = await parseMirTable(Buffer.from(text, 'utf8'), 'csv');
    expect(table.rows.map((r) => r.cells.level)).toEqual(data.map((fields) => fields[0]));
    table.rows.forEach((parsed, index) => {
      const fields = data[index];
      expect(parsed.cells).toMatchObject({
        name: fields[1],
        frequency: fields[7],
        baselineValue: fields[9],
        baselineYear: fields[10],
        q1: fields[11],
        q2: fields[12],
        q3: fields[13],
        q4: fields[14],
        cumulativeTarget: fields[15],
        meansOfVerification: fields.filter(Boolean).pop(),
      });
    });
    // Some rows lost an empty cell before "Medios de Verificación": recovered, and flagged for the dry run.
    expect(table.rows.some((row) => row.shifted?.includes('meansOfVerification'))).toBe(true);
  });
});
