/*
 * What every benchmark script needs: a throwaway PostgreSQL and Kafka on this machine and some services started
 * from their TypeScript sources (as `npm start` does), migrated and ready. Stopped and removed afterwards.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort, registerTenants, run, startLocalKafka, startLocalPostgres, waitFor } from '@tequio/devstack';

export const ROOT = resolve(__dirname, '..', '..');

export interface BenchStack {
  /** Base URL of each started service. */
  urls: Record<string, string>;
  /** The last lines of a service's log, for error messages. */
  logTail(service: string): string;
  /** Where the services' dev keys live: sign tokens only after pointing AUTH_DEV_KEYS_DIR here (done by start). */
  keysDir: string;
}

/** Runs `work` against a fresh stack with the given services, then tears everything down. */
export async function withBenchStack(services: string[], work: (stack: BenchStack) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tequio-bench-'));
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const postgres = await startLocalPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
  const kafka = await startLocalKafka({
    dataDir: join(dir, 'kafka'),
    port: await freePort(),
    controllerPort: await freePort(),
    cacheDir: process.env['TEQUIO_KAFKA_CACHE'] ?? join(ROOT, '.cache', 'kafka'),
  });
  try {
    const admin = new Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const keysDir = join(dir, 'keys');
    const env = { ...process.env, DATABASE_URL: postgres.url.replace(/\/postgres$/, '/bench'), KAFKA_BROKERS: kafka.brokers, LOG_LEVEL: 'warn', AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: keysDir,
      // One benchmark client calls the public routes (calendar feeds) far more often than any person: no rate limit.
      HTTP_PUBLIC_RATE_LIMIT: '100000' };
    const urls: Record<string, string> = {};
    for (const name of services) {
      const port = await freePort();
      const entry = ['-r', '@swc-node/register', join(ROOT, 'apps', name, 'src', 'main.ts')];
      await run(process.execPath, [...entry, 'migrate'], { cwd: ROOT, env });
      const log = openSync(join(dir, `${name}.log`), 'a');
      children.push(spawn(process.execPath, entry, { cwd: ROOT, env: { ...env, PORT: String(port), MIGRATIONS_RUN: 'false' }, stdio: ['ignore', log, log] }));
      urls[name] = `http://127.0.0.1:${port}`;
    }
    // The dev tokens' municipality, registered as catalog's events would leave it (benchmarks measure, not bootstrap).
    const db = new Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    await registerTenants(db, 'oaxaca-de-juarez');
    await db.end();
    for (const url of Object.values(urls)) {
      await waitFor(`${url} ready`, async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, 120_000, 250);
    }
    process.env['AUTH_DEV_KEYS_DIR'] = keysDir;
    await work({ urls, keysDir, logTail: (service) => readFileSync(join(dir, `${service}.log`), 'utf8').slice(-2000) });
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 2000));
    await kafka.stop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `task` for indexes 0…count-1 with at most `concurrency` in flight. */
export async function concurrently(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
