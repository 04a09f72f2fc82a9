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
    extra: { max: config.DATABASE_POOL_SIZE, options: `-c search_path=${config.DATABASE_SCHEMA}` },
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
