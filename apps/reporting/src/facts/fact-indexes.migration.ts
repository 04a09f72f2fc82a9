import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports read the daily sums (`fact_day`), not the facts: the facts' metric/unit/day index only slowed ingestion.
 * What still reads `fact` besides a record's rows is "what arrived after the approval", a range of `recorded_at`,
 * which grows with insertion order: a BRIN index answers it for almost nothing per insert.
 */
export class FactIndexes1796190000000 implements MigrationInterface {
  name = 'FactIndexes1796190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS fact_metric_unit_day_idx`);
    await queryRunner.query(`CREATE INDEX fact_recorded_at_brin ON fact USING brin (recorded_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX fact_recorded_at_brin`);
    await queryRunner.query(`CREATE INDEX fact_metric_unit_day_idx ON fact (tenant, metric, unit, day) INCLUDE (value)`);
  }
}
