import { deadLetterTopic, DLQ_REASON_HEADER, Topic, UnitCreated, UnitUpdated } from '@tequio/contracts';
import { bearer, cloudEventMessage, createTestDatabase, EventTap, produceRaw, registerTenants, RunningService, startServiceInProcess, TestDatabase, undocumentedOperations, uniqueTenant } from '@tequio/testing';
import { randomUUID } from 'node:crypto';
import { reportingService } from '../src/reporting.definition';

/** Reporting's consumer of catalog units: idempotent, order-tolerant, and poison-proof. */
describe('reporting unit replica consumer (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let reporting: RunningService;
  let dlq: EventTap;
  const tenant = uniqueTenant('replica');
  const reader = bearer(['planning'], { tenant });

  const unit = (code: string, version = 1, name = `Unidad ${code}`) => ({
    unitId: randomUUID(),
    code,
    name,
    kind: 'unidad' as const,
    parentId: null,
    activeFrom: '2025-01-01',
    activeTo: null,
    version,
  });

  async function replicaOf(code: string, until: (item: { name: string; version: number } | undefined) => boolean) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await reporting.http().get(`/catalog-units?code=${code}`).set(reader).expect(200);
      const item = response.body.items[0];
      if (until(item)) return item;
      if (Date.now() > deadline) throw new Error(`replica of ${code} never reached the expected state: ${JSON.stringify(item)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    dlq = await EventTap.open([deadLetterTopic(Topic.CatalogUnitV1)]);
    reporting = await startServiceInProcess(reportingService, database);
  });

  afterAll(async () => {
    await reporting?.close();
    await dlq?.close();
    await database?.drop();
  });

  it('applies a redelivered event once', async () => {
    const data = unit('R-1');
    const message = cloudEventMessage(UnitCreated, { subject: data.unitId, data, tenant });
    await produceRaw(Topic.CatalogUnitV1, [message, message]);
    await replicaOf('R-1', (item) => item?.version === 1);
    // A later event on the same partition proves the duplicate was already handled.
    const later = { ...data, name: 'Renombrada', version: 2 };
    await produceRaw(Topic.CatalogUnitV1, [cloudEventMessage(UnitUpdated, { subject: data.unitId, data: later, tenant })]);
    await replicaOf('R-1', (item) => item?.version === 2);
    const inbox = await database.query(`SELECT count(*)::int AS n FROM reporting.inbox WHERE event_id = $1`, [message.headers['ce_id']]);
    expect(inbox).toEqual([{ n: 1 }]);
  });

  it('keeps the newest snapshot when an older one arrives late', async () => {
    const data = unit('R-2', 3, 'Nueva');
    await produceRaw(Topic.CatalogUnitV1, [
      cloudEventMessage(UnitUpdated, { subject: data.unitId, data, tenant }),
      cloudEventMessage(UnitUpdated, { subject: data.unitId, data: { ...data, version: 2, name: 'Vieja' }, tenant }),
      cloudEventMessage(UnitUpdated, { subject: data.unitId, data: { ...data, version: 4, name: 'Última' }, tenant }),
    ]);
    const item = await replicaOf('R-2', (i) => i?.version === 4);
    expect(item.name).toBe('Última');
  });

  it('dead-letters malformed events with the reason and keeps consuming', async () => {
    const good = unit('R-3');
    const missingCode = cloudEventMessage(UnitCreated, { subject: good.unitId, data: { ...good, code: undefined } as never, tenant });
    const unknownType = { ...cloudEventMessage(UnitCreated, { subject: good.unitId, data: good, tenant }) };
    unknownType.headers = { ...unknownType.headers, ce_type: 'tequio.catalog.unit.exploded' };
    await produceRaw(Topic.CatalogUnitV1, [
      { key: 'no-headers', value: 'not json at all' },
      missingCode,
      unknownType,
      cloudEventMessage(UnitCreated, { subject: good.unitId, data: good, tenant }),
    ]);

    const noHeaders = await dlq.waitFor((m) => m.key === 'no-headers', 'the headerless message in the DLQ');
    expect(noHeaders.headers[DLQ_REASON_HEADER]).toMatch(/^invalid CloudEvents headers: id: /);
    expect(noHeaders.value).toBe('not json at all');
    const invalid = await dlq.waitFor((m) => m.headers['ce_id'] === missingCode.headers['ce_id'], 'the invalid event in the DLQ');
    expect(invalid.headers[DLQ_REASON_HEADER]).toMatch(/^invalid data for tequio\.catalog\.unit\.created: code: /);
    const unknown = await dlq.waitFor((m) => m.headers['ce_id'] === unknownType.headers['ce_id'], 'the unknown type in the DLQ');
    expect(unknown.headers[DLQ_REASON_HEADER]).toBe(`unknown event type "tequio.catalog.unit.exploded" on ${Topic.CatalogUnitV1}`);

    await replicaOf('R-3', (item) => item?.version === 1);
  });

  it('documents every endpoint with a summary and an example answer', async () => {
    const document = await reporting.http().get('/docs-json').expect(200);
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/catalog-units', '/health/ready']));
    expect(undocumentedOperations(document.body)).toEqual([]);
  });
});
