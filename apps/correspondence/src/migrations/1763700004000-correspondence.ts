import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The front desk: per-municipality settings, the folio and oficio counters, documents with their turns and status
 * history, and hearing requests. Personal data (sender, requester) lives only in these tables.
 */
export class Correspondence1763700004000 implements MigrationInterface {
  name = 'Correspondence1763700004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE correspondence_settings (
        tenant text PRIMARY KEY,
        folio_format text NOT NULL,
        oficio_format text NOT NULL,
        response_business_days integer NOT NULL CHECK (response_business_days BETWEEN 1 AND 120),
        hearing_topics text[] NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per municipality, sequence and year: incremented in the transaction that uses the number, so a
    // rolled-back registration gives its number back and two registrations never share one.
    await queryRunner.query(`
      CREATE TABLE number_counter (
        tenant text NOT NULL,
        sequence text NOT NULL CHECK (sequence IN ('folio', 'oficio')),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        last_value integer NOT NULL CHECK (last_value >= 1),
        PRIMARY KEY (tenant, sequence, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE document (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        folio text NOT NULL,
        year integer NOT NULL,
        sequence_number integer NOT NULL,
        received_at timestamptz NOT NULL,
        channel text NOT NULL,
        type text NOT NULL,
        authority_level text,
        sender_kind text NOT NULL,
        requester_category text,
        sender_name text NOT NULL,
        sender_organization text,
        sender_email text,
        sender_phone text,
        sender_address text,
        subject text NOT NULL,
        summary text,
        desk_unit_code text NOT NULL,
        registered_requires_response boolean NOT NULL,
        requires_response boolean NOT NULL,
        status text NOT NULL,
        turned_unit_codes text[] NOT NULL DEFAULT '{}',
        tracking_code_hash text NOT NULL,
        cancel_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_folio_unique UNIQUE (tenant, folio),
        CONSTRAINT document_sequence_unique UNIQUE (tenant, year, sequence_number),
        CONSTRAINT document_authority_level CHECK ((type LIKE 'escrito_autoridad_%') = (authority_level IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX document_tenant_received_idx ON document (tenant, received_at DESC, id)`);
    await queryRunner.query(`CREATE INDEX document_tenant_status_idx ON document (tenant, status, received_at DESC)`);
    await queryRunner.query(`CREATE INDEX document_turned_units_idx ON document USING gin (turned_unit_codes)`);
    await queryRunner.query(`
      CREATE TABLE document_turn (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        unit_code text NOT NULL,
        oficio_number text NOT NULL,
        requires_response boolean NOT NULL,
        turned_at timestamptz NOT NULL,
        response_business_days integer,
        due_on date,
        status text NOT NULL,
        instructions text,
        acknowledged_at timestamptz,
        answered_at timestamptz,
        answer_summary text,
        answer_attachment_ids uuid[] NOT NULL DEFAULT '{}',
        closed_at timestamptz,
        close_reason text,
        reassign_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT document_turn_oficio_unique UNIQUE (tenant, oficio_number)
      )`);
    await queryRunner.query(`CREATE INDEX document_turn_document_idx ON document_turn (document_id, turned_at)`);
    await queryRunner.query(`CREATE INDEX document_turn_unit_idx ON document_turn (tenant, unit_code, document_id)`);
    await queryRunner.query(`CREATE INDEX document_turn_due_idx ON document_turn (due_on) WHERE status IN ('turnado', 'acusado')`);
    await queryRunner.query(`
      CREATE TABLE document_status_change (
        id bigserial PRIMARY KEY,
        tenant text NOT NULL,
        document_id uuid NOT NULL REFERENCES document (id) ON DELETE CASCADE,
        turn_id uuid,
        unit_code text,
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        reason text
      )`);
    await queryRunner.query(`CREATE INDEX document_status_change_document_idx ON document_status_change (document_id, id)`);
    await queryRunner.query(`
      CREATE TABLE hearing (
        id uuid PRIMARY KEY,
        tenant text NOT NULL,
        unit_code text NOT NULL,
        requester_category text NOT NULL,
        group_size integer CHECK (group_size IS NULL OR group_size >= 2),
        requester_name text NOT NULL,
        requester_phone text,
        requester_email text,
        topic text NOT NULL,
        subject text,
        requested_on date NOT NULL,
        attended_on date,
        outcome text NOT NULL,
        channelled_unit_code text,
        cancelled boolean NOT NULL DEFAULT false,
        cancel_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT hearing_group_size CHECK ((requester_category = 'grupo') = (group_size IS NOT NULL)),
        CONSTRAINT hearing_channelled CHECK ((outcome = 'canalizada') = (channelled_unit_code IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX hearing_tenant_requested_idx ON hearing (tenant, requested_on DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['hearing', 'document_status_change', 'document_turn', 'document', 'number_counter', 'correspondence_settings']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
