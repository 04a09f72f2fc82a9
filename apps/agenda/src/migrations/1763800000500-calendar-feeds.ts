import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarFeeds1763800000500 implements MigrationInterface {
  name = 'CalendarFeeds1763800000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_feed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('publica', 'unidad')),
        unit_code text,
        label text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT calendar_feed_unit CHECK ((audience = 'unidad') = (unit_code IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_feed`);
  }
}
