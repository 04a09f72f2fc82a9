import { createTestDatabase, TestDatabase } from '@tequio/testing';
import { QueryRunner } from 'typeorm';
import { FactObservations1796200000000 } from '../src/facts/fact-observations.migration';

/** The migration that moves each record's facts into its row keeps every fact of a database migrated before it. */
describe('reporting: facts move into their records (real PostgreSQL)', () => {
  let database: TestDatabase;
  const migration = new FactObservations1796200000000();
  // The migration only issues SQL; the test database's connection, in the service's schema, is enough to run it.
  const runner = { query: (sql: string) => database.query(`SET search_path TO reporting; ${sql}`) } as unknown as QueryRunner;
  const facts = () =>
    database.query(`SELECT record_key, metric, day::text, unit, dimensions::text, value FROM reporting.fact WHERE tenant = 'mig' ORDER BY 1, 2, 3`);

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('down gives back a fact table with the same rows, and up folds them into their records again', async () => {
    await database.query(`
      INSERT INTO reporting.fact_record (tenant, record_key, version, event_type, observations) VALUES
        ('mig', 'doc/1', 2, 't', '[{"metric": "m.received", "day": "2025-03-31", "unit": "402", "dimensions": {"unit": "402", "late": true}, "value": 1},
                                  {"metric": "m.answered", "day": "2025-04-02", "unit": "402", "dimensions": {"unit": "402"}, "value": 1}]'),
        ('mig', 'doc/2', 1, 't', '[{"metric": "m.hours", "day": "2025-05-01", "unit": null, "dimensions": {}, "value": 2.5}]'),
        ('mig', 'doc/3', 3, 't', '[]')`);
    const before = await facts();
    expect(before).toHaveLength(3);

    await migration.down(runner);
    expect(await database.query(`SELECT record_key, metric, day::text, unit, dimensions::text, value FROM reporting.fact WHERE tenant = 'mig' ORDER BY 1, 2, 3`)).toEqual(before);
    expect(await database.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = 'fact_record' AND column_name = 'observations'`)).toEqual([{ n: 0 }]);

    await migration.up(runner);
    expect(await facts()).toEqual(before);
    // A record whose facts all went (cancelled) keeps its version with no observations.
    expect(await database.query(`SELECT version::int, observations FROM reporting.fact_record WHERE tenant = 'mig' AND record_key = 'doc/3'`)).toEqual([{ version: 3, observations: [] }]);
  });
});
