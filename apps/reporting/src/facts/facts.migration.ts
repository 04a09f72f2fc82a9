import { MigrationInterface, QueryRunner } from 'typeorm';

/** Facts (one row per observation of a record's current version) and the current version of each record. */
export class Facts1763700010000 implements MigrationInterface {
  name = 'Facts1763700010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE fact_record (
        tenant text NOT NULL,
        record_key text NOT NULL,
        version bigint NOT NULL,
        event_type text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, record_key)
      )`);
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
    await queryRunner.query(`CREATE INDEX fact_record_idx ON fact (tenant, record_key)`);
    // Totals of an indicator: one metric, a period, filtered by unit (the common filter) then by other dimensions.
    // One index only besides the record's: every extra index slows ingestion, the path that must keep up.
    // (Replaced by a BRIN on recorded_at once reports read the daily sums: FactIndexes1796190000000.)
    await queryRunner.query(`CREATE INDEX fact_metric_unit_day_idx ON fact (tenant, metric, unit, day) INCLUDE (value)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE fact`);
    await queryRunner.query(`DROP TABLE fact_record`);
  }
}
