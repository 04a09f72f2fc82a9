import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per municipality: who manages the agenda, and which dependencies owe a weekly agenda by when. */
export class AgendaSettings1763800000000 implements MigrationInterface {
  name = 'AgendaSettings1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agenda_settings (
        tenant text PRIMARY KEY,
        office_unit_codes text[] NOT NULL DEFAULT '{}',
        expected_unit_codes text[] NOT NULL DEFAULT '{}',
        deadline_weekday integer NOT NULL CHECK (deadline_weekday BETWEEN 1 AND 7),
        deadline_time text NOT NULL,
        deadline_week_offset integer NOT NULL CHECK (deadline_week_offset IN (-1, 0)),
        rosters_from text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agenda_settings`);
  }
}
