import { freePort, run, startLocalKafka, startLocalPostgres } from '@tequio/devstack';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { KAFKA_CACHE_DIR, REPO_ROOT, serviceEntryPoint, SERVICES, TEST_ENV, withDatabase } from './test-environment';
import { registerDefaultTestTenants } from '@tequio/devstack';

interface StartedInfrastructure {
  stops: Array<() => Promise<void>>;
  workDir: string;
}

declare global {
  var __TEQUIO_TEST_INFRA__: StartedInfrastructure | undefined;
}

function log(message: string): void {
  process.stdout.write(`[test infrastructure] ${message}\n`);
}

/**
 * Starts a real PostgreSQL and a real Kafka broker for the run (or attaches to DATABASE_URL and
 * KAFKA_BROKERS), then builds a migrated template database that each test clones.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), 'tequio-test-'));
  // PostgreSQL runs as its own user when we are root: it must be able to reach its folder.
  chmodSync(workDir, 0o755);
  const infra: StartedInfrastructure = { stops: [], workDir };
  globalThis.__TEQUIO_TEST_INFRA__ = infra;

  const runId = `t${Date.now().toString(36)}${process.pid.toString(36)}`;
  process.env[TEST_ENV.runId] = runId;
  process.env['AUTH_DEV_KEYS_DIR'] = join(workDir, 'dev-keys');
  // Auth fails closed: the services under test trust the run's dev keys only because this says so.
  process.env['AUTH_DEV_KEYS'] = 'true';
  process.env['LOG_LEVEL'] = process.env['LOG_LEVEL'] ?? 'warn';

  let adminUrl = process.env['DATABASE_URL'];
  if (adminUrl) {
    log(`using external PostgreSQL from DATABASE_URL`);
  } else {
    const postgres = await startLocalPostgres({ dataDir: join(workDir, 'postgres'), port: await freePort() });
    infra.stops.push(postgres.stop);
    process.env[TEST_ENV.postgresDir] = join(workDir, 'postgres');
    process.env[TEST_ENV.postgresPort] = String(postgres.port);
    adminUrl = postgres.url;
    log(`started PostgreSQL at ${adminUrl}`);
  }

  if (process.env['KAFKA_BROKERS']) {
    log(`using external Kafka at ${process.env['KAFKA_BROKERS']}`);
  } else {
    const kafkaDir = join(workDir, 'kafka');
    const port = await freePort();
    const controllerPort = await freePort();
    const kafka = await startLocalKafka({ dataDir: kafkaDir, port, controllerPort, cacheDir: KAFKA_CACHE_DIR });
    infra.stops.push(kafka.stop);
    process.env['KAFKA_BROKERS'] = kafka.brokers;
    process.env[TEST_ENV.kafkaDir] = kafkaDir;
    process.env[TEST_ENV.kafkaPort] = String(port);
    process.env[TEST_ENV.kafkaControllerPort] = String(controllerPort);
    log(`started Kafka ${kafka.brokers} (KRaft, single node)`);
  }

  const template = `tequio_template_${runId}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  const templateUrl = withDatabase(adminUrl, template);
  // Migrations run through each service's own entry point, exactly as the Helm hook does.
  await Promise.all(
    SERVICES.map((service) =>
      run(process.execPath, ['-r', '@swc-node/register', serviceEntryPoint(service), 'migrate'], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: templateUrl, LOG_LEVEL: 'warn' },
      }),
    ),
  );
  await registerDefaultTestTenants(templateUrl);
  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDatabase] = template;
  delete process.env['DATABASE_URL'];
  log(`migrated template database ${template} in ${Date.now() - started} ms`);
}
