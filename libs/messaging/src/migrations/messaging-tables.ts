import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox tables, created in the service's own schema (the connection's search_path).
 * Every service lists this migration first in its own migrations.
 */
export class MessagingTables1763700000000 implements MigrationInterface {
  name = 'MessagingTables1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        tenant text NOT NULL,
        source text NOT NULL,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // The relay only ever scans unsent rows, so the index only holds those.
    await queryRunner.query(`CREATE INDEX outbox_unsent_idx ON outbox (seq) WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE INDEX outbox_unsent_key_idx ON outbox (topic, message_key, seq) WHERE sent_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE inbox (
        event_id text NOT NULL,
        consumer text NOT NULL,
        topic text NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, consumer)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}
