import { MigrationInterface, QueryRunner } from 'typeorm';

/** MIR indicators of each program and year, with their computable formula and quarterly targets. */
export class Indicators1763700003200 implements MigrationInterface {
  name = 'Indicators1763700003200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        program_id uuid NOT NULL REFERENCES program (id),
        year integer NOT NULL,
        level text NOT NULL CHECK (level IN ('fin', 'proposito', 'componente', 'actividad')),
        component_number integer CHECK (component_number > 0),
        activity_number integer CHECK (activity_number > 0),
        parent_id uuid REFERENCES indicator (id),
        name text NOT NULL,
        definition text NOT NULL,
        calculation_method text NOT NULL,
        unit_of_measure text NOT NULL,
        type text NOT NULL,
        dimension text NOT NULL,
        frequency text NOT NULL,
        direction text NOT NULL,
        baseline_value double precision,
        baseline_year integer,
        accumulation text NOT NULL,
        factor double precision NOT NULL DEFAULT 100 CHECK (factor > 0),
        means_of_verification text,
        responsible_unit_id uuid NOT NULL REFERENCES unit (id),
        target_q1 double precision,
        target_q2 double precision,
        target_q3 double precision,
        target_q4 double precision,
        formula jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT indicator_level_numbers CHECK (
          (level IN ('fin', 'proposito') AND component_number IS NULL AND activity_number IS NULL AND parent_id IS NULL)
          OR (level = 'componente' AND component_number IS NOT NULL AND activity_number IS NULL AND parent_id IS NULL)
          OR (level = 'actividad' AND component_number IS NOT NULL AND activity_number IS NOT NULL AND parent_id IS NOT NULL)
        ),
        CONSTRAINT indicator_baseline_pair CHECK ((baseline_value IS NULL) = (baseline_year IS NULL))
      )`);
    // One Fin, one Propósito, one Componente N and one Actividad N.M per program.
    await queryRunner.query(
      `CREATE UNIQUE INDEX indicator_position_key ON indicator (program_id, level, coalesce(component_number, 0), coalesce(activity_number, 0))`,
    );
    await queryRunner.query(`CREATE INDEX indicator_tenant_year_idx ON indicator (tenant, year)`);
    await queryRunner.query(`CREATE INDEX indicator_responsible_unit_idx ON indicator (responsible_unit_id)`);
    await queryRunner.query(`CREATE INDEX indicator_parent_idx ON indicator (parent_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE indicator`);
  }
}
