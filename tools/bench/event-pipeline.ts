/*
 * Benchmark of the event pipeline on this machine: catalog HTTP writes (state + outbox in one
 * transaction), relay to Kafka, and reporting's idempotent consumption into its replica.
 * Starts its own throwaway PostgreSQL and Kafka; run with `npm run bench:pipeline [-- --units 1000]`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { signDevToken } from '@tequio/auth';
import { freePort, run, startLocalKafka, startLocalPostgres, waitFor } from '@tequio/devstack';

const ROOT = resolve(__dirname, '..', '..');
const { values } = parseArgs({ options: { units: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '8' } } });
const UNITS = Number(values.units);
const CONCURRENCY = Number(values.concurrency);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'tequio-bench-'));
  chmodSync(work, 0o755);
  const children: ChildProcess[] = [];
  const postgres = await startLocalPostgres({ dataDir: join(work, 'pg'), port: await freePort() });
  const kafka = await startLocalKafka({ dataDir: join(work, 'kafka'), port: await freePort(), controllerPort: await freePort(), cacheDir: join(ROOT, '.cache', 'kafka') });
  try {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const databaseUrl = postgres.url.replace(/\/postgres$/, '/bench');
    const env = { ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'warn', AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: join(work, 'keys') };
    const services: Record<string, string> = {};
    for (const name of ['catalog', 'reporting']) {
      const port = await freePort();
      const entry = ['-r', '@swc-node/register', join(ROOT, 'apps', name, 'src', 'main.ts')];
      await run(process.execPath, [...entry, 'migrate'], { cwd: ROOT, env });
      const log = openSync(join(work, `${name}.log`), 'a');
      children.push(spawn(process.execPath, entry, { cwd: ROOT, env: { ...env, PORT: String(port), MIGRATIONS_RUN: 'false' }, stdio: ['ignore', log, log] }));
      services[name] = `http://127.0.0.1:${port}`;
    }
    for (const url of Object.values(services)) {
      await waitFor(`${url} ready`, async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, 120_000, 250);
    }
    process.env['AUTH_DEV_KEYS_DIR'] = env.AUTH_DEV_KEYS_DIR;
    const token = signDevToken({ roles: ['admin'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < UNITS) {
          const index = next++;
          const t0 = performance.now();
          const response = await fetch(`${services['catalog']}/units`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ code: `B${index}`, name: `Unidad de prueba ${index}`, kind: 'unidad', activeFrom: '2025-01-01' }),
          });
          if (response.status !== 201) {
            const log = readFileSync(join(work, 'catalog.log'), 'utf8').slice(-2000);
            throw new Error(`POST /units answered ${response.status}: ${await response.text()}\n${log}`);
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const writeSeconds = (performance.now() - started) / 1000;
    await waitFor('every unit in reporting', async () => {
      const page = (await (await fetch(`${services['reporting']}/catalog-units?limit=1`, { headers })).json()) as { total: number };
      return page.total >= UNITS;
    }, 300_000, 50);
    const pipelineSeconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const rows = [
      ['units written', String(UNITS)],
      ['HTTP concurrency', String(CONCURRENCY)],
      ['writes per second (POST /units: row + audit + outbox, one transaction)', (UNITS / writeSeconds).toFixed(0)],
      ['write latency p50 / p95 / max (ms)', `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 95).toFixed(1)} / ${latencies[latencies.length - 1].toFixed(1)}`],
      ['all units visible in reporting after (s)', pipelineSeconds.toFixed(2)],
      ['end-to-end events per second (write → Kafka → replica)', (UNITS / pipelineSeconds).toFixed(0)],
    ];
    process.stdout.write(`| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
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
