import { MigrationInterface, QueryRunner } from 'typeorm';

export class Units1763700001000 implements MigrationInterface {
  name = 'Units1763700001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        parent_id uuid REFERENCES unit (id),
        head_name text,
        head_title text,
        active_from date NOT NULL,
        active_to date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT unit_tenant_code_key UNIQUE (tenant, code),
        CONSTRAINT unit_active_range CHECK (active_to IS NULL OR active_to >= active_from)
      )`);
    await queryRunner.query(`CREATE INDEX unit_parent_idx ON unit (parent_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit`);
  }
}
