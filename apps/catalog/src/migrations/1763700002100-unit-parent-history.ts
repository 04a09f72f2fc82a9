import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which unit each unit depended on, and when (valid_to is the last day, inclusive; null while current).
 * parent_id references unit, so a unit that was ever a parent counts as having records and cannot be deleted.
 */
export class UnitParentHistory1763700002100 implements MigrationInterface {
  name = 'UnitParentHistory1763700002100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE unit_parent_history (
        id bigserial PRIMARY KEY,
        unit_id uuid NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
        parent_id uuid REFERENCES unit (id),
        valid_from date NOT NULL,
        valid_to date,
        CONSTRAINT unit_parent_history_range CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query(`CREATE INDEX unit_parent_history_unit_idx ON unit_parent_history (unit_id, valid_from)`);
    await queryRunner.query(`CREATE INDEX unit_parent_history_parent_idx ON unit_parent_history (parent_id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX unit_parent_history_one_open ON unit_parent_history (unit_id) WHERE valid_to IS NULL`);
    // Units created before this migration start their history with their current parent.
    await queryRunner.query(`INSERT INTO unit_parent_history (unit_id, parent_id, valid_from) SELECT id, parent_id, active_from FROM unit`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE unit_parent_history`);
  }
}
