import { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitReplica1763700000100 implements MigrationInterface {
  name = 'UnitReplica1763700000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit_replica (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        parent_id uuid,
        active_from date NOT NULL,
        active_to date,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Not unique: events of different units travel on different partitions, so a code freed by one
    // unit and reused by another may briefly appear twice here; lookups prefer the active, newest row.
    await queryRunner.query(`CREATE INDEX unit_replica_tenant_code_idx ON unit_replica (tenant, code)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit_replica`);
  }
}
