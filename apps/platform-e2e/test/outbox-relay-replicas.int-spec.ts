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
});
