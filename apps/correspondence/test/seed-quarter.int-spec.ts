import { bearer, createTestDatabase, demoFixtures, EventTap, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';
import { citizenDocument, CORRESPONDENCE_TOPICS, expectEventsFreeOfPersonalData, inBatches, PERSONAL, publishUnits } from './support';

const { DOCUMENTS, HEARINGS, plannedDocuments, plannedHearings, QUARTER } = demoFixtures.correspondenceQ3_2025;

/** Eight clients at a time: enough to be quick, few enough for a small machine. */
const CONCURRENCY = 8;

describe('the seed quarter, recorded through the API, gives the report figures', () => {
  let database: TestDatabase;
  let service: RunningService;
  let tap: EventTap;
  const tenant = uniqueTenant('q3');
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'oficialia@q3' });
  const planning = bearer(['planning'], { tenant });
  const auditor = bearer(['auditor'], { tenant });
  const planned = plannedDocuments();
  const hearings = plannedHearings();

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    service = await startServiceInProcess(correspondenceService, database, { DATABASE_POOL_SIZE: '10' });
    tap = await EventTap.open(CORRESPONDENCE_TOPICS);
    await publishUnits(database, tenant);
  });

  afterAll(async () => {
    await tap?.close();
    await service?.close();
    await database?.drop();
  });

  const http = () => service.http();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field below
  const ok = (response: { status: number; body: unknown }, expected: number): any => {
    if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  it('registers, turns, acknowledges and answers the quarter’s documents, and records its hearings', async () => {
    await inBatches(planned, CONCURRENCY, async (document) => {
      const sender = document.type.startsWith('escrito_autoridad_')
        ? { kind: 'autoridad', name: PERSONAL.authorityName, organization: 'Juzgado Segundo' }
        : { kind: 'ciudadano', name: PERSONAL.citizenName, requesterCategory: 'hombre' };
      const registered = ok(
        await http()
          .post('/documents')
          .set(desk)
          .send(
            citizenDocument({
              receivedAt: document.receivedAt,
              type: document.type,
              channel: document.channel,
              authorityLevel: document.authorityLevel,
              requiresResponse: document.requiresResponse,
              sender,
            }),
          ),
        201,
      ) as { id: string };
      const turned = ok(
        await http().post(`/documents/${registered.id}/turns`).set(desk).send({ turns: [{ unitCode: document.unitCode }], turnedAt: document.receivedAt }),
        201,
      ) as { turns: { id: string }[] };
      const unit = bearer(['unit_head'], { tenant, units: [document.unitCode] });
      const turnId = turned.turns[0].id;
      if (document.outcome === 'acknowledged') ok(await http().post(`/documents/${registered.id}/acknowledgements`).set(unit).send({ turnId }), 201);
      if (document.outcome === 'answered') ok(await http().post(`/documents/${registered.id}/answers`).set(unit).send({ turnId, summary: PERSONAL.answer }), 201);
    });
    await inBatches(hearings, CONCURRENCY, async (hearing) => {
      ok(
        await http()
          .post('/hearings')
          .set(desk)
          .send({ unitCode: '402', requester: { name: PERSONAL.hearingName, phone: PERSONAL.hearingPhone }, subject: PERSONAL.subject, ...hearing }),
        201,
      );
    });
  }, 300_000);

  it('reproduces the documents: 1010 received, all turned, 100 answered, 294 designations', async () => {
    const stats = ok(await http().get(`/statistics/documents?from=${QUARTER.from}&to=${QUARTER.to}`).set(planning), 200) as Record<string, unknown>;
    const requiring = DOCUMENTS.received - DOCUMENTS.designations;
    expect(stats).toMatchObject({
      received: DOCUMENTS.received,
      turned: DOCUMENTS.received,
      answered: DOCUMENTS.answered,
      designations: DOCUMENTS.designations,
      requiringResponse: requiring,
      answerRate: Math.round((DOCUMENTS.answered / requiring) * 10_000) / 10_000,
    });
    const countBy = (key: (document: (typeof planned)[number]) => string) =>
      planned.reduce<Record<string, number>>((counts, document) => ({ ...counts, [key(document)]: (counts[key(document)] ?? 0) + 1 }), {});
    const asMap = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.count]));
    expect(asMap(stats['byType'] as never)).toEqual(countBy((document) => document.type));
    expect(asMap(stats['byChannel'] as never)).toEqual(countBy((document) => document.channel));
    expect((stats['byMonth'] as { month: string; count: number }[]).map((row) => [row.month, row.count])).toEqual(
      Object.entries(countBy((document) => document.receivedAt.slice(0, 7))).sort(),
    );
    expect(stats['topReceivers']).toEqual(
      Object.entries(DOCUMENTS.byReceivingUnit)
        .sort(([, a], [, b]) => b - a)
        .map(([unitCode, count]) => ({ unitCode, unitName: expect.any(String), count })),
    );
    expect(asMap(stats['byStatus'] as never)).toEqual({
      respondido: DOCUMENTS.answered,
      acusado: DOCUMENTS.acknowledged,
      turnado: DOCUMENTS.received - DOCUMENTS.answered - DOCUMENTS.acknowledged,
    });
  });

  it('breaks the documents down per unit and per month', async () => {
    const unit801 = ok(await http().get(`/statistics/documents?from=${QUARTER.from}&to=${QUARTER.to}&unitCode=801`).set(auditor), 200) as Record<string, number>;
    expect(unit801['turned']).toBe(DOCUMENTS.byReceivingUnit['801']);
    expect(unit801['answered']).toBe(planned.filter((document) => document.unitCode === '801' && document.outcome === 'answered').length);
    const july = ok(await http().get(`/statistics/documents?from=2025-07-01&to=2025-07-31`).set(planning), 200) as Record<string, number>;
    expect(july['received']).toBe(planned.filter((document) => document.receivedAt.startsWith('2025-07')).length);
    const denied = await http().get(`/statistics/documents?from=${QUARTER.from}&to=${QUARTER.to}`).set(desk);
    expect(denied.status).toBe(403);
    const inverted = await http().get(`/statistics/documents?from=2025-09-30&to=2025-07-01`).set(planning);
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].field).toBe('to');
  });

  it('reproduces the hearings: 198 requests, 135 in neighbourhood dialogues, 24 by the president, 39 in process', async () => {
    const stats = ok(await http().get(`/statistics/hearings?from=${QUARTER.from}&to=${QUARTER.to}`).set(planning), 200) as Record<string, unknown>;
    const asMap = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.count]));
    expect(stats['received']).toBe(HEARINGS.received);
    expect(stats['attended']).toBe(HEARINGS.byOutcome.dialogo_vecinal + HEARINGS.byOutcome.presidente);
    expect(asMap(stats['byOutcome'] as never)).toEqual(HEARINGS.byOutcome);
    expect(asMap(stats['byRequesterCategory'] as never)).toEqual(HEARINGS.byRequesterCategory);
    expect(Object.values(asMap(stats['byTopic'] as never)).reduce((a, b) => a + b, 0)).toBe(HEARINGS.received);
    expect(stats['people']).toBe(hearings.reduce((sum, hearing) => sum + (hearing.groupSize ?? 1), 0));
  });

  it('published only non-personal snapshots', async () => {
    const [{ count }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM correspondence.outbox`);
    expect(count).toBeGreaterThan(DOCUMENTS.received * 2 + HEARINGS.received);
    await expectEventsFreeOfPersonalData(tap, count);
  }, 120_000);
});
