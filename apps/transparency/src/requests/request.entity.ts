import { AnswerType, ArcoRight, RequestChannel, RequesterCategory, RequestKind, RequestStatus } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An access-to-information or ARCO request. The requester's name, contact and text never leave this service. */
@Entity({ name: 'transparency_request' })
export class TransparencyRequest extends VersionedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  /** The national platform's folio, unique per municipality. */
  @Column('text')
  folio: string;

  @Column('text')
  kind: RequestKind;

  @Column('text', { name: 'arco_right', nullable: true })
  arcoRight: ArcoRight | null;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text')
  channel: RequestChannel;

  @Column('text', { name: 'requester_category' })
  requesterCategory: RequesterCategory;

  @Column('text', { name: 'requester_name', nullable: true })
  requesterName: string | null;

  @Column('text', { name: 'requester_contact', nullable: true })
  requesterContact: string | null;

  @Column('text', { name: 'information_requested' })
  informationRequested: string;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('date', { name: 'receipt_date' })
  receiptDate: string;

  @Column('text')
  status: RequestStatus;

  @Column('date', { name: 'first_term_due', nullable: true })
  firstTermDue: string | null;

  @Column('date', { name: 'answer_due', nullable: true })
  answerDue: string | null;

  @Column('date', { name: 'extension_requested_on', nullable: true })
  extensionRequestedOn: string | null;

  @Column('integer', { name: 'extension_days', nullable: true })
  extensionDays: number | null;

  @Column('text', { name: 'extension_reason', nullable: true })
  extensionReason: string | null;

  @Column('date', { name: 'clarification_requested_on', nullable: true })
  clarificationRequestedOn: string | null;

  @Column('date', { name: 'clarification_replied_on', nullable: true })
  clarificationRepliedOn: string | null;

  @Column('date', { name: 'identity_verified_on', nullable: true })
  identityVerifiedOn: string | null;

  @Column('text', { name: 'answer_type', nullable: true })
  answerType: AnswerType | null;

  @Column('date', { name: 'answered_on', nullable: true })
  answeredOn: string | null;

  @Column('boolean')
  overdue: boolean;

  @Column('boolean')
  late: boolean;

  /** The due date a due-soon notice was last sent for: a moved due date gets a new notice. */
  @Column('date', { name: 'due_soon_notified_for', nullable: true })
  dueSoonNotifiedFor: string | null;
}

@Entity({ name: 'request_status_change' })
export class RequestStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: RequestStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus: RequestStatus;

  @Column('text')
  actor: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
