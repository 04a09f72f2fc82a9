import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cabinet meetings with minutes numbered per year, attendance lists and agreements. */
export class CabinetMeetings1763800000300 implements MigrationInterface {
  name = 'CabinetMeetings1763800000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cabinet_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        year integer NOT NULL,
        meeting_date date NOT NULL,
        place text,
        status text NOT NULL CHECK (status IN ('programada', 'celebrada', 'cancelada')),
        minute_number integer CHECK (minute_number > 0),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cabinet_meeting_minute_key UNIQUE (tenant, year, minute_number),
        CONSTRAINT cabinet_meeting_held_has_minute CHECK ((status = 'celebrada') = (minute_number IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX cabinet_meeting_tenant_date_idx ON cabinet_meeting (tenant, meeting_date)`);
    await queryRunner.query(`
      CREATE TABLE cabinet_attendance (
        meeting_id uuid NOT NULL REFERENCES cabinet_meeting (id) ON DELETE CASCADE,
        unit_code text NOT NULL,
        role text NOT NULL,
        PRIMARY KEY (meeting_id, unit_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE cabinet_agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES cabinet_meeting (id) ON DELETE CASCADE,
        tenant text NOT NULL,
        description text NOT NULL,
        responsible_unit_code text NOT NULL,
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('pendiente', 'en_proceso', 'cumplido', 'cancelado')),
        overdue_notified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX cabinet_agreement_meeting_idx ON cabinet_agreement (meeting_id)`);
    await queryRunner.query(`CREATE INDEX cabinet_agreement_open_due_idx ON cabinet_agreement (due_date) WHERE status IN ('pendiente', 'en_proceso')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cabinet_agreement`);
    await queryRunner.query(`DROP TABLE cabinet_attendance`);
    await queryRunner.query(`DROP TABLE cabinet_meeting`);
  }
}
