import { MigrationInterface, QueryRunner } from 'typeorm';

/** Files in the service's own schema: metadata, and the bytes in ordered chunks (no row holds a whole large file). */
export class Attachments1763700000200 implements MigrationInterface {
  name = 'Attachments1763700000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE attachment (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        owner_type text NOT NULL,
        owner_id text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size bigint NOT NULL CHECK (size > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX attachment_owner_idx ON attachment (tenant, owner_type, owner_id)`);
    // Chunks are written before the row that describes them (the size and hash are known only at the end);
    // the deferred key still makes a chunk without its attachment impossible at commit.
    await queryRunner.query(`
      CREATE TABLE attachment_chunk (
        attachment_id uuid NOT NULL REFERENCES attachment (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        seq integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (attachment_id, seq)
      )`);
    // Already compressed formats gain nothing from TOAST compression: skip it, keep out-of-line storage.
    await queryRunner.query(`ALTER TABLE attachment_chunk ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE attachment_chunk`);
    await queryRunner.query(`DROP TABLE attachment`);
  }
}
