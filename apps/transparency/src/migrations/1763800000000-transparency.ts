import { MigrationInterface, QueryRunner } from 'typeorm';

export class Transparency1763800000000 implements MigrationInterface {
  name = 'Transparency1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE transparency_settings (
        tenant text PRIMARY KEY,
        unit_code text NOT NULL,
        oficio_prefix text NOT NULL,
        terms jsonb NOT NULL,
        due_soon_days integer NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE oficio_counter (
        tenant text NOT NULL,
        year integer NOT NULL,
        last integer NOT NULL,
        PRIMARY KEY (tenant, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE transparency_request (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        folio text NOT NULL,
        kind text NOT NULL,
        arco_right text,
        unit_code text NOT NULL,
        channel text NOT NULL,
        requester_category text NOT NULL,
        requester_name text,
        requester_contact text,
        information_requested text NOT NULL,
        received_at timestamptz NOT NULL,
        receipt_date date NOT NULL,
        status text NOT NULL,
        first_term_due date,
        answer_due date,
        extension_requested_on date,
        extension_days integer,
        extension_reason text,
        clarification_requested_on date,
        clarification_replied_on date,
        identity_verified_on date,
        answer_type text,
        answered_on date,
        overdue boolean NOT NULL DEFAULT false,
        late boolean NOT NULL DEFAULT false,
        due_soon_notified_for date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT transparency_request_folio_key UNIQUE (tenant, folio)
      )`);
    await queryRunner.query(`CREATE INDEX transparency_request_open_idx ON transparency_request (tenant, answer_due) WHERE status IN ('recibida', 'turnada', 'en_prevencion')`);
    await queryRunner.query(`CREATE INDEX transparency_request_receipt_idx ON transparency_request (tenant, receipt_date)`);
    await queryRunner.query(`
      CREATE TABLE request_status_change (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES transparency_request (id),
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        note text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX request_status_change_request_idx ON request_status_change (request_id, id)`);
    await queryRunner.query(`
      CREATE TABLE oficio_turn (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        procedure text NOT NULL,
        parent_id uuid NOT NULL,
        unit_code text NOT NULL,
        oficio_number text NOT NULL,
        turned_on date NOT NULL,
        answer_oficio_number text,
        answered_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT oficio_turn_number_key UNIQUE (tenant, oficio_number)
      )`);
    await queryRunner.query(`CREATE INDEX oficio_turn_parent_idx ON oficio_turn (parent_id)`);
    await queryRunner.query(`CREATE INDEX oficio_turn_unit_idx ON oficio_turn (tenant, unit_code)`);
    await queryRunner.query(`
      CREATE TABLE review_appeal (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        file_number text NOT NULL,
        request_id uuid REFERENCES transparency_request (id),
        request_folio text NOT NULL,
        filed_on date NOT NULL,
        ground text NOT NULL,
        ground_detail text,
        requester_categories jsonb NOT NULL,
        status text NOT NULL,
        pleadings_filed_on date,
        resolution text,
        resolved_on date,
        compliance_due_on date,
        complied_on date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT review_appeal_file_key UNIQUE (tenant, file_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE appeal_notification (
        id uuid PRIMARY KEY,
        appeal_id uuid NOT NULL REFERENCES review_appeal (id),
        oficio_number text NOT NULL,
        received_on date NOT NULL,
        due_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        obligation_reference text NOT NULL,
        received_on date NOT NULL,
        requester_category text NOT NULL,
        description text,
        status text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE complaint_requirement (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaint (id),
        unit_code text NOT NULL,
        oficio_number text NOT NULL,
        sent_on date NOT NULL,
        complied_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE transparency_activity (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        kind text NOT NULL,
        day date NOT NULL,
        topic text,
        sex text,
        men integer,
        women integer,
        unit_codes jsonb NOT NULL DEFAULT '[]',
        platform text,
        count integer,
        finding text,
        cancelled boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX transparency_activity_day_idx ON transparency_activity (tenant, kind, day)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'transparency_activity',
      'complaint_requirement',
      'complaint',
      'appeal_notification',
      'review_appeal',
      'oficio_turn',
      'request_status_change',
      'transparency_request',
      'oficio_counter',
      'transparency_settings',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
