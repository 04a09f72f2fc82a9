import { createTestDatabase, ServiceProcess, spawnService, TestDatabase, uniqueTenant } from '@tequio/testing';
import { demoSnapshot, DemoUrls, loadDemo, SERVICE_NAMES } from '@tequio/demo';

/*
 * `npm run -s demo` against the five services running as processes over a real PostgreSQL and Kafka: the first
 * run loads the demo year, the second creates nothing and leaves the same counts; the headline figures are the
 * seeds' (correspondence 1010 / 294 / 100, hearings 135 / 24 / 39, transparency 71, agenda 434 / 13 / 320).
 */
describe('the demo loader through the services’ public APIs (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  const services: ServiceProcess[] = [];
  let urls: DemoUrls;
  const tenant = uniqueTenant('demo');
  const quiet = () => undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    for (const name of SERVICE_NAMES) services.push(await spawnService(name, { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' }));
    urls = Object.fromEntries(services.map((service) => [service.name, service.url])) as DemoUrls;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await database?.drop();
  });

  it('loads the demo year once, and a second run changes nothing', async () => {
    const first = await loadDemo({ urls, tenant, say: quiet });
    const created = (tally: typeof first.tally) => Object.values(tally).reduce((sum, kind) => sum + kind.created, 0);
    expect(created(first.tally)).toBeGreaterThan(2_000);
    expect(first.tally['documentos']).toEqual({ created: 1010, existing: 0 });
    const afterFirst = await demoSnapshot(urls, tenant);

    const second = await loadDemo({ urls, tenant, say: quiet });
    expect(Object.entries(second.tally).filter(([, kind]) => kind.created > 0)).toEqual([]);
    expect(await demoSnapshot(urls, tenant)).toEqual(afterFirst);

    expect(afterFirst.correspondence.documents).toMatchObject({ received: 1010, designations: 294, answered: 100 });
    expect(afterFirst.correspondence.hearings).toMatchObject({ received: 198, attended: 135 + 24 });
    const outcomes = Object.fromEntries((afterFirst.correspondence.hearings['byOutcome'] as { key: string; count: number }[]).map((row) => [row.key, row.count]));
    expect(outcomes).toEqual({ dialogo_vecinal: 135, presidente: 24, en_proceso: 39 });
    expect(afterFirst.transparency['requests']).toMatchObject({ received: 71, answered: 71 });
    expect(afterFirst.agenda.activities).toMatchObject({ total: 434, held: 434 });
    expect(afterFirst.agenda.cabinetMeetings).toMatchObject({ held: 13, participatingUnits: 30 });
    expect(afterFirst.agenda.weeklyAgendas).toMatchObject({ received: 320, missing: 13 * 30 - 320 });
    expect(afterFirst.catalog).toMatchObject({ programs: 4, indicators: 15 + 6 });
  }, 900_000);
});
