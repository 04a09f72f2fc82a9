import { DLQ_CONSUMER_HEADER, DLQ_REASON_HEADER, deadLetterTopic, ReportApproved, ReportReopened, Topic } from '@tequio/contracts';
import { bearer, cloudEventMessage, createTestDatabase, EventTap, eventually, produceRaw, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { catalogService } from '../src/catalog.definition';

describe('catalog quarter locks from approved reports (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let dlq: EventTap;
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });
  let program: { id: string; ownerUnitId: string };
  let indicator: { id: string };
  // Report ids are unique per run: the topic is shared with every other test of the run.
  const reportQ2 = randomUUID();

  const http = () => catalog.http();
  const count = async (table: string) => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.${table}`))[0].n;
  const lockRow = async (quarter: number) =>
    (
      await database.query<{ approved_at: Date | null; reopened_at: Date | null; report_id: string }>(
        `SELECT approved_at, reopened_at, report_id FROM catalog.quarter_lock WHERE program_id = $1 AND year = 2025 AND quarter = $2`,
        [program.id, quarter],
      )
    )[0];
  const approve = (quarter: number, reportId: string, approvedAt: string, id?: string) =>
    produceRaw(Topic.ReportingReportV1, [
      cloudEventMessage(ReportApproved, { subject: reportId, id, data: { reportId, programId: program.id, unitCode: '402', year: 2025, quarter, approvedAt } }),
    ]);
  const reopen = (quarter: number, reportId: string, reopenedAt: string) =>
    produceRaw(Topic.ReportingReportV1, [
      cloudEventMessage(ReportReopened, {
        subject: reportId,
        data: { reportId, programId: program.id, unitCode: '402', year: 2025, quarter, reopenedAt, reason: 'Corrección de la meta del 2º trimestre' },
      }),
    ]);
  const putTargets = (targets: object) => http().put(`/indicators/${indicator.id}/targets`).set(planning).send(targets);

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    dlq = await EventTap.open([deadLetterTopic(Topic.ReportingReportV1)]);
    const unit = (await http().post('/units').set(planning).send({ code: '402', name: 'Secretaría Particular', kind: 'secretaria' }).expect(201)).body;
    program = (await http().post('/programs').set(planning).send({ year: 2025, code: '08', name: 'Gobierno innovador y tecnológico', ownerUnitId: unit.id }).expect(201)).body;
    indicator = (
      await http()
        .post(`/programs/${program.id}/indicators`)
        .set(planning)
        .send({
          level: 'componente',
          componentNumber: 1,
          name: 'Porcentaje de reuniones de gabinete realizadas',
          definition: 'Mide las reuniones de gabinete realizadas respecto de las 52 programadas en el año',
          calculationMethod: '(reuniones de gabinete realizadas / 52) * 100',
          unitOfMeasure: 'Porcentaje',
          type: 'estrategico',
          dimension: 'eficacia',
          frequency: 'trimestral',
          direction: 'ascendente',
          accumulation: 'annual_goal_share',
          targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
          formula: { numerator: { kind: 'metric', metric: 'agenda.cabinet_meetings.held', filters: {} }, denominator: { kind: 'constant', value: 52 } },
        })
        .expect(201)
    ).body;
  });

  afterAll(async () => {
    await dlq?.close();
    await catalog?.close();
    await database?.drop();
  });

  it('locks the quarter when reporting approves its report: changing its target is refused with 409, saying why', async () => {
    await approve(2, reportQ2, '2025-07-10T17:00:00.000Z');
    await eventually('the Q2 lock', async () => (await lockRow(2))?.approved_at);
    const locks = (await http().get(`/quarter-locks?programId=${program.id}&locked=true`).set(bearer(['auditor'])).expect(200)).body;
    expect(locks.items).toEqual([
      expect.objectContaining({ quarter: 2, year: 2025, reportId: reportQ2, locked: true, quarterLabel: '2º trimestre de 2025', approvedAt: '2025-07-10T17:00:00.000Z' }),
    ]);

    const outbox = await count('outbox');
    const refused = await putTargets({ q1: 25, q2: 30, q3: 25, q4: 20 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'targets.q2: el 2º trimestre de 2025 está cerrado: su informe fue aprobado el 2025-07-10; reábralo en reportes para cambiar la meta',
    );
    // Nothing half-saved: q4 did not change either, no event.
    expect((await http().get(`/indicators/${indicator.id}`).set(planning).expect(200)).body).toMatchObject({ targets: { q1: 25, q2: 25, q3: 25, q4: 25 }, version: 1 });
    expect(await count('outbox')).toBe(outbox);

    // Quarters that stay open can change while Q2 keeps its target.
    const open = await putTargets({ q1: 25, q2: 25, q3: 30, q4: 20 });
    expect(open.status).toBe(200);
    expect(open.body.targets).toEqual({ q1: 25, q2: 25, q3: 30, q4: 20 });
  });

  it('also refuses a new indicator with a target in the closed quarter, and deleting one that has such a target', async () => {
    const body = (q2: number | null) => ({
      level: 'fin',
      name: 'Porcentaje de acuerdos de gabinete cumplidos',
      definition: 'Mide los acuerdos cumplidos',
      calculationMethod: '(acuerdos cumplidos / acuerdos tomados) * 100',
      unitOfMeasure: 'Porcentaje',
      type: 'estrategico',
      dimension: 'eficacia',
      frequency: 'trimestral',
      direction: 'ascendente',
      accumulation: 'flow',
      targets: { q1: null, q2, q3: 50, q4: 50 },
    });
    const refused = await http().post(`/programs/${program.id}/indicators`).set(planning).send(body(40));
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^targets\.q2: el 2º trimestre de 2025 está cerrado/);
    const fin = (await http().post(`/programs/${program.id}/indicators`).set(planning).send(body(null)).expect(201)).body;
    await http().delete(`/indicators/${fin.id}`).set(planning).expect(200);

    const remove = await http().delete(`/indicators/${indicator.id}`).set(planning);
    expect(remove.status).toBe(409);
    expect(remove.body.message).toBe(
      'targets.q2: el 2º trimestre de 2025 está cerrado: su informe fue aprobado el 2025-07-10; reábralo en reportes para eliminar el indicador',
    );
  });

  it('while a quarter is closed, refuses a PATCH of what approved values were computed with; texts stay editable', async () => {
    const patch = (body: object) => http().patch(`/indicators/${indicator.id}`).set(planning).send(body);
    const closed = 'el 2º trimestre de 2025 está cerrado: su informe fue aprobado el 2025-07-10; reábralo en reportes para';
    const outbox = await count('outbox');
    const version = (await http().get(`/indicators/${indicator.id}`).set(planning).expect(200)).body.version;

    const formula = await patch({ formula: { numerator: { kind: 'metric', metric: 'agenda.cabinet_meetings.held', filters: {} }, denominator: { kind: 'constant', value: 48 } } });
    expect(formula.status).toBe(409);
    expect(formula.body.message).toBe(`formula: ${closed} cambiar la fórmula`);
    expect((await patch({ factor: 1 })).body.message).toBe(`factor: ${closed} cambiar el factor`);
    expect((await patch({ accumulation: 'flow' })).body.message).toBe(`accumulation: ${closed} cambiar el tipo de acumulación`);
    const both = await patch({ direction: 'descendente', name: 'Porcentaje de reuniones de gabinete celebradas' });
    expect(both.status).toBe(409);
    expect(both.body.errors).toEqual([{ field: 'direction', message: `${closed} cambiar el sentido esperado` }]);
    expect(await count('outbox')).toBe(outbox);

    // The same values are no change; texts change.
    const same = await patch({ factor: 100, direction: 'ascendente', definition: 'Mide las reuniones de gabinete celebradas respecto de las 52 del año' });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ definition: 'Mide las reuniones de gabinete celebradas respecto de las 52 del año', factor: 100, version: version + 1 });
    const texts = await patch({ name: 'Porcentaje de reuniones de gabinete celebradas', meansOfVerification: 'Minutas y listas de asistencia' });
    expect(texts.status).toBe(200);
    expect(texts.body).toMatchObject({ name: 'Porcentaje de reuniones de gabinete celebradas', formula: { denominator: { kind: 'constant', value: 52 } }, version: version + 2 });
  });

  it('makes an approval wait for a running change of the program, even for a quarter approved for the first time', async () => {
    // A quarter never approved has no lock row: only the program row can serialize the two.
    const other = (await http().post('/programs').set(planning).send({ year: 2025, code: '09', name: 'Gobierno cercano', ownerUnitId: program.ownerUnitId }).expect(201)).body;
    const change = new Client({ connectionString: database.url });
    await change.connect();
    try {
      await change.query('BEGIN');
      // What PUT /indicators/:id/targets does first: lock the program, then read its closed quarters (none yet).
      await change.query('SELECT id FROM catalog.program WHERE id = $1 FOR UPDATE', [other.id]);
      expect((await change.query('SELECT count(*)::int AS n FROM catalog.quarter_lock WHERE program_id = $1', [other.id])).rows).toEqual([{ n: 0 }]);

      const reportId = randomUUID();
      await produceRaw(Topic.ReportingReportV1, [
        cloudEventMessage(ReportApproved, { subject: reportId, data: { reportId, programId: other.id, unitCode: '402', year: 2025, quarter: 1, approvedAt: '2025-04-10T17:00:00.000Z' } }),
      ]);
      const lockOf = async () =>
        (await database.query<{ approved_at: Date }>(`SELECT approved_at FROM catalog.quarter_lock WHERE program_id = $1 AND quarter = 1`, [other.id]))[0];
      const waiting = async () =>
        (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n > 0;
      // Either the consumer blocks on the program row (right) or it writes the lock under the running change (wrong).
      await eventually('the approval to block or to be applied', async () => (await waiting()) || (await lockOf()) !== undefined);
      expect(await lockOf()).toBeUndefined();
      expect(await waiting()).toBe(true);

      await change.query('COMMIT');
      await eventually('the Q1 lock once the change committed', async () => (await lockOf())?.approved_at);
    } finally {
      await change.end();
    }
  });

  it('applies a redelivered approval once', async () => {
    const eventId = randomUUID();
    const reportQ1 = randomUUID();
    await approve(1, reportQ1, '2025-04-12T17:00:00.000Z', eventId);
    await approve(1, reportQ1, '2025-04-12T17:00:00.000Z', eventId);
    await eventually('the Q1 lock', async () => (await lockRow(1))?.approved_at);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const entries = await database.query(`SELECT action FROM catalog.audit_entry WHERE entity_type = 'quarter_lock' AND changes::text LIKE $1`, [`%${reportQ1}%`]);
    expect(entries).toEqual([{ action: 'locked' }]);
    expect(await database.query(`SELECT count(*)::int AS n FROM catalog.inbox WHERE event_id = $1`, [eventId])).toEqual([{ n: 1 }]);
  });

  it('opens the quarter again when the report is reopened, and the target can change', async () => {
    await reopen(2, reportQ2, '2025-07-20T17:00:00.000Z');
    await eventually('the Q2 reopening', async () => (await lockRow(2))?.reopened_at);
    const unlocked = (await http().get(`/quarter-locks?programId=${program.id}&quarter=2`).set(planning).expect(200)).body;
    expect(unlocked.items[0]).toMatchObject({ locked: false, reopenReason: 'Corrección de la meta del 2º trimestre' });

    const changed = await putTargets({ q1: 25, q2: 30, q3: 30, q4: 20, reason: 'Corrección de la meta del 2º trimestre' });
    expect(changed.status).toBe(200);
    expect(changed.body.targets).toEqual({ q1: 25, q2: 30, q3: 30, q4: 20 });

    // Approved again later: locked again.
    await approve(2, reportQ2, '2025-07-25T17:00:00.000Z');
    await eventually('the second Q2 approval', async () => {
      const row = await lockRow(2);
      return row?.approved_at && row.approved_at.getTime() === Date.parse('2025-07-25T17:00:00.000Z');
    });
    const again = await putTargets({ q1: 25, q2: 35, q3: 30, q4: 20 });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/aprobado el 2025-07-25/);
  });

  it('parks a bad event on the DLQ with the reason and keeps consuming', async () => {
    const badReport = randomUUID();
    await produceRaw(Topic.ReportingReportV1, [
      cloudEventMessage(ReportApproved, {
        subject: badReport,
        data: { reportId: badReport, programId: program.id, unitCode: '402', year: 2025, quarter: 5, approvedAt: 'ayer' },
      }),
    ]);
    const parked = await dlq.waitFor((m) => m.key === badReport, 'the bad event on the DLQ');
    expect(parked.headers[DLQ_CONSUMER_HEADER]).toBe('catalog');
    expect(parked.headers[DLQ_REASON_HEADER]).toMatch(/^invalid data for tequio\.reporting\.report\.approved: .*quarter/);

    const reportQ3 = randomUUID();
    await approve(3, reportQ3, '2025-10-10T17:00:00.000Z');
    await eventually('the Q3 lock after the bad event', async () => (await lockRow(3))?.approved_at);
    expect(await database.query(`SELECT count(*)::int AS n FROM catalog.quarter_lock WHERE report_id = $1`, [badReport])).toEqual([{ n: 0 }]);
    const refused = await putTargets({ q1: 25, q2: 30, q3: 40, q4: 20 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/^targets\.q3: el 3º trimestre de 2025 está cerrado/);
  });
});
