import { bearer, createTestDatabase, eventually, registerTenants, RunningService, ServiceProcess, spawnService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import supertest from 'supertest';
import { reportingService } from '../src/reporting.definition';
import { download, mirCsv } from './mir-fixtures';

/*
 * The "done when" 2 and 3, through the real APIs: the 2023 MIR of program 04 (unit 304) is imported through
 * catalog's MIR import (the figures of the Secretaría de Gobierno Q2 2023 report; the texts are ours), its achieved
 * values are captured manually, and the quarterly report gives the exact cumulative, variance, compliance and
 * semáforo through Q2. Then the workflow: approval freezes and locks, reopening is audited.
 */

/** Level, targets and the achieved Q1 and Q2 values of the report. */
const SEED_FIGURES: [string, [number, number, number, number], [number, number]][] = [
  ['Fin', [25, 25, 25, 25], [25, 25]],
  ['Propósito', [25, 25, 25, 25], [25, 30]],
  ['Componente 1', [23, 28, 29, 20], [23, 21]],
  ['Actividad 1.4', [25, 25, 25, 25], [25, 10]],
  ['Componente 2', [22, 26, 26, 26], [22, 37]],
  ['Actividad 2.7', [19, 29, 30, 28], [13, 25]],
  ['Componente 3', [30, 25, 25, 20], [30, 60]],
];

describe('2023 MIR of program 04 through catalog import, manual captures and the report workflow (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: ServiceProcess;
  let reporting: RunningService;
  const tenant = uniqueTenant('mir2023');
  const planning = bearer(['planning'], { tenant, sub: 'planeacion@oaxaca' });
  const admin = bearer(['admin'], { tenant, sub: 'admin@oaxaca' });
  const clerk304 = bearer(['clerk'], { tenant, units: ['304'], sub: 'enlace@304' });
  const head304 = bearer(['unit_head'], { tenant, units: ['304'], sub: 'titular@304' });
  const clerk402 = bearer(['clerk'], { tenant, units: ['402'], sub: 'enlace@402' });
  let programId: string;
  const indicatorOf: Record<string, string> = {};
  const catalogHttp = () => supertest(catalog.url);
  const report = (auth = planning, quarter = 2) => reporting.http().get(`/reports/programs/${programId}/2023/${quarter}`).set(auth);
  const step = (action: string, auth = planning, body: object = {}) => reporting.http().post(`/reports/programs/${programId}/2023/2/${action}`).set(auth).send(body);
  const capture = (level: string, quarter: number, body: object, auth = planning) =>
    reporting.http().put(`/indicators/${indicatorOf[level]}/captures/2023/${quarter}`).set(auth).send(body);
  const evidence = [{ documentId: 'SG/INF/2023-T2', description: 'Segundo informe trimestral del programa' }];

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    [catalog, reporting] = await Promise.all([
      spawnService('catalog', { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' }),
      startServiceInProcess(reportingService, database),
    ]);
    const unit = await catalogHttp().post('/units').set(planning).send({ code: '304', name: 'Secretaría de Gobierno', kind: 'secretaria' }).expect(201);
    const plan = (await catalogHttp().post('/plans').set(planning).send({ name: 'PMD 2022-2024', startYear: 2022, endYear: 2024 }).expect(201)).body;
    const axis = (await catalogHttp().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 2, name: 'Gobernabilidad democrática' }).expect(201)).body;
    const objective = (await catalogHttp().post(`/plan-axes/${axis.id}/objectives`).set(planning).send({ code: '2.1', name: 'Participación ciudadana' }).expect(201)).body;
    programId = (
      await catalogHttp().post('/programs').set(planning).send({ year: 2023, code: '04', name: 'Gobierno participativo', ownerUnitId: unit.body.id, objectiveIds: [objective.id] }).expect(201)
    ).body.id;
    const imported = await catalogHttp().post(`/programs/${programId}/mir-import?dryRun=false`).set(planning).attach('file', mirCsv(SEED_FIGURES), 'mir-04-2023.csv');
    expect(imported.status).toBe(201);
    const indicators = (await catalogHttp().get(`/indicators?programId=${programId}&limit=50`).set(planning).expect(200)).body.items as { id: string; levelLabel: string }[];
    for (const indicator of indicators) indicatorOf[indicator.levelLabel] = indicator.id;
    expect(Object.keys(indicatorOf).sort()).toEqual(SEED_FIGURES.map(([level]) => level).sort());
    // Reporting learns the program and its indicators from catalog's events.
    await eventually('the replicated MIR', async () => {
      const response = await report();
      return response.status === 200 && response.body.table.indicators.length === SEED_FIGURES.length;
    });
  }, 180_000);

  afterAll(async () => {
    await reporting?.close();
    await catalog?.stop();
    await database?.drop();
  });

  it('captures the achieved values and reports exact cumulative, variance, compliance and semáforo through Q2', async () => {
    for (const [level, , achieved] of SEED_FIGURES) {
      for (const quarter of [1, 2]) {
        const withEvidence = level === 'Fin' ? [] : evidence;
        const response = await capture(level, quarter, { value: achieved[quarter - 1], justification: `Valor del informe, trimestre ${quarter}`, evidence: withEvidence });
        expect(response.status).toBe(200);
      }
    }
    const table = (await report().expect(200)).body.table;
    const row = (level: string) => table.indicators.find((r: { levelLabel: string }) => r.levelLabel === level);
    expect(table.indicators.map((r: { levelLabel: string }) => r.levelLabel)).toEqual(['Fin', 'Propósito', 'Componente 1', 'Actividad 1.4', 'Componente 2', 'Actividad 2.7', 'Componente 3']);
    expect(table.program).toMatchObject({ code: '04', ownerUnitCode: '304', year: 2023 });
    expect(table.alignment).toEqual({ plan: 'PMD 2022-2024', axes: [{ number: 2, name: 'Gobernabilidad democrática', objectives: [{ code: '2.1', name: 'Participación ciudadana' }] }] });
    expect(table.semaphore).toMatchObject({ isDefault: true, decimals: 2 });

    const expected: Record<string, object> = {
      Fin: { programmed: 50, achieved: 50, absoluteVariance: 0, relativeVariance: 0, compliance: 100, colour: 'verde' },
      Propósito: { programmed: 50, achieved: 55, absoluteVariance: 5, relativeVariance: 10, compliance: 110, colour: 'verde' },
      'Componente 1': { programmed: 51, achieved: 44, absoluteVariance: -7, relativeVariance: -13.72549, compliance: 86.27451, colour: 'amarillo' },
      'Actividad 1.4': { programmed: 50, achieved: 35, absoluteVariance: -15, relativeVariance: -30, compliance: 70, colour: 'amarillo' },
      'Componente 2': { programmed: 48, achieved: 59, absoluteVariance: 11, relativeVariance: 22.916667, compliance: 122.916667, colour: 'amarillo' },
      'Actividad 2.7': { programmed: 48, achieved: 38, absoluteVariance: -10, relativeVariance: -20.833333, compliance: 79.166667, colour: 'amarillo' },
      'Componente 3': { programmed: 55, achieved: 90, absoluteVariance: 35, relativeVariance: 63.636364, compliance: 163.636364, colour: 'rojo' },
    };
    for (const [level, figures] of Object.entries(expected)) expect({ level, ...row(level).evaluation.cumulative }).toMatchObject({ level, ...figures });
    // The quarter itself: Componente 1 programmed 28, achieved 21.
    expect(row('Componente 1').evaluation.quarters[1]).toMatchObject({ quarter: 2, programmed: 28, achieved: 21, absoluteVariance: -7, relativeVariance: -25, compliance: 75, colour: 'amarillo' });
    expect(row('Componente 3').evaluation.annualProgress).toBe(90);

    expect(table.warnings).toEqual(
      expect.arrayContaining([
        { code: 'metas_no_suman_meta_anual', indicatorId: indicatorOf['Actividad 2.7'], message: 'Actividad 2.7: las metas trimestrales suman 106, no el 100 % de la meta anual' },
        { code: 'captura_sin_evidencia', indicatorId: indicatorOf['Fin'], message: 'Fin: la captura del trimestre 1 no tiene evidencia' },
      ]),
    );
    expect(table.warnings).toHaveLength(3);

    // The same report per unit, and planning's cross-unit view with filters and sorting.
    const unitReport = (await reporting.http().get('/reports/units/304/2023/2').set(clerk304).expect(200)).body;
    expect(unitReport.programs.map((p: { table: { program: { code: string }; indicators: unknown[] } }) => [p.table.program.code, p.table.indicators.length])).toEqual([['04', 7]]);
    const red = (await reporting.http().get('/planning/indicators?year=2023&quarter=2&colour=rojo').set(planning).expect(200)).body;
    expect(red).toMatchObject({ total: 1, items: [{ levelLabel: 'Componente 3', unitCode: '304', axes: [2], objectives: ['2.1'], previousYear: null, cumulative: { compliance: 163.636364, colour: 'rojo' } }] });
    const byCompliance = (await reporting.http().get('/planning/indicators?year=2023&quarter=2&axis=2&sort=compliance&order=asc&limit=2').set(planning).expect(200)).body;
    expect(byCompliance.total).toBe(7);
    expect(byCompliance.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual(['Actividad 1.4', 'Actividad 2.7']);
    expect((await reporting.http().get('/planning/indicators?year=2023&quarter=2&level=componente').set(planning).expect(200)).body.total).toBe(3);
    await reporting.http().get('/planning/indicators?year=2023&quarter=2').set(clerk304).expect(403);
    const completeness = (await reporting.http().get('/reports/completeness?year=2023&quarter=2&dueDate=2023-07-10').set(planning).expect(200)).body;
    expect(completeness).toMatchObject({ dueDate: '2023-07-10', overdue: true, missing: { prepared: ['304'], validated: ['304'], approved: ['304'] } });
  });

  it('an evidence file uploaded for a capture (through @tequio/attachments) clears its "without evidence" warning', async () => {
    const evidenceOf = (quarter: number) => reporting.http().post(`/indicators/${indicatorOf['Fin']}/captures/2023/${quarter}/evidence`);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    // Another unit's user may not attach evidence, and there is no capture in Q3 to attach it to.
    expect((await evidenceOf(1).set(clerk402).attach('file', pdf, 'acta.pdf')).status).toBe(403);
    const noCapture = await evidenceOf(3).set(planning).attach('file', pdf, 'acta.pdf');
    expect(noCapture.status).toBe(404);
    expect(noCapture.body.message).toMatch(/^quarter: no hay captura/);

    const uploaded = await evidenceOf(1).set(clerk304).attach('file', pdf, 'minuta-fin-t1.pdf');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachments).toEqual([expect.objectContaining({ filename: 'minuta-fin-t1.pdf', contentType: 'application/pdf', ownerType: 'reporting.manual_capture' })]);
    const listed = (await reporting.http().get(`/indicators/${indicatorOf['Fin']}/captures/2023/1/evidence`).set(planning).expect(200)).body;
    expect(listed.map((a: { id: string }) => a.id)).toEqual([uploaded.body.attachments[0].id]);
    const file = await download(reporting.http().get(`/indicators/${indicatorOf['Fin']}/captures/2023/1/evidence/${listed[0].id}`).set(planning));
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body).equals(pdf)).toBe(true);
    // The file belongs to the first quarter's capture: through another quarter's it is not found.
    const elsewhere = await reporting.http().get(`/indicators/${indicatorOf['Fin']}/captures/2023/2/evidence/${listed[0].id}`).set(planning);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.message).toBe(`attachmentId: la captura del trimestre 2 de 2023 no tiene el adjunto ${listed[0].id}`);
    expect((await reporting.http().get(`/indicators/${indicatorOf['Fin']}/captures/2023/1`).set(planning).expect(200)).body.attachments).toBe(1);

    const warnings = (await report().expect(200)).body.table.warnings.filter((w: { code: string }) => w.code === 'captura_sin_evidencia');
    expect(warnings.map((w: { message: string }) => w.message)).toEqual(['Fin: la captura del trimestre 2 no tiene evidencia']);
  });

  it('refuses bad input with a precise 4xx and writes nothing', async () => {
    const capturesBefore = await database.query(`SELECT count(*)::int AS n FROM reporting.manual_capture`);
    const noValue = await capture('Fin', 3, { justification: 'x' });
    expect(noValue.status).toBe(400);
    expect(JSON.stringify(noValue.body)).toMatch(/value/);
    const wrongYear = await reporting.http().put(`/indicators/${indicatorOf['Fin']}/captures/2024/1`).set(planning).send({ value: 1, justification: 'x' });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.message).toBe('year: el indicador es del año 2023');
    expect((await capture('Fin', 5, { value: 1, justification: 'x' })).status).toBe(400);
    expect((await capture('Fin', 3, { value: 1, justification: 'x' }, clerk402)).status).toBe(403);
    expect(await database.query(`SELECT count(*)::int AS n FROM reporting.manual_capture`)).toEqual(capturesBefore);

    // A unit user cannot read another unit's draft; the owner unit and planning can.
    const foreign = await report(clerk402);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toBe('programId: el informe de la unidad 304 no está aprobado y usted no actúa por esa unidad');
    await report(clerk304).expect(200);

    // Approving a report that is not validated.
    const early = await step('approve');
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('status: no se puede aprobar (Vo. Bo.) un informe en estado "borrador"; debe estar en "validado"');
    expect((await step('validate', head304)).status).toBe(409);
    // A clerk cannot approve, whatever the status.
    expect((await step('approve', clerk304)).status).toBe(403);
    expect(await database.query(`SELECT count(*)::int AS n FROM reporting.report WHERE status <> 'borrador'`)).toEqual([{ n: 0 }]);
  });

  it('approval freezes the numbers and locks the quarter in catalog and for captures; reopening needs a reason and is audited', async () => {
    expect((await step('prepare', clerk304)).body.status).toBe('elaborado');
    expect((await step('validate', head304)).body.status).toBe('validado');
    const approved = (await step('approve').expect(200)).body;
    expect(approved.status).toBe('aprobado');
    expect(approved.history.map((s: { action: string; actor: string }) => `${s.action}:${s.actor}`)).toEqual(['prepare:enlace@304', 'validate:titular@304', 'approve:planeacion@oaxaca']);

    // Catalog hears tequio.reporting.report.approved, locks Q2, and refuses a Q2 target change, saying why.
    const targets = { q1: 25, q2: 30, q3: 25, q4: 20 };
    const lockedQuarters = async () => (await catalogHttp().get(`/quarter-locks?programId=${programId}&locked=true`).set(planning).expect(200)).body.items;
    await eventually('catalog to lock Q2', async () => (await lockedQuarters()).some((lock: { quarter: number; year: number }) => lock.quarter === 2 && lock.year === 2023), 60_000);
    const refused = await catalogHttp().put(`/indicators/${indicatorOf['Fin']}/targets`).set(planning).send(targets);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^targets\.q2: el 2º trimestre de 2023 está cerrado/);

    // A capture for the locked quarter is refused with the reason; the snapshot does not move.
    const locked = await capture('Propósito', 2, { value: 99, justification: 'corrección', evidence });
    expect(locked.status).toBe(409);
    expect(locked.body.message).toBe('quarter: el informe del trimestre 2 de 2023 de este programa está aprobado; reábralo con un motivo para capturar');
    // Q1 is not locked by the Q2 report: a late correction of Q1 is kept, and shown as a pending difference.
    await capture('Propósito', 1, { value: 20, justification: 'corrección tardía', evidence }).expect(200);
    const frozen = (await report().expect(200)).body;
    const propósito = frozen.table.indicators.find((r: { levelLabel: string }) => r.levelLabel === 'Propósito');
    expect(propósito.evaluation.cumulative).toMatchObject({ achieved: 55, compliance: 110 });
    expect(frozen.pendingDifferences).toEqual([{ indicatorId: indicatorOf['Propósito'], levelLabel: 'Propósito', approved: { quarter: 30, cumulative: 55 }, live: { quarter: 30, cumulative: 50 } }]);

    const withoutReason = await step('reopen', planning, {});
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.message).toBe('reason: indique el motivo de la reapertura');
    expect((await step('reopen', clerk304, { reason: 'x' })).status).toBe(403);
    const reopened = (await step('reopen', admin, { reason: 'Corrección del 1er trimestre del Propósito' }).expect(200)).body;
    expect(reopened.status).toBe('borrador');
    expect(reopened.table.indicators.find((r: { levelLabel: string }) => r.levelLabel === 'Propósito').evaluation.cumulative.achieved).toBe(50);
    const audit = await database.query(`SELECT action, actor, reason FROM reporting.audit_entry WHERE entity_type = 'report' ORDER BY id`);
    expect(audit).toEqual([
      { action: 'prepare', actor: 'enlace@304', reason: null },
      { action: 'validate', actor: 'titular@304', reason: null },
      { action: 'approve', actor: 'planeacion@oaxaca', reason: null },
      { action: 'reopen', actor: 'admin@oaxaca', reason: 'Corrección del 1er trimestre del Propósito' },
    ]);
    // Catalog unlocks Q2 again, and the change goes through.
    await eventually('catalog to unlock Q2', async () => (await lockedQuarters()).length === 0, 60_000);
    await catalogHttp().put(`/indicators/${indicatorOf['Fin']}/targets`).set(planning).send(targets).expect(200);
  }, 150_000);
  it('a value declared with its numerator and denominator: the report computes it from them and notes a declared value that does not match', async () => {
    const mismatched = await capture('Componente 3', 3, { value: 25, numerator: 4, denominator: 13, justification: 'Informe impreso: 25 %', evidence }).expect(200);
    expect(mismatched.body).toMatchObject({ value: 25, numerator: 4, denominator: 13 });
    await capture('Actividad 1.4', 3, { value: 25, numerator: 13, denominator: 52, justification: 'Informe impreso: 25 %', evidence }).expect(200);
    const table = (await report(planning, 3).expect(200)).body.table;
    const quarter3 = (level: string) => table.indicators.find((r: { levelLabel: string }) => r.levelLabel === level).evaluation.quarters[2];
    expect(quarter3('Componente 3')).toMatchObject({ quarter: 3, numerator: 4, denominator: 13, achieved: 30.769231 });
    expect(quarter3('Actividad 1.4')).toMatchObject({ quarter: 3, achieved: 25 });
    expect(table.warnings.filter((w: { code: string }) => w.code === 'valor_declarado_no_cuadra')).toEqual([
      {
        code: 'valor_declarado_no_cuadra',
        indicatorId: indicatorOf['Componente 3'],
        message: 'Componente 3: la captura del trimestre 3 declara 25, pero su numerador y denominador dan 4 / 13 × 100 = 30.77; el informe usa el valor calculado',
      },
    ]);
    // The exported document carries the note, in Spanish, against the MIR row.
    const exported = await reporting.http().get(`/reports/programs/${programId}/2023/3/export/json`).set(planning).expect(200);
    const document = JSON.parse(Buffer.isBuffer(exported.body) ? exported.body.toString('utf8') : exported.text);
    expect(document.dataQuality).toContainEqual({ code: 'valor_declarado_no_cuadra', indicatorCode: 'C3', message: expect.stringContaining('declara 25, pero su numerador y denominador dan 4 / 13') });

    // A declared value still needs the manual sides; a value alone keeps its meaning.
    const noDenominator = await capture('Componente 3', 4, { value: 25, numerator: 4, justification: 'x', evidence });
    expect(noDenominator.status).toBe(400);
    expect(noDenominator.body.message).toBe('denominator: es manual en la fórmula del indicador; indíquelo');
  });
});
