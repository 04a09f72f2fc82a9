import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily totals of the facts, kept in the statement that changes the facts: one row per metric, day and
 * combination of dimensions, so a report sums a few hundred rows whatever the number of records stored.
 */
export class FactDays1763700010500 implements MigrationInterface {
  name = 'FactDays1763700010500';

  async up(queryRunner: QueryRunner): Promise<void> {
    // `unit` repeats the dimension (empty when a metric has none) so the key can lead with it for the unit filter.
    await queryRunner.query(`
      CREATE TABLE fact_day (
        tenant text NOT NULL,
        metric text NOT NULL,
        unit text NOT NULL,
        day date NOT NULL,
        dimensions jsonb NOT NULL,
        value float8 NOT NULL,
        facts bigint NOT NULL,
        PRIMARY KEY (tenant, metric, unit, day, dimensions)
      )`);
    await queryRunner.query(`
      INSERT INTO fact_day (tenant, metric, unit, day, dimensions, value, facts)
      SELECT tenant, metric, coalesce(unit, ''), day, dimensions, sum(value), count(*) FROM fact GROUP BY 1, 2, 3, 4, 5`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE fact_day`);
  }
}
