import { join, resolve } from 'node:path';

/** Variables the global setup hands to the test workers. */
export const TEST_ENV = {
  adminUrl: 'TEQUIO_TEST_ADMIN_DATABASE_URL',
  templateDatabase: 'TEQUIO_TEST_TEMPLATE_DATABASE',
  kafkaDir: 'TEQUIO_TEST_KAFKA_DIR',
  kafkaPort: 'TEQUIO_TEST_KAFKA_PORT',
  kafkaControllerPort: 'TEQUIO_TEST_KAFKA_CONTROLLER_PORT',
  runId: 'TEQUIO_TEST_RUN_ID',
  postgresDir: 'TEQUIO_TEST_POSTGRES_DIR',
  postgresPort: 'TEQUIO_TEST_POSTGRES_PORT',
} as const;

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const KAFKA_CACHE_DIR = process.env['TEQUIO_KAFKA_CACHE'] ?? join(REPO_ROOT, '.cache', 'kafka');

/** The five services, in start order; their entry points are run as processes (tests never import apps). */
export const SERVICES = ['catalog', 'agenda', 'correspondence', 'transparency', 'reporting'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function serviceEntryPoint(service: ServiceName): string {
  return join(REPO_ROOT, 'apps', service, 'src', 'main.ts');
}

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest.integration.config.js`);
  return value;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * How long the tests' consumers let an idle fetch wait on the broker: stopping a consumer waits for its fetch in
 * flight (kafkajs' default, 5 s, made each of the suite's hundreds of service stops take 5 s).
 */
export const TEST_FETCH_MAX_WAIT_MS = 200;

/** A consumer group no other test or run shares, so each starts from the beginning of its topics. */
export function uniqueGroup(label: string): string {
  return `${process.env[TEST_ENV.runId] ?? 'local'}.${label}.${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Test files share the broker, so a consumer may also see other files' events. A tenant of its own
 * keeps a test's data (and its unique codes) apart from everyone else's.
 */
export function uniqueTenant(label = 'test'): string {
  return `${label}-${Math.random().toString(36).slice(2, 10)}`;
}
