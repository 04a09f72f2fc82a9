import { MigrationInterface, QueryRunner } from 'typeorm';

/** The facts of a record as rows of a view over its observations, for reading and ad hoc SQL. */
export const FACT_VIEW = `
  CREATE VIEW fact AS
  SELECT r.tenant, r.record_key, o.metric, o.day, o.unit, o.dimensions, o.value, r.updated_at AS recorded_at
  FROM fact_record r, jsonb_to_recordset(r.observations) AS o(metric text, day date, unit text, dimensions jsonb, value float8)`;

/**
 * Almost every event moves a daily sum: room on each page lets PostgreSQL update those rows in place (HOT), without
 * a new entry in their wide key.
 */
export const FACT_DAY_FILLFACTOR = 50;

/**
 * A record's current observations move into its own row. Ingesting an event then writes one row and one key (the
 * record's) instead of a record row, a fact row per observation and their index: replacing a record's facts reads
 * the observations being replaced from the row it updates. `fact` stays, as a view.
 */
export class FactObservations1796200000000 implements MigrationInterface {
  name = 'FactObservations1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE fact_record ADD COLUMN observations jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`
      UPDATE fact_record r SET observations = f.observations
      FROM (
        SELECT tenant, record_key,
               jsonb_agg(jsonb_build_object('metric', metric, 'day', day, 'unit', unit, 'dimensions', dimensions, 'value', value)) AS observations
        FROM fact GROUP BY 1, 2
      ) f
      WHERE f.tenant = r.tenant AND f.record_key = r.record_key`);
    await queryRunner.query(`DROP TABLE fact`);
    // "What arrived after the approval" reads records by the time they last changed, which follows insertion order.
    await queryRunner.query(`CREATE INDEX fact_record_updated_at_brin ON fact_record USING brin (updated_at)`);
    // Machine keys, never shown in a linguistic order: byte comparison makes every key lookup and sort cheaper.
    await queryRunner.query(`ALTER TABLE fact_record ALTER COLUMN tenant TYPE text COLLATE "C", ALTER COLUMN record_key TYPE text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE fact_day ALTER COLUMN tenant TYPE text COLLATE "C", ALTER COLUMN metric TYPE text COLLATE "C", ALTER COLUMN unit TYPE text COLLATE "C"`);
    await queryRunner.query(`ALTER TABLE fact_day SET (fillfactor = ${FACT_DAY_FILLFACTOR})`);
    await queryRunner.query(FACT_VIEW);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW fact`);
    await queryRunner.query(`ALTER TABLE fact_day RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE fact_day ALTER COLUMN tenant TYPE text COLLATE "default", ALTER COLUMN metric TYPE text COLLATE "default", ALTER COLUMN unit TYPE text COLLATE "default"`);
    await queryRunner.query(`ALTER TABLE fact_record ALTER COLUMN tenant TYPE text COLLATE "default", ALTER COLUMN record_key TYPE text COLLATE "default"`);
    await queryRunner.query(`DROP INDEX fact_record_updated_at_brin`);
    await queryRunner.query(`
      CREATE TABLE fact (
        tenant text NOT NULL,
        record_key text NOT NULL,
        metric text NOT NULL,
        day date NOT NULL,
        unit text,
        dimensions jsonb NOT NULL,
        value float8 NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      INSERT INTO fact (tenant, record_key, metric, day, unit, dimensions, value, recorded_at)
      SELECT r.tenant, r.record_key, o.metric, o.day, o.unit, o.dimensions, o.value, r.updated_at
      FROM fact_record r, jsonb_to_recordset(r.observations) AS o(metric text, day date, unit text, dimensions jsonb, value float8)`);
    await queryRunner.query(`CREATE INDEX fact_record_idx ON fact (tenant, record_key)`);
    await queryRunner.query(`CREATE INDEX fact_recorded_at_brin ON fact USING brin (recorded_at)`);
    await queryRunner.query(`ALTER TABLE fact_record DROP COLUMN observations`);
  }
}
