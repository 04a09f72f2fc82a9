import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who changed what and when, for every entity a service owns. Lists it after the messaging tables. */
export class AuditTrail1763700000050 implements MigrationInterface {
  name = 'AuditTrail1763700000050';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        tenant text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        reason text
      )`);
    await queryRunner.query(`CREATE INDEX audit_entry_entity_idx ON audit_entry (tenant, entity_type, entity_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_entry`);
  }
}
