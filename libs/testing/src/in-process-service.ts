import { INestApplication } from '@nestjs/common';
import { createServiceApp, loadServiceConfig, runMigrations, ServiceConfig, ServiceDefinition } from '@tequio/platform';
import supertest from 'supertest';
import { TestDatabase } from './database';
import { TEST_FETCH_MAX_WAIT_MS, uniqueGroup } from './test-environment';

export interface RunningService {
  app: INestApplication;
  config: ServiceConfig;
  http: () => supertest.Agent;
  close(): Promise<void>;
}

/** Boots a service in the test process against a test database and the real broker. */
export async function startServiceInProcess(
  definition: ServiceDefinition,
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<RunningService> {
  const config = loadServiceConfig(definition.name, definition.defaultPort, {
    ...process.env,
    DATABASE_URL: database.url,
    MIGRATIONS_RUN: 'false',
    OUTBOX_POLL_MS: '50',
    DATABASE_POOL_SIZE: '5',
    KAFKA_CONSUMER_GROUP: uniqueGroup(definition.name),
    KAFKA_FETCH_MAX_WAIT_MS: String(TEST_FETCH_MAX_WAIT_MS),
    ...env,
  });
  const app = await createServiceApp(definition, config);
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    http: () => supertest.agent(app.getHttpServer()),
    close: () => app.close(),
  };
}

/** A test-only service (e.g. a counting consumer): applies its migrations to the test database, then boots it. */
export async function startTestServiceInProcess(
  definition: ServiceDefinition,
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<RunningService> {
  await runMigrations(loadServiceConfig(definition.name, definition.defaultPort, { ...process.env, ...env, DATABASE_URL: database.url }), definition);
  return startServiceInProcess(definition, database, env);
}
