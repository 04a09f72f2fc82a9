import { MigrationInterface, QueryRunner } from 'typeorm';

/** Quarterly reports per program: workflow status, the frozen snapshot of every number at approval, and the steps taken. */
export class Reports1763700010300 implements MigrationInterface {
  name = 'Reports1763700010300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        program_id uuid NOT NULL,
        unit_code text NOT NULL,
        year integer NOT NULL,
        quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        status text NOT NULL CHECK (status IN ('borrador', 'elaborado', 'validado', 'aprobado')),
        snapshot jsonb,
        approved_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant, program_id, year, quarter)
      )`);
    await queryRunner.query(`CREATE INDEX report_tenant_year_idx ON report (tenant, year, quarter)`);
    await queryRunner.query(`
      CREATE TABLE report_step (
        id bigserial PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES report (id),
        action text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        actor text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX report_step_report_idx ON report_step (report_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE report_step`);
    await queryRunner.query(`DROP TABLE report`);
  }
}
