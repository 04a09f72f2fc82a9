/*
 * Reporting's ingest path against its two limits, in one run, on one broker, with the same events:
 *   1. a bare kafkajs `eachBatch` consumer reading the events (the broker and client limit);
 *   2. a bare batched PostgreSQL insert of the same facts with their inbox ids (the database limit);
 *   3. reporting itself: validation, mapping, record versions (its inbox) and fact replacement with the daily sums.
 * Then event-to-fact latency, the quarterly report of a unit with the facts stored, and a full replay.
 * Starts its own throwaway PostgreSQL (fsync off) and Kafka. `npm run bench:reporting [-- --events 200000]`.
 */
import { INestApplication } from '@nestjs/common';
import { calendarDay, DocumentRegistered, IndicatorCreated, ProgramCreated, Topic, toKafkaHeaders } from '@tequio/contracts';
import { freePort, registerTenants, startLocalKafka, startLocalPostgres, waitFor } from '@tequio/devstack';
import { createServiceApp, loadServiceConfig, runMigrations } from '@tequio/platform';
import { signDevToken } from '@tequio/auth';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { percentile } from '../stats/percentile';
// The benchmark drives reporting in-process, as its tests do, to time its ingest and call its replay directly; a tool
// importing an app is otherwise not allowed.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { reportingService } from '../../apps/reporting/src/reporting.definition';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { FactReplay } from '../../apps/reporting/src/facts/fact-replay';

const ROOT = resolve(__dirname, '..', '..');
const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' }, units: { type: 'string', default: '50' } } });
const EVENTS = Number(values.events);
const UNITS = Number(values.units);
const TENANT = 'bench';
const TOPIC = Topic.CorrespondenceDocumentV1;

const YEAR_START = Date.UTC(2025, 0, 1);

/** A uuid that depends only on the index and a kind: the same event can be rebuilt for every measure. */
const uuidOf = (kind: number, index: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/**
 * The index-th benchmark event, rebuilt identically on each call, so millions of them are never held at once:
 * correspondence's real "document registered" event, counted by its real mapping (METRIC_MAPPINGS).
 */
function documentEvent(index: number, unitCode = `U${index % UNITS}`) {
  const data = {
    ...DocumentRegistered.example,
    documentId: uuidOf(1, index),
    folio: `OP/2025/${String(index).padStart(7, '0')}`,
    receivedAt: new Date(YEAR_START + ((index * 7919) % 365) * 86_400_000 + 15 * 3_600_000).toISOString(),
    deskUnitCode: unitCode,
    requiresResponse: index % 4 !== 0,
    turns: [],
    version: 1,
  };
  const id = uuidOf(2, index);
  const headers = toKafkaHeaders({ id, type: DocumentRegistered.type, source: '/tequio/bench', time: new Date().toISOString(), specversion: '1.0', subject: data.documentId, tenant: TENANT });
  return { id, data, message: { key: data.documentId, value: JSON.stringify(data), headers } };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tequio-bench-'));
  chmodSync(work, 0o755);
  // Memory as a database server of the deployment would have it (a quarter of this machine's), rather than the 128 MB
  // an initdb default gives: at millions of events the keys of both measures outgrow that, and the measure becomes
  // one of page evictions. The bare insert and reporting run on the same server.
  const postgres = await startLocalPostgres({ dataDir: join(work, 'pg'), port: await freePort(), settings: { shared_buffers: '2GB', max_wal_size: '8GB' } });
  const broker = await startLocalKafka({ dataDir: join(work, 'kafka'), port: await freePort(), controllerPort: await freePort(), cacheDir: process.env['TEQUIO_KAFKA_CACHE'] ?? join(ROOT, '.cache', 'kafka') });
  const kafka = new Kafka({ clientId: 'bench', brokers: broker.brokers.split(','), logLevel: logLevel.NOTHING });
  let app: INestApplication | undefined;
  const rows: [string, string][] = [];
  try {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const databaseUrl = postgres.url.replace(/\/postgres$/, '/bench');
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 6 }, { topic: `${TOPIC}.dlq`, numPartitions: 6 }], waitForLeaders: true });

    // The same events for every measure, rebuilt slice by slice from their index.
    const eventsFrom = (start: number, count: number) => Array.from({ length: Math.min(count, EVENTS - start) }, (_, k) => documentEvent(start + k));
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let i = 0; i < EVENTS; i += 2000) await producer.send({ topic: TOPIC, messages: eventsFrom(i, 2000).map((e) => e.message) });

    // 1. Bare kafkajs eachBatch consumer.
    {
      const consumer = kafka.consumer({ groupId: `bare-${randomUUID()}`, maxBytesPerPartition: 4 * 1024 * 1024 });
      let seen = 0;
      let started = 0;
      await consumer.connect();
      await consumer.subscribe({ topics: [TOPIC], fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 2,
        eachBatch: async ({ batch }) => {
          if (started === 0) started = performance.now();
          seen += batch.messages.length;
        },
      });
      await waitFor('the bare consumer', async () => seen >= EVENTS, 600_000, 5);
      const rate = EVENTS / ((performance.now() - started) / 1000);
      await consumer.disconnect();
      rows.push(['bare kafkajs eachBatch consumer (events/s)', rate.toFixed(0)]);
    }

    // 2. Bare batched PostgreSQL insert of the same facts with their inbox ids.
    {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`CREATE TABLE bare_inbox (event_id text PRIMARY KEY, consumer text NOT NULL)`);
      await client.query(`CREATE TABLE bare_fact (tenant text, record_key text, metric text, day date, unit text, dimensions jsonb, value float8)`);
      const started = performance.now();
      // Batches of the size reporting receives from kafkajs (one partition's fetch).
      for (let i = 0; i < EVENTS; i += 2000) {
        const slice = eventsFrom(i, 2000);
        await client.query('BEGIN');
        await client.query(`INSERT INTO bare_inbox SELECT id, 'bench' FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING`, [slice.map((e) => e.id)]);
        await client.query(`INSERT INTO bare_fact SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::jsonb[], $7::float8[])`, [
          slice.map(() => TENANT),
          slice.map((e) => `correspondence.document/${e.data.documentId}`),
          slice.map(() => 'correspondence.documents.received'),
          slice.map((e) => calendarDay(e.data.receivedAt)),
          slice.map((e) => e.data.deskUnitCode),
          slice.map((e) => JSON.stringify({ unit: e.data.deskUnitCode, requiresResponse: e.data.requiresResponse })),
          slice.map(() => 1),
        ]);
        await client.query('COMMIT');
      }
      rows.push(['bare batched PostgreSQL insert of the facts with inbox ids (events/s)', (EVENTS / ((performance.now() - started) / 1000)).toFixed(0)]);
      await client.end();
    }

    // 3. Reporting.
    const definition = reportingService;
    const group = `bench-${randomUUID()}`;
    const config = loadServiceConfig('reporting', 3005, { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: broker.brokers, LOG_LEVEL: 'warn', AUTH_DEV_KEYS: 'true', KAFKA_CONSUMER_GROUP: group, AUTH_DEV_KEYS_DIR: join(work, 'keys') });
    process.env['AUTH_DEV_KEYS_DIR'] = join(work, 'keys');
    await runMigrations(config, definition);
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await registerTenants(db, TENANT);
    const stored = async () => Number((await db.query(`SELECT count(*)::int AS n FROM reporting.fact_record`)).rows[0].n);
    // Progress from the offsets reporting commits after each applied batch: polling count(*) over millions of rows
    // would itself take a core from the ingest being measured.
    const applied = async () => {
      const [committed] = await kafkaAdmin.fetchOffsets({ groupId: `${group}-facts`, topics: [TOPIC] });
      return (committed?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    };
    app = await createServiceApp(definition, config);
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    // From the first stored record to the last: the service's start-up and group join are not ingest.
    let first = 0;
    await waitFor('reporting to store a first batch', async () => (first = await applied()) > 0, 120_000, 2);
    const ingestStarted = performance.now();
    await waitFor('reporting to store every record', async () => (await applied()) >= EVENTS, 1_800_000, 20);
    if ((await stored()) !== EVENTS) throw new Error(`reporting committed every offset but stored ${await stored()} records of ${EVENTS}`);
    rows.push(['reporting ingest: validate, map, record versions, facts, daily sums (events/s)', ((EVENTS - first) / ((performance.now() - ingestStarted) / 1000)).toFixed(0)]);

    // Event-to-fact latency, one event at a time.
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const event = documentEvent(EVENTS + i, 'LAT');
      const t0 = performance.now();
      await producer.send({ topic: TOPIC, messages: [event.message] });
      const key = `correspondence.document/${event.data.documentId}`;
      await waitFor('the latency probe', async () => (await db.query(`SELECT 1 FROM reporting.fact_record WHERE tenant = $1 AND record_key = $2`, [TENANT, key])).rowCount === 1, 30_000, 2);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    rows.push(['event to fact latency p50 / p95 (ms)', `${percentile(latencies, 50).toFixed(0)} / ${percentile(latencies, 95).toFixed(0)}`]);

    // A unit's quarterly report over the stored facts: one program, one flow indicator reading the facts.
    const programId = randomUUID();
    const indicatorId = randomUUID();
    const program = { ...ProgramCreated.example, programId, ownerUnitCode: 'U1', objectiveIds: [] };
    const indicator = {
      ...IndicatorCreated.example,
      indicatorId,
      programId,
      parentId: null,
      responsibleUnitCode: 'U1',
      formula: {
        numerator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { unit: 'U1', requiresResponse: true } },
        denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { unit: 'U1' } },
      },
    };
    for (const [kind, id, data] of [['program', programId, program], ['indicator', indicatorId, indicator]] as const) {
      await db.query(`INSERT INTO reporting.catalog_snapshot (tenant, kind, id, version, data) VALUES ($1, $2, $3, 1, $4)`, [TENANT, kind, id, JSON.stringify(data)]);
    }
    const headers = { authorization: `Bearer ${signDevToken({ roles: ['admin'], tenant: TENANT })}` };
    const url = await app.getUrl();
    const reportTimes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      const response = await fetch(`${url.replace('[::1]', '127.0.0.1')}/reports/programs/${programId}/2025/3`, { headers });
      if (response.status !== 200) throw new Error(`report answered ${response.status}: ${await response.text()}`);
      await response.json();
      if (i >= 10) reportTimes.push(performance.now() - t0);
    }
    reportTimes.sort((a, b) => a - b);
    rows.push([`unit quarterly report with ${await stored()} records stored, p50 / p95 (ms)`, `${percentile(reportTimes, 50).toFixed(1)} / ${percentile(reportTimes, 95).toFixed(1)}`]);

    // Full replay.
    const replayStarted = performance.now();
    // In process rather than through POST /facts/replay: at millions of events the HTTP client's header timeout (300 s)
    // would end the call before the replay does.
    const replayed = (await app.get(FactReplay).run()) as { events: number };
    rows.push([`full replay of ${replayed.events} events (s)`, ((performance.now() - replayStarted) / 1000).toFixed(1)]);

    await producer.disconnect();
    await kafkaAdmin.disconnect();
    await db.end();
    process.stdout.write(`| measure (${EVENTS} events, ${UNITS} units) | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  } finally {
    await app?.close().catch(() => undefined);
    await broker.stop();
    await postgres.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
