import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarters whose report was approved (Vo. Bo.) in reporting: their targets are frozen until the report is
 * reopened. Fed by tequio.reporting.report.v1; a quarter is locked while approved_at is later than reopened_at.
 */
export class QuarterLocks1763700003300 implements MigrationInterface {
  name = 'QuarterLocks1763700003300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE quarter_lock (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        program_id uuid NOT NULL,
        year integer NOT NULL,
        quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        report_id uuid NOT NULL,
        approved_at timestamptz,
        reopened_at timestamptz,
        reopen_reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT quarter_lock_key UNIQUE (tenant, program_id, year, quarter)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE quarter_lock`);
  }
}
