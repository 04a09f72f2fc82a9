import { bearer, createTestDatabase, eventually, registerTenants, RunningService, ServiceProcess, spawnService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import ExcelJS from 'exceljs';
import supertest from 'supertest';
import { reportingService } from '../src/reporting.definition';
import { download, mirCsv, pdfLines } from './mir-fixtures';

/*
 * Issue 12, item 2, through the real APIs over real PostgreSQL and Kafka: program P08 of unit 402 for 2025 is
 * imported through catalog, its achieved values captured, and the Informe Trimestral downloaded as PDF, XLSX and
 * CSV: a draft carries the BORRADOR watermark and only the unit (or planning) may download it; after
 * Elaboró → Validó → Vo. Bo. the signature block names who signed, and two downloads are the same bytes.
 */

/** Level, targets and the achieved values of Q1 to Q3. */
const FIGURES: [string, [number, number, number, number], [number, number, number]][] = [
  ['Fin', [25, 25, 25, 25], [20, 25, 30]],
  ['Propósito', [20, 30, 30, 20], [20, 30, 12]],
  ['Componente 1', [10, 30, 40, 20], [10, 28, 44]],
];

/** Code, programmed Q3, programmed year to date, achieved Q3, achieved year to date (shares of the annual goal add up). */
const EXPECTED_ROWS: [string, number, number, number, number][] = [
  ['F', 25, 75, 30, 75],
  ['P', 30, 80, 12, 62],
  ['C1', 40, 80, 44, 82],
];

const SIGNERS = {
  clerk: { sub: 'enlace@402', name: 'Lic. Marisol Gutiérrez Ávila', post: 'Jefa del Departamento de Atención Vecinal' },
  head: { sub: 'titular@402', name: 'Ing. Tomás Núñez Ruiz', post: 'Secretario Particular' },
  planning: { sub: 'planeacion@oaxaca', name: 'Mtra. Sofía Ibáñez León', post: 'Directora de Planeación' },
};

async function sheetRows(bytes: Buffer, name: string): Promise<ExcelJS.CellValue[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

describe('downloads of the Informe Trimestral (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: ServiceProcess;
  let reporting: RunningService;
  const tenant = uniqueTenant('exports');
  const planning = bearer(['planning'], { tenant, ...SIGNERS.planning });
  const clerk402 = bearer(['clerk'], { tenant, units: ['402'], ...SIGNERS.clerk });
  const head402 = bearer(['unit_head'], { tenant, units: ['402'], ...SIGNERS.head });
  const clerk304 = bearer(['clerk'], { tenant, units: ['304'], sub: 'enlace@304' });
  let programId: string;
  const programFile = (format: string, auth = clerk402) => download(reporting.http().get(`/reports/programs/${programId}/2025/3/export/${format}`).set(auth));
  const unitFile = (format: string, auth = clerk402) => download(reporting.http().get(`/reports/units/402/2025/3/export/${format}`).set(auth));
  const step = (action: string, auth: Record<string, string>) => reporting.http().post(`/reports/programs/${programId}/2025/3/${action}`).set(auth).send({});

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    [catalog, reporting] = await Promise.all([
      spawnService('catalog', { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' }),
      startServiceInProcess(reportingService, database),
    ]);
    const catalogHttp = () => supertest(catalog.url);
    // The documents print the municipality's name as catalog publishes it.
    await catalogHttp().patch(`/municipalities/${tenant}`).set(bearer(['admin'], { tenant })).send({ name: 'Oaxaca de Juárez' }).expect(200);
    const unit = await catalogHttp().post('/units').set(planning).send({ code: '402', name: 'Secretaría Particular', kind: 'secretaria' }).expect(201);
    const plan = (await catalogHttp().post('/plans').set(planning).send({ name: 'PMD 2025-2027', startYear: 2025, endYear: 2027 }).expect(201)).body;
    const axis = (await catalogHttp().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 1, name: 'Gobierno cercano' }).expect(201)).body;
    const objective = (await catalogHttp().post(`/plan-axes/${axis.id}/objectives`).set(planning).send({ code: '1.3', name: 'Atención ciudadana oportuna' }).expect(201)).body;
    programId = (
      await catalogHttp().post('/programs').set(planning).send({ year: 2025, code: '08', name: 'Atención a la ciudadanía', ownerUnitId: unit.body.id, objectiveIds: [objective.id] }).expect(201)
    ).body.id;
    await catalogHttp().post(`/programs/${programId}/mir-import?dryRun=false`).set(planning).attach('file', mirCsv(FIGURES, 2024), 'mir-p08-2025.csv').expect(201);
    const indicators = (await catalogHttp().get(`/indicators?programId=${programId}&limit=50`).set(planning).expect(200)).body.items as { id: string; levelLabel: string }[];
    await eventually('the replicated MIR and unit', async () => {
      const report = await reporting.http().get(`/reports/programs/${programId}/2025/3`).set(planning);
      const units = await reporting.http().get('/catalog-units?code=402').set(planning);
      const [municipality] = await database.query<{ name: string | null }>(`SELECT name FROM reporting.municipality_replica WHERE id = $1`, [tenant]);
      return (
        report.status === 200 && report.body.table.indicators.length === FIGURES.length && units.status === 200 && units.body.items?.length === 1 && municipality?.name === 'Oaxaca de Juárez'
      );
    });
    for (const [level, , achieved] of FIGURES) {
      const indicatorId = indicators.find((i) => i.levelLabel === level)?.id;
      for (const quarter of [1, 2, 3]) {
        await reporting
          .http()
          .put(`/indicators/${indicatorId}/captures/2025/${quarter}`)
          .set(planning)
          .send({ value: achieved[quarter - 1], justification: `Valor del trimestre ${quarter}`, evidence: [{ documentId: `SP/INF/2025-T${quarter}`, description: 'Informe del trimestre' }] })
          .expect(200);
      }
    }
  }, 180_000);

  afterAll(async () => {
    await reporting?.close();
    await catalog?.stop();
    await database?.drop();
  });

  it('serves a draft as a PDF with the header, every indicator row and the BORRADOR watermark, only to its unit and planning', async () => {
    const pdf = await programFile('pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="informe-402-P08-2025-T3.pdf"');
    const lines = pdfLines(pdf.body);
    const text = lines.join('\n');
    for (const expected of ['402 - Secretaría Particular', '08 - Atención a la ciudadanía', 'Gobierno cercano', 'Atención ciudadana oportuna', 'BORRADOR']) expect(text).toContain(expected);
    // Each MIR row: its code, then programmed and achieved of the quarter and year to date (the name wraps below).
    for (const [code, ...figures] of EXPECTED_ROWS) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${code.replace('.', '\\.')} .*Porcentaje de acciones del nivel .* ${figures.join(' ')} `)));
    }

    // Another unit's user cannot download the draft, in any format or per unit; planning can.
    for (const format of ['pdf', 'xlsx']) {
      const foreign = await programFile(format, clerk304);
      expect(foreign.status).toBe(403);
    }
    expect((await unitFile('pdf', clerk304)).status).toBe(403);
    expect((await programFile('xlsx', planning)).status).toBe(200);
    const unknown = await reporting.http().get(`/reports/programs/${programId}/2025/3/export/docx`).set(clerk402);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe('format: debe ser uno de json, csv, xlsx, pdf');
  }, 60_000);

  it("serves the unit's report as a workbook with numbers as numbers, and as a CSV with a BOM", async () => {
    const xlsx = await unitFile('xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="informe-402-2025-T3.xlsx"');
    const header = (await sheetRows(xlsx.body, 'Encabezado')).map((row) => row.join(' | '));
    expect(header).toEqual(expect.arrayContaining(['Municipio | Oaxaca de Juárez', 'Unidad responsable | 402 - Secretaría Particular', 'Año | 2025', 'Trimestre | 3', 'Estado | Borrador']));
    const [columns, ...rows] = await sheetRows(xlsx.body, 'MIR');
    const at = (row: ExcelJS.CellValue[], name: string) => row[columns.indexOf(name)];
    const byCode = new Map(rows.map((row) => [at(row, 'Código'), row]));
    expect(rows).toHaveLength(EXPECTED_ROWS.length);
    for (const [code, programmedQuarter, programmed, achievedQuarter, achieved] of EXPECTED_ROWS) {
      const row = byCode.get(code) ?? [];
      expect([at(row, 'Programado 3er. trim.'), at(row, 'Programado acumulado'), at(row, 'Alcanzado 3er. trim.'), at(row, 'Alcanzado acumulado')]).toEqual([
        programmedQuarter,
        programmed,
        achievedQuarter,
        achieved,
      ]);
    }

    const csv = await unitFile('csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="informe-402-2025-T3.csv"');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.toString('utf8')).toContain('Porcentaje de acciones del nivel Propósito');

    const view = await download(reporting.http().get('/planning/indicators/export/xlsx?year=2025&quarter=3').set(planning));
    expect(view.status).toBe(200);
    expect(view.headers['content-disposition']).toBe('attachment; filename="planeacion-2025-T3.xlsx"');
    expect((await reporting.http().get('/planning/indicators/export/pdf?year=2025&quarter=3').set(planning)).status).toBe(400);
    expect((await reporting.http().get('/planning/indicators/export/csv?year=2025&quarter=3').set(clerk402)).status).toBe(403);
  }, 60_000);

  it('signs the approved report with who did each step and serves it byte-identical every time', async () => {
    await step('prepare', clerk402).expect(200);
    await step('validate', head402).expect(200);
    await step('approve', planning).expect(200);

    const first = await programFile('pdf');
    const second = await programFile('pdf');
    expect(first.status).toBe(200);
    expect(Buffer.compare(first.body, second.body)).toBe(0);
    const lines = pdfLines(first.body);
    expect(lines.some((line) => line.includes('BORRADOR'))).toBe(false);
    const text = lines.join('\n');
    for (const signer of Object.values(SIGNERS)) {
      expect(text).toContain(signer.name);
      expect(text).toContain(signer.post);
    }
    expect(text).toMatch(/Fecha de aprobación: \d{1,2} de [a-z]+ de \d{4}/);

    const [xlsxA, xlsxB] = [await unitFile('xlsx'), await unitFile('xlsx')];
    expect(Buffer.compare(xlsxA.body, xlsxB.body)).toBe(0);
    const header = (await sheetRows(xlsxA.body, 'Encabezado')).map((row) => row.join(' | '));
    expect(header).toEqual(expect.arrayContaining(['Estado | Aprobado', expect.stringMatching(/^Vo\. Bo\. \| Mtra\. Sofía Ibáñez León \| Directora de Planeación \| /)]));

    // The frozen document does not move when a later capture for another quarter changes the live numbers.
    const indicators = (await reporting.http().get(`/reports/programs/${programId}/2025/3`).set(planning).expect(200)).body.table.indicators as { indicatorId: string; levelLabel: string }[];
    const fin = indicators.find((row) => row.levelLabel === 'Fin')?.indicatorId;
    await reporting.http().put(`/indicators/${fin}/captures/2025/1`).set(planning).send({ value: 5, justification: 'corrección tardía', evidence: [{ documentId: 'X', description: 'x' }] }).expect(200);
    expect(Buffer.compare((await programFile('pdf')).body, first.body)).toBe(0);
  }, 90_000);
});
