/*
 * Benchmark of the correspondence service on this machine: front desk registrations (folio counter, document,
 * history, outbox and audit in one transaction) at N concurrent clients, then a filtered, paginated list with a
 * large number of documents stored. Starts its own throwaway PostgreSQL and Kafka; run with
 * `npm run bench:correspondence [-- --registrations 2000 --documents 1000000 --concurrency 8]`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { percentile } from '../stats/percentile';
import { signDevToken } from '@tequio/auth';
import { freePort, registerTenants, run, startLocalKafka, startLocalPostgres, waitFor } from '@tequio/devstack';

const ROOT = resolve(__dirname, '..', '..');
const { values } = parseArgs({
  options: {
    registrations: { type: 'string', default: '2000' },
    documents: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '8' },
    reads: { type: 'string', default: '400' },
  },
});
const REGISTRATIONS = Number(values.registrations);
const DOCUMENTS = Number(values.documents);
const CONCURRENCY = Number(values.concurrency);
const READS = Number(values.reads);
const TENANT = 'oaxaca-de-juarez';
const UNITS = ['402', '801', '305', '210', '120', '650', '110', '130', '140', '150'];

/** Runs `count` calls at `CONCURRENCY`, returning the sorted latencies (ms) and the wall time (s). */
async function load(count: number, call: (index: number) => Promise<void>, concurrency = CONCURRENCY): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const t0 = performance.now();
        await call(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

const summary = (latencies: number[]) =>
  `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${latencies[latencies.length - 1].toFixed(1)}`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tequio-bench-'));
  chmodSync(work, 0o755);
  let child: ChildProcess | undefined;
  const postgres = await startLocalPostgres({ dataDir: join(work, 'pg'), port: await freePort() });
  const kafka = await startLocalKafka({
    dataDir: join(work, 'kafka'),
    port: await freePort(),
    controllerPort: await freePort(),
    cacheDir: process.env['TEQUIO_KAFKA_CACHE'] ?? join(ROOT, '.cache', 'kafka'),
  });
  try {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const databaseUrl = postgres.url.replace(/\/postgres$/, '/bench');
    const env = { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'warn', AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: join(work, 'keys') };
    const entry = ['-r', '@swc-node/register', join(ROOT, 'apps', 'correspondence', 'src', 'main.ts')];
    await run(process.execPath, [...entry, 'migrate'], { cwd: ROOT, env });

    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await registerTenants(db, TENANT);
    await db.query(`SET search_path = correspondence`);
    // The unit replica as catalog's events would leave it.
    for (const code of UNITS) {
      await db.query(
        `INSERT INTO unit_replica (id, tenant, code, name, kind, parent_id, active_from, active_to, version) VALUES (gen_random_uuid(), $1, $2, $3, 'direccion', NULL, '2024-01-01', NULL, 1)`,
        [TENANT, code, `Unidad ${code}`],
      );
    }

    const port = await freePort();
    const log = openSync(join(work, 'correspondence.log'), 'a');
    child = spawn(process.execPath, entry, { cwd: ROOT, env: { ...env, PORT: String(port), MIGRATIONS_RUN: 'false' }, stdio: ['ignore', log, log] });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(`${url} ready`, async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, 120_000, 250);
    process.env['AUTH_DEV_KEYS_DIR'] = env.AUTH_DEV_KEYS_DIR;
    const clerk = { authorization: `Bearer ${signDevToken({ roles: ['clerk'], tenant: TENANT, units: ['402'] })}`, 'content-type': 'application/json' };
    const planning = { authorization: `Bearer ${signDevToken({ roles: ['planning'], tenant: TENANT })}` };
    const unitUser = { authorization: `Bearer ${signDevToken({ roles: ['unit_head'], tenant: TENANT, units: ['801'] })}` };

    // 1. Registrations.
    const body = JSON.stringify({
      channel: 'ventanilla',
      type: 'peticion_ciudadana',
      sender: { kind: 'ciudadano', name: 'Persona de prueba', requesterCategory: 'mujer' },
      subject: 'Solicitud de prueba',
      deskUnitCode: '402',
    });
    const registrations = await load(REGISTRATIONS, async () => {
      const response = await fetch(`${url}/documents`, { method: 'POST', headers: clerk, body });
      if (response.status !== 201) throw new Error(`POST /documents answered ${response.status}: ${await response.text()}\n${readFileSync(join(work, 'correspondence.log'), 'utf8').slice(-2000)}`);
      await response.arrayBuffer();
    });

    // 2. A large archive: documents over five years, each turned to one unit, inserted in bulk.
    const loadStarted = performance.now();
    await db.query(
      `INSERT INTO document (id, tenant, folio, year, sequence_number, received_at, channel, type, authority_level, sender_kind, requester_category,
         sender_name, subject, desk_unit_code, registered_requires_response, requires_response, status, tracking_code_hash, version, turned_unit_codes)
       SELECT gen_random_uuid(), $1, 'H/' || (2020 + i % 5) || '/' || i, 2020 + i % 5, 1000000 + i,
         timestamptz '2020-01-01 15:00+00' + (i % 1826) * interval '1 day' + (i % 480) * interval '1 minute',
         (ARRAY['ventanilla','correo_electronico','mensajeria','plataforma_digital'])[1 + i % 4],
         (ARRAY['peticion_ciudadana','invitacion','tarjeta_informativa','correo'])[1 + (i / 4) % 4], NULL, 'ciudadano', 'mujer',
         'Persona ' || i, 'Asunto ' || i, '402', (i / 4) % 4 <> 1, (i / 4) % 4 <> 1,
         (ARRAY['turnado','acusado','respondido','concluido_sin_respuesta','vencido'])[1 + (i / 16) % 5], md5(i::text), 2,
         ARRAY[(ARRAY['801','305','210','120','650'])[1 + (1000000 + i) % 5]]
       FROM generate_series(1, $2) AS i`,
      [TENANT, DOCUMENTS],
    );
    await db.query(
      `INSERT INTO document_turn (id, tenant, document_id, unit_code, oficio_number, requires_response, turned_at, due_on, status)
       SELECT gen_random_uuid(), d.tenant, d.id, (ARRAY['801','305','210','120','650'])[1 + d.sequence_number % 5], 'H/' || d.folio,
         d.requires_response, d.received_at, NULL, d.status
       FROM document d WHERE d.folio LIKE 'H/%'`,
    );
    // As an archive settles: vacuumed (visibility map set) and analysed.
    await db.query('VACUUM ANALYZE');
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM document`)).rows;

    // 3. Filtered, paginated lists over the archive.
    const listQueries = [
      { name: 'planeación: estado + trimestre, página 3', headers: planning, path: '/documents?status=turnado&from=2024-07-01&to=2024-09-30&limit=50&offset=100' },
      { name: 'planeación: tipo + canal, página 1', headers: planning, path: '/documents?type=invitacion&channel=mensajeria&limit=50' },
      { name: 'unidad 801: lo turnado a ella, trimestre', headers: unitUser, path: '/documents?from=2024-07-01&to=2024-09-30&limit=50' },
      { name: 'planeación: por unidad 305 y estado', headers: planning, path: '/documents?unitCode=305&status=vencido&limit=50&offset=50' },
    ];
    const listRows: string[][] = [];
    for (const query of listQueries) {
      const call = async () => {
        const response = await fetch(`${url}${query.path}`, { headers: query.headers });
        if (response.status !== 200) throw new Error(`GET ${query.path} answered ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
      };
      // One client alone (the latency of the query itself), then CONCURRENCY clients (queueing on 2 cores included).
      const alone = await load(Math.ceil(READS / 4), call, 1);
      const together = await load(READS, call);
      listRows.push([`GET ${query.path} (${query.name}) p50 / p95 / max (ms), 1 client`, summary(alone.latencies)]);
      listRows.push([`… same, ${CONCURRENCY} clients`, summary(together.latencies)]);
    }
    await db.end();

    const rows = [
      ['registrations', String(REGISTRATIONS)],
      ['HTTP concurrency', String(CONCURRENCY)],
      ['registrations per second (POST /documents: folio counter, document, history, outbox, audit; one transaction)', (REGISTRATIONS / registrations.seconds).toFixed(0)],
      ['registration latency p50 / p95 / max (ms)', summary(registrations.latencies)],
      ['documents stored for the list benchmark', String(total)],
      ['bulk load of the archive (s)', loadSeconds.toFixed(0)],
      ...listRows,
    ];
    process.stdout.write(`| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
    await kafka.stop();
    await postgres.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
