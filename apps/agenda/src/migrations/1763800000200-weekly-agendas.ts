import { MigrationInterface, QueryRunner } from 'typeorm';

/** Weekly agendas of the dependencies and, per week, who had to submit and who is missing. */
export class WeeklyAgendas1763800000200 implements MigrationInterface {
  name = 'WeeklyAgendas1763800000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE weekly_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        unit_code text NOT NULL,
        iso_year integer NOT NULL,
        iso_week integer NOT NULL CHECK (iso_week BETWEEN 1 AND 53),
        week_thursday date NOT NULL,
        content text,
        attachment_count integer NOT NULL DEFAULT 0,
        submitted_at timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        on_time boolean NOT NULL,
        submitted_by text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT weekly_submission_unit_week_key UNIQUE (tenant, unit_code, iso_year, iso_week)
      )`);
    await queryRunner.query(`CREATE INDEX weekly_submission_tenant_thursday_idx ON weekly_submission (tenant, week_thursday)`);
    await queryRunner.query(`
      CREATE TABLE weekly_roster (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        iso_year integer NOT NULL,
        iso_week integer NOT NULL,
        week_thursday date NOT NULL,
        deadline timestamptz NOT NULL,
        expected_unit_codes text[] NOT NULL,
        missing_unit_codes text[] NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT weekly_roster_week_key UNIQUE (tenant, iso_year, iso_week)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE weekly_roster`);
    await queryRunner.query(`DROP TABLE weekly_submission`);
  }
}
