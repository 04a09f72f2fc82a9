import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type supertest from 'supertest';

/** Helpers shared by reporting's integration tests: a MIR file for catalog's import, and polling for what arrives by Kafka. */

const HEADERS = [
  'Nivel', 'Nombre', 'Definición', 'Método de cálculo', 'Unidad de medida', 'Tipo', 'Dimensión', 'Frecuencia', 'Sentido',
  'Línea base valor', 'Línea base año', 'Programado 1er trimestre', 'Programado 2do trimestre', 'Programado 3er trimestre',
  'Programado 4to trimestre', 'Programado acumulado', 'Medios de verificación',
];

/** Level and the four quarterly targets of each row. */
export type MirFixtureRow = [string, [number, number, number, number], ...unknown[]];

/** A MIR CSV catalog's import accepts: percentage indicators of the given levels and targets. */
export function mirCsv(rows: readonly MirFixtureRow[], baselineYear = 2022): Buffer {
  const lines = rows.map(([level, targets]) => [
    level,
    `Porcentaje de acciones del nivel ${level}`,
    `Mide el avance de las acciones del nivel ${level} del programa de participación`,
    '(acciones realizadas / acciones programadas) * 100',
    'Porcentaje',
    level.startsWith('Actividad') ? 'De gestión' : 'Estratégico',
    'Eficacia',
    'Trimestral',
    'Ascendente',
    '0%',
    String(baselineYear),
    ...targets.map((t) => `${t}%`),
    '1',
    `Informe trimestral, nivel ${level}`,
  ]);
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from([HEADERS, ...lines].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Sends the request and keeps the answer's bytes as they came (PDF, XLSX, CSV), whatever their content type. */
export async function download(request: supertest.Test): Promise<supertest.Response> {
  return request.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/**
 * The text lines of a PDF, read by the script the export library's own tests use (PDF.js, which ships as ES
 * modules only, in a child process). Run by path, not imported: an app's tests do not import a library's internals.
 */
export function pdfLines(pdf: Buffer): string[] {
  const script = join(__dirname, '..', '..', '..', 'libs', 'report-export', 'src', 'testing', 'inspect-pdf.mjs');
  const contents = JSON.parse(execFileSync(process.execPath, [script], { input: pdf, maxBuffer: 64 * 1024 * 1024 }).toString('utf8')) as { pages: { lines: string[] }[] };
  return contents.pages.flatMap((page) => page.lines);
}
