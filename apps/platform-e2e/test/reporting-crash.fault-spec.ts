import { CORRESPONDENCE_METRIC_MAPPINGS, DocumentRegistered, DocumentSnapshot, Topic } from '@tequio/contracts';
import { cloudEventMessage, createTestDatabase, produceRaw, registerTenants, ServiceProcess, spawnService, TestDatabase, uniqueGroup, uniqueTenant } from '@tequio/testing';
import { randomUUID } from 'node:crypto';

const EVENTS = Number(process.env['FAULT_EVENTS'] ?? 100_000);
const UNITS = ['402', '801', '305', '210', '120'];

/*
 * Reporting killed with SIGKILL in the middle of ingesting a topic, then started again with the same consumer group:
 * the totals must equal the ground truth computed from the events themselves (no loss, no double count).
 */
describe('fault drill: reporting killed mid-ingest (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  const running: ServiceProcess[] = [];
  const tenant = uniqueTenant('crash');
  const group = uniqueGroup('reporting');
  const truth = new Map<string, number>();
  let observations = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
  });

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await database?.drop();
  }, 60_000);

  const stored = async () =>
    (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM reporting.fact_record WHERE tenant = $1`, [tenant]))[0].n;

  async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms\n${running.at(-1)?.output().slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it(`loses nothing and counts nothing twice across a SIGKILL (${EVENTS} events)`, async () => {
    const mapping = CORRESPONDENCE_METRIC_MAPPINGS.find((candidate) => candidate.event.type === DocumentRegistered.type);
    if (!mapping) throw new Error('no mapping for document registrations');
    const quarterStart = Date.UTC(2025, 6, 1, 15);
    for (let offset = 0; offset < EVENTS; offset += 500) {
      const chunk = Array.from({ length: Math.min(500, EVENTS - offset) }, (_, i) => {
        const index = offset + i;
        const data: DocumentSnapshot = {
          ...DocumentRegistered.example,
          documentId: randomUUID(),
          deskUnitCode: UNITS[index % UNITS.length],
          requiresResponse: index % 3 !== 0,
          receivedAt: new Date(quarterStart + (index % 90) * 86_400_000).toISOString(),
          turns: [],
          version: 1,
        };
        for (const observation of mapping.observe(data, { timeZone: 'America/Mexico_City' }).observations) {
          truth.set(observation.metric, (truth.get(observation.metric) ?? 0) + observation.value);
          observations += 1;
        }
        return cloudEventMessage(DocumentRegistered, { subject: data.documentId, data, tenant });
      });
      await produceRaw(Topic.CorrespondenceDocumentV1, chunk);
    }

    running.push(await spawnService('reporting', { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group, MIGRATIONS_RUN: 'false' }));
    await until('a fifth of the records stored', async () => (await stored()) >= EVENTS / 5, 300_000);
    await running[0].kill();
    const atKill = await stored();
    expect(atKill).toBeLessThan(EVENTS);

    running.push(await spawnService('reporting', { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group, MIGRATIONS_RUN: 'false' }));
    await until('every record stored', async () => (await stored()) === EVENTS, 600_000);

    const facts = await database.query<{ metric: string; total: number; rows: number }>(
      `SELECT metric, sum(value)::float8 AS total, count(*)::int AS rows FROM reporting.fact WHERE tenant = $1 GROUP BY metric ORDER BY metric`,
      [tenant],
    );
    const days = await database.query<{ metric: string; total: number; facts: number }>(
      `SELECT metric, sum(value)::float8 AS total, sum(facts)::int AS facts FROM reporting.fact_day WHERE tenant = $1 GROUP BY metric ORDER BY metric`,
      [tenant],
    );
    const expected = [...truth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([metric, total]) => ({ metric, total }));
    expect(facts.map(({ metric, total }) => ({ metric, total }))).toEqual(expected);
    expect(days.map(({ metric, total }) => ({ metric, total }))).toEqual(expected);
    expect(facts.reduce((sum, row) => sum + row.rows, 0)).toBe(observations);
    expect(days.reduce((sum, row) => sum + row.facts, 0)).toBe(observations);
    // Still exact a while later: nothing redelivered after the restart counted again.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await stored()).toBe(EVENTS);
  });
});
