import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Topic, UnitUpdated } from '@tequio/contracts';
import { createTestDatabase, EventTap, TestDatabase } from '@tequio/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessagingModule, OutboxRelay, OutboxService } from '@tequio/messaging';

/** Two relay replicas over one outbox: every event goes out once, and each aggregate's events in order. */
describe('outbox relay (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let replicas: INestApplicationContext[];
  let tap: EventTap;

  async function replica(): Promise<INestApplicationContext> {
    @Module({
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: database.url,
          schema: 'agenda',
          extra: { max: 4, options: '-c search_path=agenda' },
        }),
        MessagingModule.forRoot({
          service: 'relay-test',
          brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
          outboxPollMs: 50,
          outboxBatchSize: 25,
          outboxMaxAttempts: 3,
          relayEnabled: false,
          consumerMaxAttempts: 1,
        }),
      ],
    })
    class RelayTestModule {}
    return NestFactory.createApplicationContext(RelayTestModule, { logger: ['error'] });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    replicas = [await replica(), await replica()];
    tap = await EventTap.open([Topic.CatalogUnitV1]);
  });

  afterAll(async () => {
    await tap?.close();
    for (const context of replicas ?? []) await context.close();
    await database?.drop();
  });

  it('publishes each event exactly once, in order per aggregate, with two replicas competing', async () => {
    const outbox = replicas[0].get(OutboxService);
    const dataSource = replicas[0].get(DataSource);
    const units = Array.from({ length: 12 }, () => randomUUID());
    const versions = 8;
    // Interleave aggregates so ordering is really exercised.
    for (let version = 1; version <= versions; version++) {
      await dataSource.transaction(async (manager) => {
        for (const unitId of units) {
          await outbox.publish(manager, UnitUpdated, {
            subject: unitId,
            tenant: 'oaxaca-de-juarez',
            data: { unitId, code: unitId.slice(0, 8), name: `v${version}`, kind: 'unidad', parentId: null, activeFrom: '2025-01-01', activeTo: null, version },
          });
        }
      });
    }

    const drain = async (relay: OutboxRelay) => {
      while ((await relay.publishBatch()) > 0) {
        /* keep going until nothing is left for this replica */
      }
    };
    await Promise.all(replicas.map((context) => drain(context.get(OutboxRelay))));
    // A replica may stop while the other still held rows; one more pass picks up anything left.
    await drain(replicas[0].get(OutboxRelay));

    const ours = new Set<string>(units);
    const total = units.length * versions;
    const deadline = Date.now() + 30_000;
    while (tap.messages.filter((m) => ours.has(m.key ?? '')).length < total && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const received = tap.messages.filter((m) => ours.has(m.key ?? ''));
    expect(received).toHaveLength(total);
    expect(new Set(received.map((m) => m.headers['ce_id'])).size).toBe(total);
    for (const unitId of units) {
      const order = received.filter((m) => m.key === unitId).map((m) => JSON.parse(m.value ?? '{}').version);
      expect(order).toEqual(Array.from({ length: versions }, (_, i) => i + 1));
    }
    expect(await database.query(`SELECT count(*)::int AS unsent FROM agenda.outbox WHERE sent_at IS NULL`)).toEqual([{ unsent: 0 }]);
  }, 60_000);

  it('refuses to publish outside a transaction or with invalid data', async () => {
    const outbox = replicas[0].get(OutboxService);
    const dataSource = replicas[0].get(DataSource);
    const valid = { unitId: randomUUID(), code: '1', name: 'x', kind: 'unidad' as const, parentId: null, activeFrom: '2025-01-01', activeTo: null, version: 1 };
    await expect(outbox.publish(dataSource.manager, UnitUpdated, { subject: valid.unitId, tenant: 't', data: valid })).rejects.toThrow(/outside a transaction/);
    await expect(
      dataSource.transaction((manager) =>
        outbox.publish(manager, UnitUpdated, { subject: valid.unitId, tenant: 't', data: { ...valid, version: 0 } }),
      ),
    ).rejects.toThrow(/Refusing to publish invalid tequio.catalog.unit.updated: version/);
  });

  it('prunes sent outbox rows and processed inbox ids past their retention, and nothing else', async () => {
    const relay = replicas[0].get(OutboxRelay);
    await database.query(`UPDATE agenda.outbox SET sent_at = now() - interval '8 days' WHERE sent_at IS NOT NULL AND seq % 2 = 0`);
    const [{ old }] = await database.query<{ old: number }>(`SELECT count(*)::int AS old FROM agenda.outbox WHERE sent_at < now() - interval '7 days'`);
    await database.query(
      `INSERT INTO agenda.inbox (event_id, consumer, topic, event_type, processed_at) VALUES
       ('old', 'relay-test', 't', 'x', now() - interval '31 days'), ('recent', 'relay-test', 't', 'x', now() - interval '29 days')`,
    );
    const [{ before }] = await database.query<{ before: number }>(`SELECT count(*)::int AS before FROM agenda.outbox`);
    expect(old).toBeGreaterThan(0);

    expect(await relay.pruneProcessed()).toEqual({ outbox: old, inbox: 1 });
    expect(await database.query(`SELECT count(*)::int AS n FROM agenda.outbox`)).toEqual([{ n: before - old }]);
    expect(await database.query(`SELECT event_id FROM agenda.inbox ORDER BY event_id`)).toEqual([{ event_id: 'recent' }]);
  });

  it('parks a row Kafka refuses after its attempts, while other aggregates flow and its own later events wait', async () => {
    const relay = replicas[0].get(OutboxRelay);
    const tenant = 'oaxaca-de-juarez';
    const unitEvent = (unitId: string, version: number) => ({
      unitId,
      code: unitId.slice(0, 8),
      name: `v${version}`,
      kind: 'unidad',
      parentId: null,
      activeFrom: '2025-01-01',
      activeTo: null,
      version,
    });
    const insert = async (key: string, payload: object) => {
      const id = randomUUID();
      await database.query(
        `INSERT INTO agenda.outbox (id, topic, message_key, event_type, tenant, source, occurred_at, payload)
         VALUES ($1, $2, $3, 'tequio.catalog.unit.updated', $4, '/tequio/relay-test', now(), $5::jsonb)`,
        [id, Topic.CatalogUnitV1, key, tenant, JSON.stringify(payload)],
      );
      return id;
    };
    const stuckKey = randomUUID();
    const otherKey = randomUUID();
    // Over the broker's default 1 MB message limit: Kafka answers MESSAGE_TOO_LARGE every time.
    const tooLarge = await insert(stuckKey, { ...unitEvent(stuckKey, 1), name: 'x'.repeat(1_200_000) });
    const waitsBehind = await insert(stuckKey, unitEvent(stuckKey, 2));
    const other = await insert(otherKey, unitEvent(otherKey, 1));

    const rowOf = async (id: string) =>
      (
        await database.query<{ sent: boolean; attempts: number; last_error: string | null; parked: boolean }>(
          `SELECT sent_at IS NOT NULL AS sent, attempts, last_error, parked_at IS NOT NULL AS parked FROM agenda.outbox WHERE id = $1`,
          [id],
        )
      )[0];
    for (let pass = 0; pass < 60 && !(await rowOf(tooLarge)).parked; pass++) {
      await relay.publishBatch();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await rowOf(tooLarge)).toMatchObject({ sent: false, attempts: 3, parked: true });
    expect((await rowOf(tooLarge)).last_error).toMatch(/larger than the max message size/i);
    expect(await rowOf(other)).toMatchObject({ sent: true });
    expect(await rowOf(waitsBehind)).toMatchObject({ sent: false, attempts: 0, parked: false });
    await tap.waitFor((m) => m.key === otherKey, 'the other aggregate’s event');
    expect(tap.messages.filter((m) => m.key === stuckKey)).toEqual([]);

    expect((await relay.parkedRows(tenant)).map((row) => row.id)).toContain(tooLarge);
    expect(await relay.parkedRows('another-tenant')).toEqual([]);
    expect(await relay.retryParked('another-tenant', tooLarge)).toBe(false);
    // Shrunk by hand (as an operator would fix it), the row goes out and its key flows again, in order.
    await database.query(`UPDATE agenda.outbox SET payload = $2::jsonb WHERE id = $1`, [tooLarge, JSON.stringify(unitEvent(stuckKey, 1))]);
    expect(await relay.retryParked(tenant, tooLarge)).toBe(true);
    while ((await relay.publishBatch()) > 0) {
      /* drain */
    }
    await tap.waitFor((m) => m.key === stuckKey && JSON.parse(m.value ?? '{}').version === 2, 'the later event of the parked key');
    expect(tap.messages.filter((m) => m.key === stuckKey).map((m) => JSON.parse(m.value ?? '{}').version)).toEqual([1, 2]);
  }, 60_000);
});
