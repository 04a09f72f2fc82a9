import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-row retry state of the outbox: when a row may be tried again, and when it was parked for a person to look at. */
export class OutboxParking1763700000020 implements MigrationInterface {
  name = 'OutboxParking1763700000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz, ADD COLUMN parked_at timestamptz`);
    await queryRunner.query(`CREATE INDEX outbox_parked_idx ON outbox (parked_at) WHERE parked_at IS NOT NULL AND sent_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_parked_idx`);
    await queryRunner.query(`ALTER TABLE outbox DROP COLUMN parked_at, DROP COLUMN next_attempt_at`);
  }
}
