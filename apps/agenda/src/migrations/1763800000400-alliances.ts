import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alliances1763800000400 implements MigrationInterface {
  name = 'Alliances1763800000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alliance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('alianza', 'hermanamiento')),
        counterpart text NOT NULL,
        signed_on date NOT NULL,
        unit_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('vigente', 'cancelada')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX alliance_tenant_signed_idx ON alliance (tenant, signed_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alliance`);
  }
}
