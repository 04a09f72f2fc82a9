/*
 * `npm start`: the whole platform on one machine.
 * PostgreSQL: DATABASE_URL, else a private cluster in .data/postgres (kept across restarts).
 * Kafka: KAFKA_BROKERS, else a single-node KRaft broker in .data/kafka.
 * Then migrations, the five services, a wait until all are ready, and their URLs.
 * Ctrl-C stops everything this command started.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { signDevToken } from '@tequio/auth';
import { run, startLocalKafka, startLocalPostgres, waitFor } from '@tequio/devstack';
import { acceptsTenant, DEMO_MUNICIPALITY } from '@tequio/demo';

const ROOT = resolve(__dirname, '..');
const DATA = resolve(process.env['TEQUIO_DATA_DIR'] ?? join(ROOT, '.data'));
const SERVICES = [
  { name: 'catalog', port: 3001 },
  { name: 'agenda', port: 3002 },
  { name: 'correspondence', port: 3003 },
  { name: 'transparency', port: 3004 },
  { name: 'reporting', port: 3005 },
] as const;

const { values: options } = parseArgs({
  options: {
    'migrate-only': { type: 'boolean', default: false },
    logs: { type: 'boolean', default: false, short: 'l' },
  },
});

const stops: Array<() => Promise<void>> = [];
const children: ChildProcess[] = [];
let stopping = false;

function say(message: string): void {
  process.stdout.write(`[tequio] ${message}\n`);
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function infrastructure(): Promise<{ databaseUrl: string; brokers: string }> {
  let databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl) {
    say('PostgreSQL: using DATABASE_URL');
  } else {
    const port = Number(process.env['TEQUIO_PG_PORT'] ?? 54329);
    const postgres = await startLocalPostgres({ dataDir: join(DATA, 'postgres'), port, durable: true });
    stops.push(postgres.stop);
    databaseUrl = await ensureDatabase(postgres.url, 'tequio');
    say(`PostgreSQL: local cluster in ${join(DATA, 'postgres')} on port ${port}`);
  }
  let brokers = process.env['KAFKA_BROKERS'];
  if (brokers) {
    say(`Kafka: using KAFKA_BROKERS=${brokers}`);
  } else {
    const port = Number(process.env['TEQUIO_KAFKA_PORT'] ?? 19092);
    const kafka = await startLocalKafka({
      dataDir: join(DATA, 'kafka'),
      port,
      controllerPort: port + 1,
      cacheDir: join(ROOT, '.cache', 'kafka'),
    });
    stops.push(kafka.stop);
    brokers = kafka.brokers;
    say(`Kafka: local KRaft broker in ${join(DATA, 'kafka')} at ${brokers}`);
  }
  return { databaseUrl, brokers };
}

function entryPoint(service: string): string[] {
  return ['-r', '@swc-node/register', join(ROOT, 'apps', service, 'src', 'main.ts')];
}

async function main(): Promise<void> {
  const { databaseUrl, brokers } = await infrastructure();
  // Local development trusts the dev key pair (kept with the rest of the data) unless an identity provider is set.
  const auth = process.env['AUTH_JWKS_URL'] ? {} : { AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: process.env['AUTH_DEV_KEYS_DIR'] ?? join(DATA, 'dev-keys') };
  const env = { ...process.env, ...auth, DATABASE_URL: databaseUrl, KAFKA_BROKERS: brokers };

  for (const service of SERVICES) {
    await run(process.execPath, [...entryPoint(service.name), 'migrate'], { cwd: ROOT, env });
  }
  say('Migrations applied');
  if (options['migrate-only']) return shutdown(0);

  mkdirSync(join(DATA, 'logs'), { recursive: true });
  for (const service of SERVICES) {
    const child = spawn(process.execPath, entryPoint(service.name), {
      cwd: ROOT,
      env: { ...env, PORT: process.env[`${service.name.toUpperCase()}_PORT`] ?? String(service.port), MIGRATIONS_RUN: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(join(DATA, 'logs', `${service.name}.log`), { flags: 'a' });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    if (options.logs) {
      child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
      child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    }
    child.on('exit', (code) => {
      if (!stopping) {
        say(`${service.name} exited with code ${code}; see ${join(DATA, 'logs', `${service.name}.log`)}`);
        void shutdown(1);
      }
    });
    children.push(child);
  }

  const urls = SERVICES.map((s) => ({ ...s, url: `http://localhost:${process.env[`${s.name.toUpperCase()}_PORT`] ?? s.port}` }));
  await Promise.all(
    urls.map((s) =>
      waitFor(`${s.name} to be ready`, async () => (await fetch(`${s.url}/health/ready`).catch(() => undefined))?.status === 200, 180_000, 500),
    ),
  );
  if (auth.AUTH_DEV_KEYS_DIR) await registerDevTenant(urls, auth.AUTH_DEV_KEYS_DIR);
  say('All services are ready:');
  for (const s of urls) say(`  ${s.name.padEnd(15)} ${s.url}   API docs: ${s.url}/docs`);
  say(`Logs in ${join(DATA, 'logs')}. A token for the APIs: npm run -s token -- --role admin`);
  say('Press Ctrl-C to stop everything.');
}

/**
 * Bootstrap of the dev tenant: tokens of a municipality catalog has not registered are refused everywhere, so its
 * admin registers it (the one call that accepts such a token) and we wait until every service has learnt it.
 */
async function registerDevTenant(urls: Array<{ name: string; url: string }>, keysDir: string): Promise<void> {
  const { id, ...fields } = DEMO_MUNICIPALITY;
  const token = signDevToken({ roles: ['admin'], tenant: id, sub: 'npm-start' }, { keysDir });
  const catalog = urls.find((s) => s.name === 'catalog')?.url;
  const response = await fetch(`${catalog}/municipalities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, ...fields }),
  });
  if (response.status !== 201 && response.status !== 409) throw new Error(`registering the dev municipality ${id}: ${response.status} ${await response.text()}`);
  await Promise.all(
    urls.map((s) =>
      waitFor(`${s.name} to know the municipality ${id}`, () => acceptsTenant(s.url, token), 60_000, 500),
    ),
  );
  if (response.status === 201) say(`Registered the dev municipality ${id}`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('Stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
        }),
    ),
  );
  for (const stop of stops.reverse()) await stop();
  say('Stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error: unknown) => {
  process.stderr.write(`[tequio] ${(error as Error).message}\n`);
  void shutdown(1);
});
