import type { AuthorityLevel, DocumentChannel, DocumentStatus, DocumentType, RequesterCategory, SenderKind, TurnStatus } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An incoming document registered by the front desk. Sender and text fields are personal: they never leave the service. */
@Entity({ name: 'document' })
export class CorrespondenceDocument extends VersionedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  folio: string;

  @Column('integer')
  year: number;

  @Column('integer', { name: 'sequence_number' })
  sequenceNumber: number;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('text')
  channel: DocumentChannel;

  @Column('text')
  type: DocumentType;

  @Column('text', { name: 'authority_level', nullable: true })
  authorityLevel: AuthorityLevel | null;

  @Column('text', { name: 'sender_kind' })
  senderKind: SenderKind;

  @Column('text', { name: 'requester_category', nullable: true })
  requesterCategory: RequesterCategory | null;

  @Column('text', { name: 'sender_name' })
  senderName: string;

  @Column('text', { name: 'sender_organization', nullable: true })
  senderOrganization: string | null;

  @Column('text', { name: 'sender_email', nullable: true })
  senderEmail: string | null;

  @Column('text', { name: 'sender_phone', nullable: true })
  senderPhone: string | null;

  @Column('text', { name: 'sender_address', nullable: true })
  senderAddress: string | null;

  @Column('text')
  subject: string;

  @Column('text', { nullable: true })
  summary: string | null;

  @Column('text', { name: 'desk_unit_code' })
  deskUnitCode: string;

  /** What the front desk said at registration (false for a designation of representation). */
  @Column('boolean', { name: 'registered_requires_response' })
  registeredRequiresResponse: boolean;

  /** Derived from the current turns; see document-rules. */
  @Column('boolean', { name: 'requires_response' })
  requiresResponse: boolean;

  @Column('text')
  status: DocumentStatus;

  /** Units of the current turns, kept with the document so unit-scoped lists filter rows without a join. */
  @Column('text', { name: 'turned_unit_codes', array: true, default: () => "'{}'" })
  turnedUnitCodes: string[];

  /** SHA-256 of the citizen's tracking code: the code itself is shown once, at registration. */
  @Column('text', { name: 'tracking_code_hash', select: false })
  trackingCodeHash: string;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  /** The record's identifier in the system it came from; unique per municipality when present. Not personal data. */
  @Column('text', { name: 'external_reference', nullable: true })
  externalReference: string | null;
}

/** An oficio de turno: the document sent to one unit, with its acuse and answer. */
@Entity({ name: 'document_turn' })
export class DocumentTurn {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text', { name: 'oficio_number' })
  oficioNumber: string;

  @Column('boolean', { name: 'requires_response' })
  requiresResponse: boolean;

  @Column('timestamptz', { name: 'turned_at' })
  turnedAt: Date;

  /** The term the due date was computed with, to recompute it when the calendar changes. */
  @Column('integer', { name: 'response_business_days', nullable: true })
  responseBusinessDays: number | null;

  @Column('date', { name: 'due_on', nullable: true })
  dueOn: string | null;

  @Column('text')
  status: TurnStatus;

  @Column('text', { nullable: true })
  instructions: string | null;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt: Date | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @Column('text', { name: 'answer_summary', nullable: true })
  answerSummary: string | null;

  /** The answer's files, attachments of the document (e.g. the unit's signed letter). */
  @Column('uuid', { name: 'answer_attachment_ids', array: true, default: () => "'{}'" })
  answerAttachmentIds: string[];

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('text', { name: 'close_reason', nullable: true })
  closeReason: string | null;

  @Column('text', { name: 'reassign_reason', nullable: true })
  reassignReason: string | null;
}

/** One line of a document's full status history. */
@Entity({ name: 'document_status_change' })
export class DocumentStatusChange {
  @PrimaryColumn({ type: 'bigint', generated: 'increment' })
  id: string;

  @Column('text')
  tenant: string;

  @Column('uuid', { name: 'document_id' })
  documentId: string;

  @Column('uuid', { name: 'turn_id', nullable: true })
  turnId: string | null;

  @Column('text', { name: 'unit_code', nullable: true })
  unitCode: string | null;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: string | null;

  @Column('text', { name: 'to_status' })
  toStatus: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  actor: string;

  @Column('text', { nullable: true })
  reason: string | null;
}
