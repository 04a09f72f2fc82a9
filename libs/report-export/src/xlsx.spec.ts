import ExcelJS from 'exceljs';
import { renderPlanningXlsx, renderReportXlsx } from './xlsx';
import { REPORT_304_Q2_2023, REPORT_402_Q3_2025, asDraft, planningViewOf } from './testing/report-fixtures';

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (sheet === undefined) throw new Error(`no sheet ${name}`);
  return sheet;
}

function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

describe('XLSX export of the quarterly report', () => {
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    workbook = await readWorkbook(await renderReportXlsx(REPORT_304_Q2_2023));
  });

  it('has a sheet per section with frozen header rows', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Encabezado', 'MIR', 'Desgloses', 'Calidad de datos']);
    for (const sheet of workbook.worksheets) expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('carries the header and the signatures', () => {
    const rows = rowsOf(sheetOf(workbook, 'Encabezado'));
    const text = rows.map((row) => row.join(' | '));
    expect(text).toEqual(
      expect.arrayContaining([
        'Unidad responsable | 304 - Secretaría de Gobierno',
        'Programa presupuestario | 04 - Gobierno participativo',
        'Año | 2023',
        'Trimestre | 2',
        'Eje | 2 Gobernabilidad democrática',
        'Objetivo | 2.4 Resolución pacífica de conflictos con organizaciones sociales',
        'Semáforo | rojo desde 0 y menos de 70; amarillo desde 70 y menos de 90; verde desde 90 hasta 110; amarillo más de 110 hasta 130; rojo más de 130 (cumplimiento en %, valores por omisión)',
        'Estado | Aprobado',
        'Fecha de aprobación | 14 de julio de 2023',
        'Elaboró | C. Rubén Ordóñez Peña | Enlace de Planeación | 10 de julio de 2023',
        'Validó | Lic. Ximena Aragón Cruz | Secretaria de Gobierno | 12 de julio de 2023',
        'Vo. Bo. | Mtro. Julián Méndez Sáenz | Director de Planeación Municipal | 14 de julio de 2023',
      ]),
    );
  });

  it('writes every MIR row with numbers as numbers and percentages formatted', () => {
    const sheet = sheetOf(workbook, 'MIR');
    const [header, ...rows] = rowsOf(sheet);
    expect(rows).toHaveLength(REPORT_304_Q2_2023.mir.length);
    const at = (row: ExcelJS.CellValue[], name: string) => row[header.indexOf(name)];
    const byCode = new Map(rows.map((row) => [at(row, 'Código'), row]));
    expect((byCode.get('C1') ?? []).slice(4, 7)).toEqual(['C1', 'Componente', 'Instrumentos normativos de participación ciudadana realizados']);
    const expected: [string, number, number, number, number, number][] = [
      // code, programmed Q2, programmed cumulative, achieved Q2, achieved cumulative, compliance as a fraction
      ['F', 25, 50, 25, 50, 1],
      ['P', 25, 50, 30, 55, 1.1],
      ['C1', 28, 51, 21, 44, 0.8627],
      ['A1.4', 25, 50, 10, 35, 0.7],
      ['A1.7', 25, 50, 33, 58, 1.16],
      ['A1.8', 35, 54, 31, 50, 0.9259],
    ];
    for (const [code, programmedQuarter, programmed, achievedQuarter, achieved, compliance] of expected) {
      const row = byCode.get(code) ?? [];
      expect(at(row, 'Programado 2do. trim.')).toBe(programmedQuarter);
      expect(at(row, 'Programado acumulado')).toBe(programmed);
      expect(at(row, 'Alcanzado 2do. trim.')).toBe(achievedQuarter);
      expect(at(row, 'Alcanzado acumulado')).toBe(achieved);
      expect(at(row, 'Cumplimiento %')).toBeCloseTo(compliance, 6);
    }
    const complianceColumn = header.indexOf('Cumplimiento %') + 1;
    expect(sheet.getRow(2).getCell(complianceColumn).numFmt).toBe('0.0%');
    expect(at(byCode.get('A1.9') ?? [], 'Cumplimiento %')).toBe('n/a');
    expect(sheet.getColumn(header.indexOf('Indicador') + 1).width).toBe(48);
    const semaforo = sheet.getRow(4).getCell(header.indexOf('Semáforo') + 1);
    expect(semaforo.value).toBe('Amarillo');
    expect((semaforo.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF2C230');
  });

  it('lists the breakdowns with their totals and a chart image each', () => {
    const sheet = sheetOf(workbook, 'Desgloses');
    const text = rowsOf(sheet).map((row) => row.join(' | '));
    expect(text).toEqual(expect.arrayContaining(['Acciones de diálogo por mes', 'Abril | 4 | 0.36363636363636365', 'Total | 11']));
    expect(text).toContain('Las partes NO suman el total: ver notas de calidad de datos.');
    expect(sheet.getImages()).toHaveLength(REPORT_304_Q2_2023.breakdowns.length);
    const media = (workbook.model as unknown as { media: { type: string; extension: string; buffer: Buffer }[] }).media;
    expect(media.every((image) => image.extension === 'png' && image.buffer.subarray(1, 4).toString() === 'PNG')).toBe(true);
  });

  it('lists the data-quality notes', () => {
    const rows = rowsOf(sheetOf(workbook, 'Calidad de datos'));
    expect(rows.slice(1).map((row) => row[0])).toEqual(['variacion_capturada_incorrecta', 'partes_no_suman']);
  });

  it('puts each of unit 402\'s charts in the workbook', async () => {
    const unit402 = await readWorkbook(await renderReportXlsx(REPORT_402_Q3_2025));
    expect(sheetOf(unit402, 'Desgloses').getImages()).toHaveLength(3);
    const text = rowsOf(sheetOf(unit402, 'Desgloses')).map((row) => row.slice(0, 2).join(' | '));
    expect(text).toEqual(expect.arrayContaining(['Reuniones de trabajo municipales | 91', 'Total | 434', 'Total | 198', 'Total | 1010']));
  });

  it('renders an approved report to the same bytes every time, dated by its approval', async () => {
    // Only the clock is faked: the zip writer stamps entries with the current time.
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'],
      now: new Date('2030-01-01T10:00:00Z'),
    });
    const first = await renderReportXlsx(REPORT_304_Q2_2023);
    jest.setSystemTime(new Date('2031-06-01T11:11:11Z'));
    const second = await renderReportXlsx(REPORT_304_Q2_2023);
    jest.useRealTimers();
    expect(first.equals(second)).toBe(true);
    expect(workbook.created.toISOString()).toBe('2023-07-14T00:00:00.000Z');
  });

  it('dates a draft by when it is rendered', async () => {
    const draft = asDraft(REPORT_304_Q2_2023);
    const now = new Date('2023-07-01T09:30:00Z');
    const read = await readWorkbook(await renderReportXlsx(draft, { now }));
    expect(read.modified.toISOString()).toBe(now.toISOString());
    expect(rowsOf(sheetOf(read, 'Encabezado')).map((row) => row.join(' | '))).toContain('Fecha de aprobación | Sin aprobar');
  });
});

describe('XLSX export of the planning view', () => {
  it('streams one row per indicator with the previous year beside it', async () => {
    const view = planningViewOf(120);
    const workbook = await readWorkbook(await renderPlanningXlsx(view));
    const sheet = sheetOf(workbook, 'Planeación');
    const [header, ...rows] = rowsOf(sheet);
    expect(rows).toHaveLength(120);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const at = (row: ExcelJS.CellValue[], name: string) => row[header.indexOf(name)];
    expect(at(rows[1], 'Programado')).toBe(view.rows[1].quarter.programmed);
    expect(at(rows[1], 'Alcanzado año anterior')).toBe(view.rows[1].previousYear?.achieved);
    expect(at(rows[0], 'Alcanzado año anterior')).toBe('n/a');
    expect(at(rows[3], 'Semáforo')).toBe('Sin dato');
    expect(sheet.autoFilter).toBe('A1:M1');
    expect(workbook.created.toISOString()).toBe(view.generatedAt);
    const fill = sheet.getRow(2).getCell(header.indexOf('Semáforo') + 1).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe('FF2E9E4F');
  });
});
