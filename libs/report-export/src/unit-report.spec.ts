import ExcelJS from 'exceljs';
import { exportUnitReport } from './export';
import { exampleMirRow } from './examples';
import type { QuarterlyReportDocument } from './model';
import { renderUnitReportPdf } from './pdf';
import { streamToBuffer } from './streams';
import { allLines, readPdf } from './testing/pdf-text';
import { REPORT_304_Q2_2023, REPORT_402_Q3_2025 } from './testing/report-fixtures';
import { unitHeader } from './unit-report';

// A second program of unit 402 in the same quarter, approved a week later.
const PROGRAM_09: QuarterlyReportDocument = {
  ...REPORT_402_Q3_2025,
  header: { ...REPORT_402_Q3_2025.header, program: { code: '09', name: 'Atención ciudadana cercana' }, approvedOn: '2025-10-22' },
  mir: [
    exampleMirRow(
      {
        code: 'C1',
        level: 'componente',
        name: 'Audiencias públicas realizadas',
        methodOfCalculation: '(audiencias realizadas / audiencias programadas) × 100',
        meansOfVerification: 'Minutas',
        programmed: [10, 10, 10, 10],
        achieved: [9, 12, 11, null],
      },
      3,
    ),
  ],
  breakdowns: [{ ...REPORT_402_Q3_2025.breakdowns[2], title: 'Audiencias públicas por resultado' }],
  dataQuality: [{ code: 'sin_minuta', message: 'Dos audiencias sin minuta cargada.' }],
};
const UNIT_402 = [REPORT_402_Q3_2025, PROGRAM_09];

describe('a unit\'s report across its programs', () => {
  it('is approved, dated by the latest approval, only when every program is', () => {
    expect(unitHeader(UNIT_402)).toMatchObject({ status: 'aprobado', approvedOn: '2025-10-22' });
    const pending = { ...PROGRAM_09, header: { ...PROGRAM_09.header, status: 'validado' as const, approvedOn: null } };
    expect(unitHeader([REPORT_402_Q3_2025, pending])).toMatchObject({ status: 'validado', approvedOn: null });
  });

  it('refuses programs of another unit or quarter', () => {
    expect(() => unitHeader([REPORT_402_Q3_2025, REPORT_304_Q2_2023])).toThrow(
      'informe de la unidad: el programa 04 es de 304 2023 T2, no de 402 2025 T3',
    );
    expect(() => unitHeader([])).toThrow('se necesita al menos un programa');
  });

  it('puts every program\'s MIR, charts and notes in one PDF, signed once', async () => {
    const contents = readPdf(await renderUnitReportPdf(UNIT_402));
    const lines = allLines(contents);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Programa presupuestario: 08 - Gobierno innovador y tecnológico',
        'Programa presupuestario: 09 - Atención ciudadana cercana',
        'Estado: Aprobado, 22 de octubre de 2025',
        'Programa 08 - Gobierno innovador y tecnológico',
        'Programa 09 - Atención ciudadana cercana',
        'Programa 09 · Audiencias públicas por resultado',
        '• Programa 09 · Dos audiencias sin minuta cargada.',
      ]),
    );
    expect(lines.filter((line) => line.startsWith('Eje: '))).toHaveLength(1);
    expect(lines.some((line) => /^C1 Componente Audiencias públicas realizadas Porcentaje Trimestral Ascendente 10 30 11 32 1 10 % 106.67 % 80 % Verde$/.test(line))).toBe(true);
    expect(lines.filter((line) => line === 'Elaboró: Validó: Vo. Bo.:')).toHaveLength(1);
    expect(contents.pages.reduce((sum, page) => sum + page.images, 0)).toBe(4);
  });

  it('exports the unit as one workbook, CSV and JSON named after the unit', async () => {
    const xlsx = await exportUnitReport(UNIT_402, 'xlsx');
    expect(xlsx.fileName).toBe('informe-402-2025-T3.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await streamToBuffer(xlsx.body)) as unknown as ExcelJS.Buffer);
    const programs: ExcelJS.CellValue[] = [];
    workbook.getWorksheet('MIR')?.eachRow((row, number) => number > 1 && programs.push(row.getCell(2).value));
    expect(programs).toEqual(['08', '08', '08', '09']);
    expect(workbook.getWorksheet('Desgloses')?.getImages()).toHaveLength(4);

    const csv = (await streamToBuffer((await exportUnitReport(UNIT_402, 'csv')).body)).toString('utf8');
    expect(csv.split('\r\n').filter((line) => line.startsWith('402,09,2025,3,C1,Componente,Audiencias públicas realizadas'))).toHaveLength(1);

    const json = JSON.parse((await streamToBuffer((await exportUnitReport(UNIT_402, 'json')).body)).toString('utf8'));
    expect(json).toEqual({ programs: UNIT_402 });
  });
});
