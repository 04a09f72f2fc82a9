import { bearer, createTestDatabase, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';
import { FIXTURE_ROWS, printedReport, SHIFTED_LEVELS } from './fixtures/mir-report.fixture';

/*
 * MIR import on a bare clone: a project-owned table with the figures of a real quarterly report (the report itself is
 * read by mir-import.seed-spec.ts, in the seeds suite), pasted as the printed report's text.
 */
interface Warning {
  row: number;
  column: string;
  message: string;
}

describe('MIR import of a printed report (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  const planning = bearer(['planning'], { sub: 'planeacion@ejemplo' });
  const report = Buffer.from(printedReport(), 'utf8');
  let unitId: string;
  let programs = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    unitId = (await catalog.http().post('/units').set(planning).send({ code: '900', name: 'Dirección de Ejemplo', kind: 'direccion' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await catalog?.close();
    await database?.drop();
  });

  const newProgram = async () => {
    programs += 1;
    const response = await catalog.http().post('/programs').set(planning).send({ year: 2030, code: `01-${programs}`, name: 'Programa de ejemplo', ownerUnitId: unitId }).expect(201);
    return response.body.id as string;
  };
  const upload = (programId: string, dryRun: boolean) =>
    catalog.http().post(`/programs/${programId}/mir-import?dryRun=${dryRun}`).set(planning).attach('file', report, { filename: 'informe.txt', contentType: 'text/plain' });
  const count = async (table: string) => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.${table}`))[0].n;

  it('dry run reads every row of the pasted report, writes nothing, and reports what the API rules and the MIR design would object to', async () => {
    const programId = await newProgram();
    const [indicators, outbox] = [await count('indicator'), await count('outbox')];
    const response = await upload(programId, true).expect(200);
    expect(response.body).toMatchObject({ dryRun: true, valid: true, rows: FIXTURE_ROWS.length, errors: [] });
    expect(response.body.preview.map((entry: { levelLabel: string }) => entry.levelLabel)).toEqual(FIXTURE_ROWS.map((row) => row.level));
    expect(await count('indicator')).toBe(indicators);
    expect(await count('outbox')).toBe(outbox);

    const warnings = response.body.warnings as Warning[];
    const levelAt = new Map<number, string>(response.body.preview.map((entry: { row: number; levelLabel: string }) => [entry.row, entry.levelLabel]));
    const where = (match: RegExp) => warnings.filter((warning) => match.test(warning.message)).map((warning) => [levelAt.get(warning.row), warning.column]);
    expect(where(/^un indicador de frecuencia anual lleva meta en un solo trimestre/)).toEqual([
      ['Fin', 'Frecuencia de Medición'],
      ['Propósito', 'Frecuencia de Medición'],
    ]);
    // Every row is a share of the annual goal (programmed cumulative 1 = 100%), none with the goal as its denominator.
    expect(where(/^con acumulación "parte de la meta anual" el denominador/)).toEqual(FIXTURE_ROWS.map((row) => [row.level, 'Método de Cálculo']));
    expect(where(/^una Actividad mide la gestión/)).toEqual([['Actividad 1.7', 'Tipo']]);
    expect(where(/^el mismo método de cálculo que Componente 2 \(fila \d+\)/)).toEqual([['Actividad 2.4', 'Método de Cálculo']]);
    expect(where(/^las metas trimestrales suman 106/)).toEqual([['Actividad 2.7', 'Valores Programados Acumulado *']]);
    expect(where(/^leído más a la izquierda que su columna/)).toEqual(SHIFTED_LEVELS.map((level) => [level, 'Medios de Verificación']));
  });

  it('imports the pasted report as it is: baselines of the page without "Valor | Año", and the shifted "Medios de Verificación"', async () => {
    const programId = await newProgram();
    const response = await upload(programId, false).expect(201);
    expect(response.body.created.map((entry: { levelLabel: string }) => entry.levelLabel)).toEqual(FIXTURE_ROWS.map((row) => row.level));
    const stored = await database.query<{ name: string; baseline_value: number; baseline_year: number; target_q1: number; target_q4: number; means_of_verification: string; type: string; frequency: string }>(
      `SELECT name, baseline_value, baseline_year, target_q1, target_q4, means_of_verification, type, frequency FROM catalog.indicator WHERE program_id = $1`,
      [programId],
    );
    const byName = new Map(stored.map((row) => [row.name, row]));
    for (const row of FIXTURE_ROWS) {
      expect(byName.get(row.name)).toMatchObject({
        baseline_value: Number(row.baseline.replace('%', '')),
        baseline_year: 2022,
        target_q1: Number(row.targets[0].replace('%', '')),
        target_q4: Number(row.targets[3].replace('%', '')),
        means_of_verification: row.meansOfVerification,
        type: row.type === 'Estratégico' ? 'estrategico' : 'gestion',
        frequency: row.frequency.toLowerCase(),
      });
    }
  });

  it('an imported indicator that breaks the API rules can be corrected through the API, and its frequency changed both ways', async () => {
    const programId = await newProgram();
    const created = (await upload(programId, false).expect(201)).body.created as { id: string; levelLabel: string }[];
    const fin = created.find((entry) => entry.levelLabel === 'Fin')?.id as string;
    const proposito = created.find((entry) => entry.levelLabel === 'Propósito')?.id as string;
    const http = () => catalog.http();

    // A PATCH that does not touch the broken rules is not refused for them.
    await http().patch(`/indicators/${proposito}`).set(planning).send({ name: 'Porcentaje de vecinos que participan en consultas públicas' }).expect(200);

    // Fin is annual with four targets: measured quarterly it is consistent; back to annual it needs one target first.
    await http().patch(`/indicators/${fin}`).set(planning).send({ frequency: 'trimestral' }).expect(200);
    const refused = await http().patch(`/indicators/${fin}`).set(planning).send({ frequency: 'anual' }).expect(400);
    expect(refused.body.message).toMatch(/^targets: un indicador de frecuencia anual lleva meta en un solo trimestre/);
    await http().put(`/indicators/${fin}/targets`).set(planning).send({ q1: null, q2: null, q3: null, q4: 100 }).expect(200);
    await http().patch(`/indicators/${fin}`).set(planning).send({ frequency: 'anual' }).expect(200);
    await http().patch(`/indicators/${fin}`).set(planning).send({ frequency: 'trimestral' }).expect(200);
    await http().patch(`/indicators/${fin}`).set(planning).send({ frequency: 'anual' }).expect(200);

    // The annual goal as the constant denominator of a share of the annual goal.
    await http()
      .patch(`/indicators/${fin}`)
      .set(planning)
      .send({ formula: { numerator: { kind: 'manual' }, denominator: { kind: 'constant', value: 12 } } })
      .expect(200);
    const corrected = await http().get(`/indicators/${fin}`).set(planning).expect(200);
    expect(corrected.body).toMatchObject({ frequency: 'anual', targets: { q1: null, q2: null, q3: null, q4: 100 }, formula: { denominator: { kind: 'constant', value: 12 } } });
  });
});
