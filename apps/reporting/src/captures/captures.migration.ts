import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManualCaptures1763700010200 implements MigrationInterface {
  name = 'ManualCaptures1763700010200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE manual_capture (
        tenant text NOT NULL,
        indicator_id uuid NOT NULL,
        program_id uuid NOT NULL,
        year integer NOT NULL,
        quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        value float8,
        numerator float8,
        denominator float8,
        justification text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
        captured_by text NOT NULL,
        captured_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (tenant, indicator_id, year, quarter)
      )`);
    await queryRunner.query(`CREATE INDEX manual_capture_program_idx ON manual_capture (tenant, program_id, year)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE manual_capture`);
  }
}
