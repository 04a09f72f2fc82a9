import { Logger } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ServiceConfig } from '../config/service-config';
import { ServiceDefinition, serviceEntities, serviceMigrations } from '../service-definition';

/** Each service lives in its own schema; unqualified names in SQL resolve there. */
export function dataSourceOptions(config: ServiceConfig, definition: ServiceDefinition): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    entities: serviceEntities(definition),
    migrations: serviceMigrations(definition),
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: poolOptions(config),
  };
}

/*
 * node-postgres pool settings that let a service ride out a database restart or failover without being restarted:
 * broken connections leave the pool on their own, and nothing waits forever, so a request answers 503 (the
 * database error filter) instead of hanging while the server is away.
 * - connectionTimeoutMillis bounds both opening a connection and waiting for a free one (the default, 0, waits
 *   forever: a request would hang on an unreachable host or a pool emptied by an outage).
 * - keepAlive lets the kernel notice a server that vanished without closing its sockets (a failed-over host), so
 *   a connection idle in the pool does not look healthy forever.
 * - No statement_timeout: report consolidation, exports and a facts replay run long queries on purpose; a dead
 *   server ends a running query with an error (or keepAlive does), so a timeout would only cut legitimate work.
 */
function poolOptions(config: ServiceConfig) {
  return {
    max: config.DATABASE_POOL_SIZE,
    options: `-c search_path=${config.DATABASE_SCHEMA}`,
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/**
 * Creates the schema and applies pending migrations. An advisory lock makes concurrent runs
 * (several replicas starting, or a Helm hook racing a pod) wait for each other instead of colliding.
 */
export async function runMigrations(config: ServiceConfig, definition: ServiceDefinition): Promise<string[]> {
  const logger = new Logger('Migrations');
  const lockSource = new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 1 } });
  await lockSource.initialize();
  const lockRunner = lockSource.createQueryRunner();
  try {
    await lockRunner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`tequio-migrations-${config.DATABASE_SCHEMA}`]);
    await lockRunner.query(`CREATE SCHEMA IF NOT EXISTS "${config.DATABASE_SCHEMA}"`);
    const dataSource = new DataSource(dataSourceOptions(config, definition));
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      const names = applied.map((migration) => migration.name);
      logger.log(names.length ? `Applied ${names.join(', ')} to schema ${config.DATABASE_SCHEMA}` : `Schema ${config.DATABASE_SCHEMA} is up to date`);
      return names;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lockRunner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`tequio-migrations-${config.DATABASE_SCHEMA}`]).catch(() => undefined);
    await lockRunner.release();
    await lockSource.destroy();
  }
}
