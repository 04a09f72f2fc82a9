import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { IndicatorCreated, Topic } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import ExcelJS from 'exceljs';
import { catalogService } from '../src/catalog.definition';

/*
 * The "done when": the MIR table of the Secretaría de Gobierno report (Q2 2023) imports from
 * CSV and from XLSX, and the stored indicators match the table. The files are built at test time from
 * the seed text, so the repository holds no copy of it.
 */
const SEED = path.resolve(__dirname, '../../../../shared/seeds/secretaria-gobierno-mir-q2-2023.txt');
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADERS = [
  'Nivel',
  'Nombre',
  'Definición',
  'Método de cálculo',
  'Unidad de medida',
  'Tipo',
  'Dimensión',
  'Frecuencia',
  'Sentido',
  'Línea base valor',
  'Línea base año',
  'Programado 1er trimestre',
  'Programado 2do trimestre',
  'Programado 3er trimestre',
  'Programado 4to trimestre',
  'Programado acumulado',
  'Medios de verificación',
] as const;

interface SeedRow {
  level: string;
  name: string;
  definition: string;
  method: string;
  unitOfMeasure: string;
  type: string;
  dimension: string;
  frequency: string;
  direction: string;
  baselineValue: string;
  baselineYear: string;
  targets: [string, string, string, string];
  /** The programmed "Acumulado *" (right after the 4th quarter under "Valores Programados"). */
  cumulative: string;
  meansOfVerification: string;
}

/**
 * Reads the MIR table of the seed (text converted from PDF, tab separated): column positions come from
 * its header row ("Nivel", "Nombre", … "Línea Base" with "Valor"/"Año" below, then the programmed
 * "1er. Trim." … "4to. Trim.", "Acumulado *"), data rows are the lines that start with a MIR level. "Medios de
 * Verificación" is the last filled cell: the PDF conversion drops some empty cells before it.
 */
function readSeedMir(): SeedRow[] {
  const lines = readFileSync(SEED, 'utf8').split(/\r?\n/);
  const header = lines.find((line) => line.startsWith('Nivel\t'))?.split('\t');
  if (!header) throw new Error('the seed has no MIR header row');
  const at = (title: string) => {
    const index = header.indexOf(title);
    if (index < 0) throw new Error(`the seed's header has no "${title}"`);
    return index;
  };
  const baseline = at('Línea Base');
  const q1 = at('1er. Trim.');
  const cumulative = at('Acumulado *'); // the first one: programmed, before "Valores Alcanzados"
  if (cumulative !== q1 + 4) throw new Error('the programmed "Acumulado *" should follow "4to. Trim."');
  return lines
    .filter((line) => /^(Fin|Propósito|Componente \d+|Actividad \d+\.\d+)\t/.test(line))
    .map((line) => {
      const cells = line.split('\t').map((cell) => cell.replace(/\s+/g, ' ').trim());
      return {
        level: cells[at('Nivel')],
        name: cells[at('Nombre')],
        definition: cells[at('Definición')],
        method: cells[at('Método de Cálculo')],
        unitOfMeasure: cells[at('Unidad de Medida')],
        type: cells[at('Tipo')],
        dimension: cells[at('Dimensión')],
        frequency: cells[at('Frecuencia de Medición')],
        direction: cells[at('Sentido Esperado')],
        baselineValue: cells[baseline],
        baselineYear: cells[baseline + 1],
        targets: [cells[q1], cells[q1 + 1], cells[q1 + 2], cells[q1 + 3]],
        cumulative: cells[cumulative],
        meansOfVerification: cells.filter(Boolean).pop() as string,
      };
    });
}

/*
 * Expected accumulation of each seed row, read from the report itself (not from the importer's rule): every row's
 * programmed "Acumulado" is 1, i.e. 100% of the annual goal, so each quarter is a share of that goal ("25% del total
 * anual"). Every row's four targets add up to 100 except Actividad 2.7: 19% + 29% + 30% + 28% = 106%, which the
 * import keeps as a share of the annual goal and reports as a warning (file row 11: header + 9 rows before it).
 */
const SEED_ACCUMULATION: Record<string, string> = {
  Fin: 'annual_goal_share',
  Propósito: 'annual_goal_share',
  'Componente 1': 'annual_goal_share',
  'Actividad 1.4': 'annual_goal_share',
  'Actividad 1.7': 'annual_goal_share',
  'Actividad 1.8': 'annual_goal_share',
  'Componente 2': 'annual_goal_share',
  'Actividad 2.4': 'annual_goal_share',
  'Actividad 2.5': 'annual_goal_share',
  'Actividad 2.7': 'annual_goal_share',
  'Actividad 2.8': 'annual_goal_share',
  'Componente 3': 'annual_goal_share',
  'Actividad 3.1': 'annual_goal_share',
  'Actividad 3.2': 'annual_goal_share',
  'Actividad 3.3': 'annual_goal_share',
};
const SEED_WARNINGS = [{ row: 11, column: 'Programado acumulado', message: 'las metas trimestrales suman 106 pero el acumulado programado es 100' }];
/** The warnings about the cells; the MIR design ones (API cross-field rules, type, repeated method) are checked apart. */
const DESIGN_WARNING = /corríjalo después de importar$|^el mismo método de cálculo|^una Actividad mide/;
const cellWarnings = (warnings: { row: number; column: string; message: string }[]) => warnings.filter((warning) => !DESIGN_WARNING.test(warning.message));

const cellsOf = (row: SeedRow): string[] => [
  row.level,
  row.name,
  row.definition,
  row.method,
  row.unitOfMeasure,
  row.type,
  row.dimension,
  row.frequency,
  row.direction,
  row.baselineValue,
  row.baselineYear,
  ...row.targets,
  row.cumulative,
  row.meansOfVerification,
];

const quote = (cell: string) => (/[",;\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
function toCsv(rows: string[][], delimiter = ','): Buffer {
  return Buffer.from(`\ufeff${rows.map((row) => row.map(quote).join(delimiter)).join('\r\n')}\r\n`, 'utf8');
}

/** The XLSX a spreadsheet user would save: percentages as numbers with a percent format, the year and the cumulative (1) as numbers. */
async function toXlsx(rows: SeedRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('MIR');
  sheet.addRow([...HEADERS]);
  for (const row of rows) {
    const cells: ExcelJS.CellValue[] = cellsOf(row);
    const percentColumns = [9, 11, 12, 13, 14];
    for (const column of percentColumns) cells[column] = percent(cells[column] as string) / 100;
    cells[10] = Number(row.baselineYear);
    cells[15] = Number(row.cumulative);
    const added = sheet.addRow(cells);
    for (const column of percentColumns) added.getCell(column + 1).numFmt = '0%';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip with one deflated entry, written by hand (CRC left at 0: the size check comes first). */
function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

const percent = (text: string) => {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a percentage`);
  return Number(match[1]);
};
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

interface IndicatorRow {
  id: string;
  level: string;
  component_number: number | null;
  activity_number: number | null;
  parent_id: string | null;
  name: string;
  definition: string;
  calculation_method: string;
  unit_of_measure: string;
  type: string;
  dimension: string;
  frequency: string;
  direction: string;
  baseline_value: number | null;
  baseline_year: number | null;
  target_q1: number | null;
  target_q2: number | null;
  target_q3: number | null;
  target_q4: number | null;
  means_of_verification: string | null;
  accumulation: string;
  factor: number;
  formula: unknown;
  responsible_unit_id: string;
}

describe('MIR import from CSV and XLSX (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });
  const seed = readSeedMir();
  const seedCsv = toCsv([[...HEADERS], ...seed.map(cellsOf)]);
  let seedXlsx: Buffer;
  let unitId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogIndicatorV1]);
    seedXlsx = await toXlsx(seed);
    const unit = await catalog.http().post('/units').set(planning).send({ code: '304', name: 'Secretaría de Gobierno', kind: 'secretaria' }).expect(201);
    unitId = unit.body.id;
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  let programs = 0;
  const newProgram = async (year = 2023) => {
    programs += 1;
    const response = await catalog
      .http()
      .post('/programs')
      .set(planning)
      .send({ year, code: `04-${programs}`, name: 'Gobierno participativo', ownerUnitId: unitId })
      .expect(201);
    return response.body.id as string;
  };
  const upload = (programId: string, file: Buffer, filename: string, dryRun: boolean) =>
    catalog.http().post(`/programs/${programId}/mir-import?dryRun=${dryRun}`).set(planning).attach('file', file, filename);
  const indicatorsOf = (programId: string) =>
    database.query<IndicatorRow>(
      `SELECT * FROM catalog.indicator WHERE program_id = $1
       ORDER BY CASE WHEN level IN ('fin', 'proposito') THEN 0 ELSE component_number END,
                CASE level WHEN 'fin' THEN 0 WHEN 'proposito' THEN 1 WHEN 'componente' THEN 2 ELSE 3 END, activity_number NULLS FIRST`,
      [programId],
    );
  const indicatorCount = async () => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.indicator`))[0].n;
  const levelOf = (row: IndicatorRow) =>
    row.level === 'fin' ? 'Fin' : row.level === 'proposito' ? 'Propósito' : row.level === 'componente' ? `Componente ${row.component_number}` : `Actividad ${row.component_number}.${row.activity_number}`;

  /** Stored indicators without ids and times, parents by level: two imports of the same table compare equal. */
  const comparable = (rows: IndicatorRow[]) => {
    const levels = new Map(rows.map((row) => [row.id, levelOf(row)]));
    return rows.map((row) => {
      const { id: _id, parent_id, program_id: _program, created_at: _created, updated_at: _updated, ...fields } = row as IndicatorRow & Record<string, unknown>;
      return { ...fields, parent: parent_id ? levels.get(parent_id) : null };
    });
  };
  /** Imports the seed CSV and `file` into two programs: both store the same indicators. */
  const expectStoredAsCsv = async (file: Buffer, filename: string) => {
    const [fromCsv, fromFile] = [await newProgram(), await newProgram()];
    await upload(fromCsv, seedCsv, 'mir.csv', false).expect(201);
    await upload(fromFile, file, filename, false).expect(201);
    const csvRows = comparable(await indicatorsOf(fromCsv));
    expect(csvRows).toHaveLength(seed.length);
    expect(comparable(await indicatorsOf(fromFile))).toEqual(csvRows);
  };

  it('reads the whole MIR table from the seed (sanity check of the test extractor)', () => {
    expect(seed.length).toBe(15);
    expect(seed.filter((row) => row.level === 'Fin')).toHaveLength(1);
    expect(seed.filter((row) => row.level.startsWith('Componente'))).toHaveLength(3);
    for (const row of seed) {
      expect(row.targets.every((target) => /^\d+%$/.test(target))).toBe(true);
      expect(row.baselineYear).toMatch(/^\d{4}$/);
      expect(row.meansOfVerification.length).toBeGreaterThan(5);
      expect(row.cumulative).toBe('1');
    }
    expect(seed.map((row) => row.level)).toEqual(Object.keys(SEED_ACCUMULATION));
    const activity27 = seed.findIndex((row) => row.level === 'Actividad 2.7');
    expect(activity27 + 2).toBe(SEED_WARNINGS[0].row);
    expect(seed[activity27].targets).toEqual(['19%', '29%', '30%', '28%']);
  });

  it('dry run of the seed CSV: valid, a preview of every row, and nothing written', async () => {
    const programId = await newProgram();
    const before = await indicatorCount();
    const outbox = await database.query(`SELECT count(*)::int AS n FROM catalog.outbox`);
    const response = await upload(programId, seedCsv, 'mir.csv', true);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, valid: true, rows: seed.length, errors: [] });
    // The inconsistency of the report is caught, not repeated: a warning, and Actividad 2.7 is still a share of the annual goal.
    expect(cellWarnings(response.body.warnings)).toEqual(SEED_WARNINGS);
    // What the API's own rules and the MIR design object to in the report, row by row (file row = index + 2).
    const rowOf = (level: string) => seed.findIndex((row) => row.level === level) + 2;
    const design = (match: RegExp) =>
      (response.body.warnings as { row: number; column: string; message: string }[]).filter((w) => match.test(w.message)).map((w) => [w.row, w.column]);
    expect(design(/^un indicador de frecuencia anual/)).toEqual([
      [rowOf('Fin'), 'Frecuencia'],
      [rowOf('Propósito'), 'Frecuencia'],
    ]);
    expect(design(/^con acumulación "parte de la meta anual"/)).toEqual(seed.map((row) => [rowOf(row.level), 'Método de cálculo']));
    expect(design(/^una Actividad mide/)).toEqual([[rowOf('Actividad 1.7'), 'Tipo']]);
    expect(design(/^el mismo método de cálculo que Componente 2/)).toEqual([[rowOf('Actividad 2.4'), 'Método de cálculo']]);
    expect(response.body.preview.map((p: { levelLabel: string; indicator: { accumulation: string } }) => [p.levelLabel, p.indicator.accumulation])).toEqual(
      Object.entries(SEED_ACCUMULATION),
    );
    expect(response.body.preview.map((p: { levelLabel: string }) => p.levelLabel)).toEqual(seed.map((row) => row.level));
    expect(response.body.preview.map((p: { row: number }) => p.row)).toEqual(seed.map((_, index) => index + 2));
    expect(response.body.created).toBeUndefined();
    expect(await indicatorCount()).toBe(before);
    expect(await database.query(`SELECT count(*)::int AS n FROM catalog.outbox`)).toEqual(outbox);
  });

  it('imports the seed CSV: same levels, names, metadata and quarterly targets as the report, activities under their components', async () => {
    const programId = await newProgram();
    const response = await upload(programId, seedCsv, 'secretaria-gobierno.csv', false);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ dryRun: false, valid: true, rows: seed.length });
    expect(cellWarnings(response.body.warnings)).toEqual(SEED_WARNINGS);
    expect(response.body.created).toHaveLength(seed.length);

    const stored = await indicatorsOf(programId);
    expect(stored.map(levelOf)).toEqual(seed.map((row) => row.level));
    stored.forEach((indicator, index) => {
      const row = seed[index];
      expect(indicator).toMatchObject({
        name: row.name,
        definition: row.definition,
        calculation_method: row.method,
        unit_of_measure: row.unitOfMeasure,
        type: row.type === 'Estratégico' ? 'estrategico' : 'gestion',
        dimension: plain(row.dimension),
        frequency: plain(row.frequency),
        direction: plain(row.direction),
        baseline_value: percent(row.baselineValue),
        baseline_year: Number(row.baselineYear),
        // Targets in the indicator's unit: 25% is stored as 25.
        target_q1: percent(row.targets[0]),
        target_q2: percent(row.targets[1]),
        target_q3: percent(row.targets[2]),
        target_q4: percent(row.targets[3]),
        means_of_verification: row.meansOfVerification,
        factor: 100,
        formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } },
        responsible_unit_id: unitId,
      });
      expect(indicator.accumulation).toBe(SEED_ACCUMULATION[row.level]);
    });

    const byLevel = new Map(stored.map((indicator) => [levelOf(indicator), indicator]));
    for (const indicator of stored) {
      if (indicator.level === 'actividad') expect(indicator.parent_id).toBe(byLevel.get(`Componente ${indicator.component_number}`)?.id);
      else expect(indicator.parent_id).toBeNull();
    }

    // One indicator.created event per row, through the outbox, and an "imported" audit entry.
    const ids = new Set(stored.map((indicator) => indicator.id));
    const created = () => tap.messages.filter((m) => ids.has(m.key ?? '') && m.headers.ce_type === IndicatorCreated.type);
    await tap.waitFor(() => created().length >= seed.length, 'one indicator.created event per row');
    expect(new Set(created().map((m) => m.key)).size).toBe(seed.length);
    const audit = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM catalog.audit_entry WHERE entity_type = 'indicator' AND entity_id = ANY($1::text[]) AND action = 'imported'`,
      [[...ids]],
    );
    expect(audit[0].n).toBe(seed.length);
  });

  it('imports the seed as XLSX (percent-formatted numbers) with exactly the same result as the CSV', async () => {
    const previewCsv = await upload(await newProgram(), seedCsv, 'mir.csv', true).expect(200);
    const previewXlsx = await upload(await newProgram(), seedXlsx, 'mir.xlsx', true).expect(200);
    expect(previewXlsx.body).toEqual(previewCsv.body);

    await expectStoredAsCsv(seedXlsx, 'mir.xlsx');
  });

  it('imports the seed text as it is (pasted from the PDF, every page with its headers) with the same result as the CSV', async () => {
    const text = readFileSync(SEED);
    const dryRun = await upload(await newProgram(), text, 'informe.txt', true).expect(200);
    expect(dryRun.body).toMatchObject({ valid: true, rows: seed.length, errors: [] });
    await expectStoredAsCsv(text, 'informe.txt');
  });

  it('accepts the CSV as a raw text/csv body and the XLSX as a raw body of its type', async () => {
    const csvProgram = await newProgram();
    const csv = await catalog.http().post(`/programs/${csvProgram}/mir-import?dryRun=true`).set(planning).set('Content-Type', 'text/csv').send(seedCsv);
    expect(csv.status).toBe(200);
    expect(csv.body).toMatchObject({ valid: true, rows: seed.length });
    const xlsx = await catalog.http().post(`/programs/${csvProgram}/mir-import?dryRun=false`).set(planning).set('Content-Type', XLSX_MIME).send(seedXlsx);
    expect(xlsx.status).toBe(201);
    expect(await indicatorsOf(csvProgram)).toHaveLength(seed.length);
  });

  it('dry run with invalid rows lists every error with its row and column, in Spanish', async () => {
    const programId = await newProgram();
    const rows = seed.map(cellsOf);
    rows[1][5] = 'Táctico'; // Propósito, Tipo → file row 3
    rows[4][12] = 'mucho'; // 2do trimestre of the 5th indicator → file row 6
    rows[6][0] = 'Actividad 1'; // file row 8
    rows[9][10] = ''; // baseline value without its year → file row 11
    const response = await upload(programId, toCsv([[...HEADERS], ...rows]), 'mir.csv', true);
    expect(response.status).toBe(200);
    expect(response.body.valid).toBe(false);
    expect(response.body.rows).toBe(seed.length);
    // Row 8 was Componente 2: its activities that are otherwise valid (rows 9, 10, 12) now lack their component.
    const orphan = (row: number, level: string) => ({ row, column: 'Nivel', message: `la ${level} requiere el Componente 2 en el mismo programa, y no existe` });
    expect(response.body.errors).toEqual([
      { row: 3, column: 'Tipo', message: '"Táctico" no es válido; use Estratégico o De gestión' },
      { row: 6, column: 'Programado 2do trimestre', message: '"mucho" no es un número' },
      { row: 8, column: 'Nivel', message: '"Actividad 1" no es un nivel de la MIR; use Fin, Propósito, Componente N o Actividad N.M' },
      orphan(9, 'Actividad 2.4'),
      orphan(10, 'Actividad 2.5'),
      { row: 11, column: 'Línea base año', message: 'indique el año de la línea base' },
      orphan(12, 'Actividad 2.8'),
    ]);
    expect(response.body.preview).toHaveLength(seed.length - 4);
  });

  it('one dry run lists every problem: cell errors together with the tree and program checks of the rows that mapped, and writes nothing', async () => {
    const programId = await newProgram();
    const rows = seed.map(cellsOf);
    rows[2][5] = 'Táctico'; // Componente 1 → file row 4: its Actividades 1.x (rows 5–7) must not be reported as orphans
    rows[7][10] = '2030'; // Actividad 2.4 → file row 9: baseline after the program's year (a rule of IndicatorValidation)
    rows.push(['Actividad 9.1', ...rows[3].slice(1)]); // file row 17: no Componente 9 (MIR tree rule of IndicatorValidation)
    const file = toCsv([[...HEADERS], ...rows]);
    const expected = [
      { row: 4, column: 'Tipo', message: '"Táctico" no es válido; use Estratégico o De gestión' },
      { row: 9, column: 'Línea base año', message: 'no puede ser posterior al año del programa (2023)' },
      { row: 17, column: 'Nivel', message: 'la Actividad 9.1 requiere el Componente 9 en el mismo programa, y no existe' },
    ];
    const before = await indicatorCount();
    const outbox = await database.query(`SELECT count(*)::int AS n FROM catalog.outbox`);

    const dryRun = await upload(programId, file, 'mir.csv', true).expect(200);
    expect(dryRun.body).toMatchObject({ valid: false, rows: seed.length + 1 });
    expect(cellWarnings(dryRun.body.warnings)).toEqual(SEED_WARNINGS);
    expect(dryRun.body.errors).toEqual(expected);

    const real = await upload(programId, file, 'mir.csv', false).expect(400);
    expect(real.body.errors).toEqual(expected);
    expect(real.body.message).toMatch(/^Datos no válidos, no se importó nada: fila 4, Tipo: .*; fila 9, Línea base año: .*; fila 17, Nivel: /);
    expect(await indicatorCount()).toBe(before);
    expect(await database.query(`SELECT count(*)::int AS n FROM catalog.outbox`)).toEqual(outbox);
  });

  it('reads the optional "Unidad responsable" column: unit codes of the caller\'s municipality, unknown codes are row errors', async () => {
    const particular = await catalog.http().post('/units').set(planning).send({ code: '402', name: 'Secretaría Particular', kind: 'secretaria' }).expect(201);
    const otherTenant = bearer(['planning'], { tenant: 'santa-lucia' });
    await catalog.http().post('/units').set(otherTenant).send({ code: '777', name: 'Tesorería', kind: 'secretaria' }).expect(201);
    const withUnits = (units: string[]) => toCsv([[...HEADERS, 'Unidad responsable'], ...seed.map((row, index) => [...cellsOf(row), units[index] ?? ''])]);

    const programId = await newProgram();
    await upload(programId, withUnits(['402 - Secretaría Particular', '', '402']), 'mir.csv', false).expect(201);
    const stored = await indicatorsOf(programId);
    expect(stored.map((row) => [levelOf(row), row.responsible_unit_id])).toEqual(
      seed.map((row, index) => [row.level, index === 0 || index === 2 ? particular.body.id : unitId]),
    );

    const unknown = await upload(await newProgram(), withUnits(['999', '777']), 'mir.csv', true).expect(200);
    expect(unknown.body.valid).toBe(false);
    expect(unknown.body.errors).toEqual([
      { row: 2, column: 'Unidad responsable', message: 'no existe una unidad responsable con la clave "999" en el municipio' },
      { row: 3, column: 'Unidad responsable', message: 'no existe una unidad responsable con la clave "777" en el municipio' },
    ]);
  });

  it('dry run reports the MIR tree rules of the indicators service on the file rows: missing component, positions already stored', async () => {
    const programId = await newProgram();
    const rows = seed.map(cellsOf);
    const firstComponent = rows.findIndex((cells) => cells[0] === 'Componente 1');
    const withoutComponent = rows.filter((_, index) => index !== firstComponent);
    const orphan = await upload(programId, toCsv([[...HEADERS], ...withoutComponent]), 'mir.csv', true).expect(200);
    expect(orphan.body.valid).toBe(false);
    const orphans = withoutComponent.map((cells, index) => ({ cells, row: index + 2 })).filter(({ cells }) => cells[0].startsWith('Actividad 1.'));
    expect(orphans.length).toBeGreaterThan(0);
    expect(orphan.body.errors).toEqual(
      orphans.map(({ cells, row }) => ({ row, column: 'Nivel', message: expect.stringMatching(new RegExp(`${cells[0].replace('.', '\\.')} requiere el Componente 1`)) })),
    );

    await upload(programId, toCsv([[...HEADERS], rows[0]]), 'fin.csv', false).expect(201);
    const again = await upload(programId, toCsv([[...HEADERS], rows[0], rows[1]]), 'mir.csv', true).expect(200);
    expect(again.body.errors).toEqual([{ row: 2, column: 'Nivel', message: 'ya existe Fin en el programa' }]);
  });

  it('a real import with one bad row saves nothing and answers 400 with the row errors', async () => {
    const programId = await newProgram();
    const rows = seed.map(cellsOf);
    rows[13][6] = 'Eficacia operativa';
    const before = await indicatorCount();
    const response = await upload(programId, toCsv([[...HEADERS], ...rows]), 'mir.csv', false);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ row: 15, column: 'Dimensión', message: expect.stringMatching(/^"Eficacia operativa" no es válido; use Eficacia, Eficiencia, Calidad o Economía$/) }]);
    expect(response.body.message).toMatch(/^Datos no válidos, no se importó nada: fila 15, Dimensión: /);
    expect(await indicatorCount()).toBe(before);

    // A row that only the indicators service refuses (inside the transaction) also leaves nothing behind.
    const orphanRows = [...seed.map(cellsOf), ['Actividad 9.1', ...rows[3].slice(1)]];
    const refused = await upload(programId, toCsv([[...HEADERS], ...orphanRows]), 'mir.csv', false);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ row: seed.length + 2, column: 'Nivel', message: expect.stringContaining('requiere el Componente 9') }]);
    expect(await indicatorCount()).toBe(before);
  });

  it('refuses a missing, empty, unknown or unreadable file with a 400 that names the problem', async () => {
    const programId = await newProgram();
    const post = () => catalog.http().post(`/programs/${programId}/mir-import?dryRun=true`).set(planning);

    const none = await post().send({ file: 'x' });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/^file: falta el archivo/);

    const empty = await post().attach('file', Buffer.alloc(0), 'mir.csv');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('file: el archivo está vacío');

    const pdf = await post().attach('file', Buffer.from('%PDF-1.4'), { filename: 'mir.pdf', contentType: 'application/pdf' });
    expect(pdf.status).toBe(400);
    expect(pdf.body.message).toMatch(/^file: tipo de archivo no admitido/);

    const wrongField = await post().attach('archivo', seedCsv, 'mir.csv');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.message).toBe('file: envíe un solo archivo, en el campo "file"');

    const noHeader = await post().attach('file', Buffer.from('a,b\n1,2\n'), 'mir.csv');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.message).toMatch(/^archivo: no se encontró el encabezado de la MIR/);

    const missingColumns = await post().attach('file', toCsv([['Nivel', 'Nombre'], ['Fin', 'x']]), 'mir.csv');
    expect(missingColumns.status).toBe(400);
    expect(missingColumns.body.message).toMatch(/^archivo: faltan las columnas obligatorias "Definición", "Método de cálculo"/);

    const brokenXlsx = await post().attach('file', Buffer.from('PK\u0003\u0004roto'), 'mir.xlsx');
    expect(brokenXlsx.status).toBe(400);
    expect(brokenXlsx.body.message).toBe('archivo: no es un libro de Excel (.xlsx) válido');

    // 51 MB of XML deflated into a few kilobytes: refused before ExcelJS inflates it.
    const bomb = await post().attach('file', zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(51 * 1024 * 1024, 0x20)), 'mir.xlsx');
    expect(bomb.status).toBe(400);
    expect(bomb.body.message).toBe('file: el libro descomprimido excede 50 MB');

    const large = Buffer.concat([seedCsv, Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const tooLarge = await post().attach('file', large, 'mir.csv');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toBe('file: el archivo excede el máximo de 5 MB');
  });

  it('answers 404 for a program of another municipality and 403 for roles other than admin and planning', async () => {
    const programId = await newProgram();
    const other = await catalog
      .http()
      .post(`/programs/${programId}/mir-import?dryRun=true`)
      .set(bearer(['planning'], { tenant: 'santa-lucia' }))
      .attach('file', seedCsv, 'mir.csv');
    expect(other.status).toBe(404);
    await catalog.http().post(`/programs/${programId}/mir-import?dryRun=true`).set(bearer(['clerk'], { units: ['304'] })).attach('file', seedCsv, 'mir.csv').expect(403);
    await catalog.http().post(`/programs/${programId}/mir-import?dryRun=quizas`).set(planning).attach('file', seedCsv, 'mir.csv').expect(400);
  });

  it('serves the CSV and XLSX templates with the exact headers and one example row, which import cleanly', async () => {
    const reader = bearer(['clerk'], { units: ['304'] });
    const csv = await catalog.http().get('/mir-import/template.csv').set(reader).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('plantilla-mir.csv');
    const lines = (csv.body as Buffer).toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].split(',').slice(0, HEADERS.length)).toEqual([...HEADERS]);

    const xlsx = await catalog.http().get('/mir-import/template.xlsx').set(reader).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_MIME);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, HEADERS.length + 1)).toEqual([...HEADERS]);
    expect(sheet.actualRowCount).toBe(2);

    // The example is not taken from the seed.
    const example = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
    expect(seed.some((row) => example.includes(row.name))).toBe(false);

    const programId = await newProgram(2025);
    for (const [file, name] of [
      [csv.body as Buffer, 'plantilla-mir.csv'],
      [xlsx.body as Buffer, 'plantilla-mir.xlsx'],
    ] as const) {
      const dryRun = await upload(programId, file, name, true).expect(200);
      expect(dryRun.body).toMatchObject({ valid: true, rows: 1, errors: [] });
    }
  });
});
