import {
  CalendarChanged,
  calendarDay,
  deadLetterTopic,
  defineEvent,
  defineMetricMapping,
  DLQ_REASON_HEADER,
  IndicatorCreated,
  ProgramCreated,
  Topic,
} from '@tequio/contracts';
import { bearer, cloudEventMessage, createTestDatabase, EventTap, produceRaw, registerTenants, RunningService, startServiceInProcess, TestDatabase, undocumentedOperations, uniqueGroup, uniqueTenant } from '@tequio/testing';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { reportingServiceWith } from '../src/reporting.definition';
import { replayFacts } from '../src/replay-command';

/*
 * Generic fact ingestion before the producers land: a producer-shaped state event and its mapping, registered only
 * here through the service's mapping seam, published to the producer's real topic. Catalog-shaped events feed the
 * indicator that reads the facts.
 */
const DocumentRecorded = defineEvent({
  type: 'tequio.correspondence.document.test-recorded',
  topic: Topic.CorrespondenceDocumentV1,
  summary: 'Test only: the whole non-personal state of a received document.',
  data: z.object({
    documentId: z.uuid(),
    unitCode: z.string().min(1),
    receivedAt: z.iso.datetime(),
    requiresResponse: z.boolean(),
    answeredAt: z.iso.datetime().nullable(),
    cancelled: z.boolean(),
    version: z.int().positive(),
  }),
  example: {
    documentId: '0b7e3c55-2f6a-4d8e-9a41-7c2d1e5f3a90',
    unitCode: '402',
    receivedAt: '2025-07-01T17:00:00.000Z',
    requiresResponse: true,
    answeredAt: null,
    cancelled: false,
    version: 1,
  },
});
type DocumentState = z.infer<typeof DocumentRecorded.data>;

const documentMapping = defineMetricMapping({
  event: DocumentRecorded,
  observe: (data, { timeZone }) => {
    const dimensions = { unit: data.unitCode, requiresResponse: data.requiresResponse };
    const observations = data.cancelled
      ? []
      : [
          { metric: 'correspondence.documents.received', day: calendarDay(data.receivedAt, timeZone), dimensions, value: 1 },
          ...(data.answeredAt ? [{ metric: 'correspondence.documents.answered', day: calendarDay(data.answeredAt, timeZone), dimensions, value: 1 }] : []),
        ];
    return { recordKey: `correspondence.document/${data.documentId}`, version: data.version, observations };
  },
});

const definition = reportingServiceWith([documentMapping]);

describe('reporting fact ingestion and consolidation from producer events (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let reporting: RunningService;
  let dlq: EventTap;
  const tenant = uniqueTenant('facts');
  const planning = bearer(['planning'], { tenant });

  const doc = (overrides: Partial<DocumentState> = {}): DocumentState => ({ ...DocumentRecorded.example, documentId: randomUUID(), ...overrides });
  const message = (data: DocumentState, id?: string) => cloudEventMessage(DocumentRecorded, { subject: data.documentId, data, tenant, id });
  const total = async (metric: string, unit: string, from: string, to: string, by?: string) =>
    (await reporting.http().get(`/facts/totals?metric=${metric}&unit=${unit}&from=${from}&to=${to}${by ? `&by=${by}` : ''}`).set(planning).expect(200)).body;
  async function until<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await probe();
      if (accept(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  /** Each test uses its own units, so it waits for its own figures only. */
  const received = (unit: string, from = '2025-07-01', to = '2025-09-30') => total('correspondence.documents.received', unit, from, to);

  /** A program of the unit with one indicator, the share of its received documents answered, sent as catalog does. */
  async function answeredShareProgram(unit: string, filters: Record<string, boolean> = {}): Promise<{ programId: string; indicatorId: string }> {
    const programId = randomUUID();
    const indicatorId = randomUUID();
    const program = { ...ProgramCreated.example, programId, ownerUnitCode: unit, objectiveIds: [] };
    const indicator = {
      ...IndicatorCreated.example,
      indicatorId,
      programId,
      parentId: null,
      level: 'proposito' as const,
      componentNumber: null,
      activityNumber: null,
      levelLabel: 'Propósito',
      responsibleUnitCode: unit,
      targets: { q1: 50, q2: 50, q3: 50, q4: 50 },
      formula: {
        numerator: { kind: 'metric' as const, metric: 'correspondence.documents.answered', filters: { unit, ...filters } },
        denominator: { kind: 'metric' as const, metric: 'correspondence.documents.received', filters: { unit, ...filters } },
      },
    };
    await produceRaw(Topic.CatalogProgramV1, [cloudEventMessage(ProgramCreated, { subject: programId, data: program, tenant })]);
    await produceRaw(Topic.CatalogIndicatorV1, [cloudEventMessage(IndicatorCreated, { subject: indicatorId, data: indicator, tenant })]);
    return { programId, indicatorId };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    // The service provisions the producer topic and its DLQ; the tap opens after, so the two never race to create them.
    reporting = await startServiceInProcess(definition, database);
    dlq = await EventTap.open([deadLetterTopic(Topic.CorrespondenceDocumentV1)]);
  });

  afterAll(async () => {
    await reporting?.close();
    await dlq?.close();
    await database?.drop();
  });

  it('counts a redelivered event once, and a copy of it, and never goes back to an older version', async () => {
    const data = doc({ unitCode: 'A1' });
    const event = message(data);
    const answered = message({ ...data, answeredAt: '2025-07-02T17:00:00.000Z', version: 2 });
    // The same event twice, a copy under another id (as a relay publishing twice would send), then version 2: the
    // record's events share its key, so its partition, so version 2 is applied after the three others.
    await produceRaw(Topic.CorrespondenceDocumentV1, [event, event, message(data), answered]);
    const answeredIn = () => total('correspondence.documents.answered', 'A1', '2025-07-01', '2025-09-30');
    await until('version 2 applied', answeredIn, (body) => body.total === 1);
    expect((await received('A1')).total).toBe(1);
    // Version 1 delivered again after version 2, as it was or reassigned, changes nothing. A marker record sent
    // under the same Kafka key follows them on their partition: once it counts, they were applied.
    const marker = doc({ unitCode: 'A8' });
    await produceRaw(Topic.CorrespondenceDocumentV1, [event, message({ ...data, unitCode: 'A9' }), { ...message(marker), key: data.documentId }]);
    await until('the marker applied', () => received('A8'), (body) => body.total === 1);
    expect((await received('A9')).total).toBe(0);
    expect((await received('A1')).total).toBe(1);
    expect((await answeredIn()).total).toBe(1);
    expect(await database.query(`SELECT version FROM reporting.fact_record WHERE tenant = $1 AND record_key = $2`, [tenant, `correspondence.document/${data.documentId}`])).toEqual([{ version: '2' }]);
  });

  it('moves a reassigned, back-dated or cancelled record to where it now belongs, whatever the arrival order', async () => {
    const reassigned = doc({ unitCode: 'B1' });
    const cancelled = doc({ unitCode: 'B1' });
    const backDated = doc({ unitCode: 'B1' });
    await produceRaw(Topic.CorrespondenceDocumentV1, [
      // Version 2 (reassigned to B2) arrives before version 1.
      message({ ...reassigned, unitCode: 'B2', version: 2 }),
      message(reassigned),
      message(cancelled),
      message({ ...cancelled, cancelled: true, version: 2 }),
      message(backDated),
      // Back-dated to the evening of 31 March, Mexico City time: it counts in Q1.
      message({ ...backDated, receivedAt: '2025-04-01T02:00:00.000Z', version: 2 }),
    ]);
    await until('B2 to hold the reassigned record', () => received('B2'), (body) => body.total === 1);
    await until('the back-dated record in Q1', () => received('B1', '2025-01-01', '2025-03-31'), (body) => body.total === 1);
    expect((await received('B1')).total).toBe(0);
    expect((await received('B1', '2025-03-31', '2025-03-31')).total).toBe(1);
    expect(await database.query(`SELECT count(*)::int AS n FROM reporting.fact WHERE tenant = $1 AND record_key = $2`, [tenant, `correspondence.document/${cancelled.documentId}`])).toEqual([{ n: 0 }]);
  });

  it("counts days in the municipality's time zone, from its calendar in the catalog", async () => {
    const tijuana = uniqueTenant('tz');
    await registerTenants(database, tijuana);
    const calendar = { ...CalendarChanged.example, calendarId: `${tijuana}:2025`, timeZone: 'America/Tijuana' };
    await produceRaw(Topic.CatalogCalendarV1, [cloudEventMessage(CalendarChanged, { subject: calendar.calendarId, data: calendar, tenant: tijuana })]);
    await until('the calendar replica', () => database.query(`SELECT 1 FROM reporting.catalog_snapshot WHERE tenant = $1 AND kind = 'calendar'`, [tijuana]), (rows) => rows.length === 1);
    // 06:30 UTC on 1 July: 00:30 of 1 July in Mexico City, but 23:30 of 30 June in Tijuana.
    const data = doc({ unitCode: 'TZ', receivedAt: '2025-07-01T06:30:00.000Z' });
    await produceRaw(Topic.CorrespondenceDocumentV1, [cloudEventMessage(DocumentRecorded, { subject: data.documentId, data, tenant: tijuana })]);
    const inTijuana = bearer(['planning'], { tenant: tijuana });
    const june = () => reporting.http().get('/facts/totals?metric=correspondence.documents.received&unit=TZ&from=2025-06-30&to=2025-06-30').set(inTijuana).expect(200);
    await until('the record on 30 June', async () => (await june()).body, (body) => body.total === 1);
  });

  it('dead-letters invalid events with the reason and keeps ingesting', async () => {
    const good = doc({ unitCode: 'C1' });
    const invalid = message({ ...good, unitCode: '' });
    const unknown = message(good);
    unknown.headers = { ...unknown.headers, ce_type: 'tequio.correspondence.document.exploded' };
    await produceRaw(Topic.CorrespondenceDocumentV1, [{ key: 'raw', value: 'not json' }, invalid, unknown, message(good)]);
    const parked = await dlq.waitFor((m) => m.headers['ce_id'] === invalid.headers['ce_id'], 'the invalid event in the DLQ');
    expect(parked.headers[DLQ_REASON_HEADER]).toMatch(/^invalid data for tequio\.correspondence\.document\.test-recorded: unitCode: /);
    const strange = await dlq.waitFor((m) => m.headers['ce_id'] === unknown.headers['ce_id'], 'the unknown type in the DLQ');
    expect(strange.headers[DLQ_REASON_HEADER]).toBe(`unknown event type "tequio.correspondence.document.exploded" on ${Topic.CorrespondenceDocumentV1}`);
    expect((await dlq.waitFor((m) => m.key === 'raw', 'the headerless message')).headers[DLQ_REASON_HEADER]).toMatch(/^invalid CloudEvents headers/);
    await until('the good event after them', () => received('C1'), (body) => body.total === 1);
  });

  it('consolidates an indicator whose formula reads the facts, by quarter and with its breakdowns; refuses captures for it', async () => {
    const { programId, indicatorId } = await answeredShareProgram('D1', { requiresResponse: true });
    const answered = '2025-08-10T17:00:00.000Z';
    await produceRaw(Topic.CorrespondenceDocumentV1, [
      message(doc({ unitCode: 'D1', receivedAt: '2025-07-02T17:00:00.000Z', answeredAt: answered })),
      message(doc({ unitCode: 'D1', receivedAt: '2025-08-02T17:00:00.000Z', answeredAt: answered })),
      message(doc({ unitCode: 'D1', receivedAt: '2025-08-03T17:00:00.000Z' })),
      message(doc({ unitCode: 'D1', receivedAt: '2025-09-03T17:00:00.000Z' })),
      // Needs no answer: outside the formula's filter, inside the unit's total.
      message(doc({ unitCode: 'D1', receivedAt: '2025-09-04T17:00:00.000Z', requiresResponse: false })),
      message(doc({ unitCode: 'D1', receivedAt: '2025-05-04T17:00:00.000Z', answeredAt: '2025-05-05T17:00:00.000Z' })),
    ]);
    const view = await until(
      'the consolidated indicator',
      async () => (await reporting.http().get(`/reports/programs/${programId}/2025/3`).set(planning)).body,
      (body) => body.table?.indicators?.[0]?.evaluation.cumulative.denominator === 5,
    );
    const row = view.table.indicators[0];
    expect(row.evaluation.quarters.map((q: { numerator: number; denominator: number; achieved: number }) => [q.numerator, q.denominator, q.achieved])).toEqual([
      [0, 0, null],
      [1, 1, 100],
      [2, 4, 50],
    ]);
    expect(row.evaluation.cumulative).toMatchObject({ numerator: 3, denominator: 5, achieved: 60, programmed: 50, compliance: 120, colour: 'amarillo' });
    expect(row.months).toEqual([
      { month: '2025-07', numerator: 0, denominator: 1, value: 0 },
      { month: '2025-08', numerator: 2, denominator: 2, value: 100 },
      { month: '2025-09', numerator: 0, denominator: 1, value: 0 },
    ]);
    expect(view.table.warnings).toEqual([{ code: 'denominador_cero', indicatorId, message: 'Propósito: el denominador es cero en el trimestre 1' }]);
    const byMonth = row.breakdowns.find((b: { side: string; by: string }) => b.side === 'denominator' && b.by === 'month');
    expect(byMonth).toEqual({ side: 'denominator', metric: 'correspondence.documents.received', by: 'month', total: 4, parts: [{ key: '2025-07', total: 1 }, { key: '2025-08', total: 2 }, { key: '2025-09', total: 1 }] });
    expect((await total('correspondence.documents.received', 'D1', '2025-07-01', '2025-09-30', 'requiresResponse')).breakdown).toEqual([
      { key: 'false', total: 1 },
      { key: 'true', total: 4 },
    ]);

    const refused = await reporting.http().put(`/indicators/${indicatorId}/captures/2025/3`).set(planning).send({ value: 10, justification: 'x' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^indicatorId: el indicador ".*" se calcula de los registros/);
  });

  it('keeps an event that arrives after the approval as a pending difference, warns about it, and leaves the snapshot as approved', async () => {
    const { programId, indicatorId } = await answeredShareProgram('G1');
    const late = doc({ unitCode: 'G1', receivedAt: '2025-08-01T17:00:00.000Z' });
    await produceRaw(Topic.CorrespondenceDocumentV1, [message(doc({ unitCode: 'G1', answeredAt: '2025-07-02T17:00:00.000Z' })), message(late)]);
    const path = `/reports/programs/${programId}/2025/3`;
    const cumulative = (body: { table?: { indicators?: { evaluation: { cumulative: { numerator: number; denominator: number } } }[] } }) => body.table?.indicators?.[0]?.evaluation.cumulative;
    await until('the two documents consolidated', async () => (await reporting.http().get(path).set(planning)).body, (body) => cumulative(body)?.denominator === 2);
    await reporting.http().post(`${path}/prepare`).set(bearer(['clerk'], { tenant, units: ['G1'] })).send({}).expect(200);
    await reporting.http().post(`${path}/validate`).set(bearer(['unit_head'], { tenant, units: ['G1'] })).send({}).expect(200);
    const approved = (await reporting.http().post(`${path}/approve`).set(planning).send({}).expect(200)).body;
    expect(cumulative(approved)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(approved.table.warnings.map((w: { code: string }) => w.code)).not.toContain('eventos_despues_de_aprobacion');

    // The second document is answered after the approval: kept, shown as a difference, the snapshot unmoved.
    await produceRaw(Topic.CorrespondenceDocumentV1, [message({ ...late, answeredAt: '2025-08-05T17:00:00.000Z', version: 2 })]);
    await until('the late answer counted', () => total('correspondence.documents.answered', 'G1', '2025-07-01', '2025-09-30'), (body) => body.total === 2);
    const view = (await reporting.http().get(path).set(planning).expect(200)).body;
    expect(view.status).toBe('aprobado');
    expect(cumulative(view)).toMatchObject({ numerator: 1, denominator: 2 });
    expect(view.pendingDifferences).toEqual([
      expect.objectContaining({ indicatorId, approved: expect.objectContaining({ cumulative: 50 }), live: expect.objectContaining({ cumulative: 100 }) }),
    ]);
    expect(view.table.warnings).toContainEqual({
      code: 'eventos_despues_de_aprobacion',
      message: '1 registro(s) del periodo llegaron después de la aprobación; se muestran como diferencias pendientes',
    });
  });

  it('replays the topics into fresh tables and swaps them in with identical numbers, daily sums included', async () => {
    const summary = () =>
      database.query(
        `SELECT metric, day::text, unit, dimensions::text, sum(value)::float8 AS total, count(DISTINCT record_key)::int AS records
         FROM reporting.fact WHERE tenant = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [tenant],
      );
    const versions = () => database.query(`SELECT record_key, version::int FROM reporting.fact_record WHERE tenant = $1 ORDER BY 1`, [tenant]);
    const live = await summary();
    const liveVersions = await versions();
    expect(live.length).toBeGreaterThan(5);
    // The daily sums the reports read match the facts after every correction the tests above made.
    const daily = () =>
      database.query(`SELECT metric, day::text, unit, dimensions::text, value AS total, facts::int FROM reporting.fact_day WHERE tenant = $1 AND facts <> 0 ORDER BY 1, 2, 3, 4`, [tenant]);
    const dailyOfFacts = () =>
      database.query(
        `SELECT metric, day::text, coalesce(unit, '') AS unit, dimensions::text, sum(value)::float8 AS total, count(*)::int AS facts
         FROM reporting.fact WHERE tenant = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [tenant],
      );
    const liveDaily = await daily();
    expect(liveDaily).toEqual(await dailyOfFacts());
    // Lose part of the read model: the rebuild must restore it from the topics alone.
    await database.query(`UPDATE reporting.fact_record SET observations = '[]' WHERE tenant = $1 AND observations @> '[{"unit": "D1"}]'`, [tenant]);
    const admin = bearer(['admin'], { tenant });
    await reporting.http().post('/facts/replay').set(planning).expect(403);
    const result = (await reporting.http().post('/facts/replay').set(admin).expect(200)).body;
    expect(result.events).toBeGreaterThanOrEqual(liveVersions.length);
    expect(await summary()).toEqual(live);
    expect(await versions()).toEqual(liveVersions);
    expect(await daily()).toEqual(liveDaily);
    // Live ingestion resumes on the swapped-in tables.
    await produceRaw(Topic.CorrespondenceDocumentV1, [message(doc({ unitCode: 'E1' }))]);
    await until('ingestion after the replay', () => received('E1'), (body) => body.total === 1);
  });

  it('replays as a command too (`main.js replay`): the same rebuild in its own process, then it exits', async () => {
    const summary = () => database.query(`SELECT metric, day::text, unit, sum(value)::float8 AS total FROM reporting.fact WHERE tenant = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [tenant]);
    const live = await summary();
    await database.query(`UPDATE reporting.fact_record SET observations = '[]' WHERE tenant = $1 AND observations @> '[{"unit": "E1"}]'`, [tenant]);
    expect(await summary()).not.toEqual(live);
    // Its own consumer group, so it takes no partitions from the running instance of this test.
    const result = await replayFacts(definition, { ...process.env, DATABASE_URL: database.url, MIGRATIONS_RUN: 'false', KAFKA_CONSUMER_GROUP: uniqueGroup('reporting-replay') });
    expect(result.events).toBeGreaterThan(0);
    expect(await summary()).toEqual(live);
  }, 90_000);

  it('documents every endpoint with a summary and an example answer', async () => {
    const document = await reporting.http().get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/facts/totals', '/facts/replay', '/planning/indicators', '/indicators/{indicatorId}/captures/{year}/{quarter}', '/reports/programs/{programId}/{year}/{quarter}', '/reports/completeness']),
    );
    expect(undocumentedOperations(document.body)).toEqual([]);
  });
});
