import { MigrationInterface, QueryRunner } from 'typeorm';

/** Development plan (period, axes, objectives) and the budget programs of each year, aligned to objectives. */
export class PlanPrograms1763700003000 implements MigrationInterface {
  name = 'PlanPrograms1763700003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE plan_period (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        name text NOT NULL,
        start_year integer NOT NULL,
        end_year integer NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_period_tenant_name_key UNIQUE (tenant, name),
        CONSTRAINT plan_period_years CHECK (end_year >= start_year)
      )`);
    await queryRunner.query(`
      CREATE TABLE plan_axis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        plan_id uuid NOT NULL REFERENCES plan_period (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number > 0),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_axis_plan_number_key UNIQUE (plan_id, number)
      )`);
    await queryRunner.query(`
      CREATE TABLE plan_objective (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        plan_id uuid NOT NULL REFERENCES plan_period (id) ON DELETE CASCADE,
        axis_id uuid NOT NULL REFERENCES plan_axis (id) ON DELETE CASCADE,
        code text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_objective_plan_code_key UNIQUE (plan_id, code)
      )`);
    await queryRunner.query(`CREATE INDEX plan_objective_axis_idx ON plan_objective (axis_id)`);
    await queryRunner.query(`
      CREATE TABLE program (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        code text NOT NULL,
        name text NOT NULL,
        owner_unit_id uuid NOT NULL REFERENCES unit (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT program_tenant_year_code_key UNIQUE (tenant, year, code)
      )`);
    await queryRunner.query(`CREATE INDEX program_owner_unit_idx ON program (owner_unit_id)`);
    // An aligned objective cannot vanish under a program: deleting it is refused (RESTRICT).
    await queryRunner.query(`
      CREATE TABLE program_objective (
        program_id uuid NOT NULL REFERENCES program (id) ON DELETE CASCADE,
        objective_id uuid NOT NULL REFERENCES plan_objective (id) ON DELETE RESTRICT,
        PRIMARY KEY (program_id, objective_id)
      )`);
    await queryRunner.query(`CREATE INDEX program_objective_objective_idx ON program_objective (objective_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE program_objective`);
    await queryRunner.query(`DROP TABLE program`);
    await queryRunner.query(`DROP TABLE plan_objective`);
    await queryRunner.query(`DROP TABLE plan_axis`);
    await queryRunner.query(`DROP TABLE plan_period`);
  }
}
