import { MigrationInterface, QueryRunner } from 'typeorm';

/** The president's activities, their status history and the municipality's categories. */
export class Activities1763800000100 implements MigrationInterface {
  name = 'Activities1763800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activity_category (
        tenant text NOT NULL,
        code text NOT NULL,
        label text NOT NULL,
        report_category text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        PRIMARY KEY (tenant, code)
      )`);
    await queryRunner.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant text NOT NULL,
        title text NOT NULL,
        category text NOT NULL,
        report_category text NOT NULL,
        visibility text NOT NULL CHECK (visibility IN ('publica', 'privada')),
        place text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        organizer_unit_code text NOT NULL,
        involved_unit_codes text[] NOT NULL DEFAULT '{}',
        involved_roles jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL CHECK (status IN ('programada', 'confirmada', 'reprogramada', 'cancelada', 'realizada')),
        previous_status text,
        status_changed_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT activity_ends_after_start CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX activity_tenant_starts_idx ON activity (tenant, starts_at)`);
    await queryRunner.query(`CREATE INDEX activity_tenant_organizer_idx ON activity (tenant, organizer_unit_code, starts_at)`);
    await queryRunner.query(`CREATE INDEX activity_involved_units_idx ON activity USING gin (involved_unit_codes)`);
    await queryRunner.query(`
      CREATE TABLE activity_status_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        actor text NOT NULL,
        version integer NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX activity_status_change_activity_idx ON activity_status_change (activity_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE activity_status_change`);
    await queryRunner.query(`DROP TABLE activity`);
    await queryRunner.query(`DROP TABLE activity_category`);
  }
}
