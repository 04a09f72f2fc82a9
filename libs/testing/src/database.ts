import { restartLocalPostgres, startLocalPostgres, stopLocalPostgres } from '@tequio/devstack';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { requireEnv, TEST_ENV, withDatabase } from './test-environment';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs SQL as a superuser against this test's database. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: isolated and ready in milliseconds. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = requireEnv(TEST_ENV.adminUrl);
  const template = requireEnv(TEST_ENV.templateDatabase);
  const name = `tequio_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  // One connection, opened again after an outage drill restarted the server under it.
  let client: Promise<Client> | undefined;
  const connected = (): Promise<Client> => {
    if (client) return client;
    const fresh = new Client({ connectionString: url });
    const opening = fresh.connect().then(() => fresh);
    const forget = () => {
      if (client === opening) client = undefined;
    };
    // A lost connection must not crash the test worker; the next query opens another.
    fresh.on('error', forget);
    opening.catch(forget);
    return (client = opening);
  };
  await connected();
  return {
    url,
    name,
    query: async <T>(sql: string, params?: unknown[]) => (await (await connected()).query(sql, params)).rows as T[],
    drop: async () => {
      await client?.then((open) => open.end()).catch(() => undefined);
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Control of the PostgreSQL the test run started (outage drills); undefined when tests attach to an external one. */
export function localDatabaseControl(): { stop(): Promise<void>; start(): Promise<void>; restart(downMs: number): Promise<void> } | undefined {
  const dataDir = process.env[TEST_ENV.postgresDir];
  if (!dataDir) return undefined;
  // The settings the global setup started it with, so a restart brings back the same server.
  const options = { dataDir, port: Number(requireEnv(TEST_ENV.postgresPort)) };
  return {
    stop: () => stopLocalPostgres(dataDir),
    start: async () => {
      await startLocalPostgres(options);
    },
    restart: async (downMs) => {
      await restartLocalPostgres(options, { downMs });
    },
  };
}
