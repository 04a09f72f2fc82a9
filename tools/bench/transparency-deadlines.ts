/*
 * Benchmark of transparency deadlines at scale on this machine: the pure engine recomputing 100k schedules, the
 * service recomputing (and saving, publishing, auditing) the due dates of 100k open requests after a calendar
 * change, and the deadline job's run time with 100k open requests. Starts its own PostgreSQL and Kafka.
 * Run with `npm run bench:transparency [-- --requests 100000]`.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { MunicipalCalendar } from '@tequio/calendar';
import { freePort, startLocalKafka, startLocalPostgres } from '@tequio/devstack';
import { createServiceApp, loadServiceConfig, runMigrations } from '@tequio/platform';
import { DataSource, EntityManager } from 'typeorm';
/* eslint-disable @nx/enforce-module-boundaries -- the benchmark drives the service's internals in-process */
import { DeadlineJobService } from '../../apps/transparency/src/deadline-jobs/deadline-job.service';
import { DEFAULT_TERMS, schedule } from '../../apps/transparency/src/deadlines/deadline-engine';
import { RequestsService } from '../../apps/transparency/src/requests/requests.service';
import { transparencyService } from '../../apps/transparency/src/transparency.definition';
/* eslint-enable @nx/enforce-module-boundaries */

const ROOT = resolve(__dirname, '..', '..');
const { values } = parseArgs({ options: { requests: { type: 'string', default: '100000' } } });
const REQUESTS = Number(values.requests);
const TENANT = 'municipio-bench';
const HOLIDAYS_2025 = [
  { date: '2025-02-03', name: 'Día de la Constitución' },
  { date: '2025-03-17', name: 'Natalicio de Benito Juárez' },
  { date: '2025-04-17', name: 'Jueves Santo' },
  { date: '2025-04-18', name: 'Viernes Santo' },
  { date: '2025-05-01', name: 'Día del Trabajo' },
  { date: '2025-09-16', name: 'Día de la Independencia' },
  { date: '2025-11-17', name: 'Día de la Revolución' },
  { date: '2025-12-25', name: 'Navidad' },
];
const ADDED = { date: '2025-07-14', name: 'Día inhábil por acuerdo de Cabildo' };

const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2));

/** CPU seconds a local process has used (utime + stime from /proc, clock ticks of 1/100 s). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Wall time (the whole transaction, commit included) and CPU time of work run in one transaction: this process's
 * CPU plus that of the PostgreSQL backend serving the transaction. On a loaded machine the wall time grows with the
 * load; the CPU seconds much less, and they say what the work needs of 2 idle cores (about their sum when nothing
 * overlaps).
 */
async function measured<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<{ result: T; wall: number; cpu: string }> {
  const node = process.cpuUsage();
  const started = performance.now();
  let backendSeconds = 0;
  const result = await dataSource.transaction(async (manager) => {
    const [{ pid }] = await manager.query(`SELECT pg_backend_pid() AS pid`);
    const backend = processCpuSeconds(pid);
    const done = await work(manager);
    backendSeconds = processCpuSeconds(pid) - backend;
    return done;
  });
  const wall = seconds(started);
  const nodeUsed = process.cpuUsage(node);
  const nodeSeconds = (nodeUsed.user + nodeUsed.system) / 1e6;
  return { result, wall, cpu: `${(nodeSeconds + backendSeconds).toFixed(1)} (node ${nodeSeconds.toFixed(1)} + PostgreSQL ${backendSeconds.toFixed(1)})` };
}

async function setCalendar(dataSource: DataSource, holidays: { date: string; name: string }[], version: number): Promise<void> {
  await dataSource.query(
    `INSERT INTO transparency.calendar_replica (tenant, year, cutoff, time_zone, holidays, version) VALUES ($1, 2025, '15:00', 'America/Mexico_City', $2, $3)
     ON CONFLICT (tenant, year) DO UPDATE SET holidays = EXCLUDED.holidays, version = EXCLUDED.version`,
    [TENANT, JSON.stringify(holidays), version],
  );
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tequio-bench-'));
  chmodSync(work, 0o755);
  const postgres = await startLocalPostgres({ dataDir: join(work, 'pg'), port: await freePort() });
  const kafka = await startLocalKafka({
    dataDir: join(work, 'kafka'),
    port: await freePort(),
    controllerPort: await freePort(),
    cacheDir: process.env['TEQUIO_KAFKA_CACHE'] ?? join(ROOT, '.cache', 'kafka'),
  });
  let app: INestApplication | undefined;
  try {
    const env = { ...process.env, DATABASE_URL: postgres.url, KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'warn', AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: join(work, 'keys') };
    const config = loadServiceConfig('transparency', 3004, { ...env, TRANSPARENCY_DEADLINE_JOB_MS: '0', OUTBOX_POLL_MS: '60000' });
    await runMigrations(config, transparencyService);
    // The service reads its auth and job settings from the process environment.
    Object.assign(process.env, { AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: env.AUTH_DEV_KEYS_DIR, TRANSPARENCY_DEADLINE_JOB_MS: '0' });
    app = await createServiceApp(transparencyService, config);
    await app.init();
    const dataSource = app.get(DataSource);

    // 1. The pure engine: 100k schedules on a calendar with the year's holidays.
    const calendar = new MunicipalCalendar([{ year: 2025, cutoff: '15:00', timeZone: 'America/Mexico_City', holidays: [...HOLIDAYS_2025, ADDED] }]);
    const t0 = performance.now();
    for (let i = 0; i < REQUESTS; i++) {
      const day = new Date(Date.UTC(2025, 0, 6) + (i % 300) * 86_400_000 + 16 * 3_600_000);
      schedule({ receivedAt: day.toISOString() }, calendar, DEFAULT_TERMS.informacion, { explain: false });
    }
    const engineSeconds = seconds(t0);

    // 2. 100k open requests received through 2025, written straight to the table.
    await setCalendar(dataSource, HOLIDAYS_2025, 1);
    await dataSource.query(
      `INSERT INTO transparency.transparency_request
         (id, tenant, folio, kind, unit_code, channel, requester_category, information_requested, received_at, receipt_date, status, overdue, late, version)
       SELECT gen_random_uuid(), $1, lpad(i::text, 15, '0'), 'informacion', '801', 'plataforma_nacional', 'mujer', 'solicitud de prueba',
              timestamptz '2025-01-06 10:00-06' + ((i % 300) || ' days')::interval, date '2025-01-06' + (i % 300), 'recibida', false, false, 1
       FROM generate_series(1, $2::int) AS i`,
      [TENANT, REQUESTS],
    );
    const requests = app.get(RequestsService);
    const recompute = () => measured(dataSource, (manager) => requests.recomputeAfterCalendarChange(TENANT, 2025, manager));
    const initial = await recompute();
    await setCalendar(dataSource, [...HOLIDAYS_2025, ADDED], 2);
    const moved = await recompute();

    // 3. The deadline job with 100k open requests: the first run marks the overdue ones, the next finds little to do.
    const job = app.get(DeadlineJobService);
    const now = new Date('2025-07-01T18:00:00Z');
    let t2 = performance.now();
    const firstRun = await job.run(now);
    const firstJobSeconds = seconds(t2);
    t2 = performance.now();
    const steadyRun = await job.run(now);
    const steadyJobSeconds = seconds(t2);

    const rows = [
      ['open requests', REQUESTS],
      ['engine: schedules recomputed in memory (s)', engineSeconds],
      ['engine: schedules per second', Math.round(REQUESTS / engineSeconds)],
      ['calendar change, first computation: due dates set (requests / s)', `${initial.result} / ${initial.wall}`],
      ['calendar change, first computation: CPU s', initial.cpu],
      [`calendar change, holiday ${ADDED.date} added: due dates moved (requests / s)`, `${moved.result} / ${moved.wall}`],
      [`calendar change, holiday ${ADDED.date} added: CPU s`, moved.cpu],
      ['deadline job, first run: examined / overdue / due soon (s)', `${firstRun.examined} / ${firstRun.overdue} / ${firstRun.dueSoon} (${firstJobSeconds})`],
      ['deadline job, next run: examined (s)', `${steadyRun.examined} (${steadyJobSeconds})`],
    ];
    process.stdout.write(`| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  } finally {
    await app?.close().catch(() => undefined);
    await kafka.stop().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
