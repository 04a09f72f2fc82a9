import { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogSnapshots1763700010100 implements MigrationInterface {
  name = 'CatalogSnapshots1763700010100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE catalog_snapshot (
        tenant text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('plan', 'program', 'indicator', 'semaphore', 'calendar')),
        id text NOT NULL,
        version integer NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, kind, id)
      )`);
    await queryRunner.query(`CREATE INDEX catalog_snapshot_program_idx ON catalog_snapshot (tenant, kind, (data ->> 'programId'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE catalog_snapshot`);
  }
}
