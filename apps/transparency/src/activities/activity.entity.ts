import { ADVISORY_TOPICS, COMPLAINT_STATUSES, MONITORED_PLATFORMS, RequesterCategory } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ActivityKind = 'training' | 'advisory' | 'monitoring';
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * The unit's own activities, one table: a training (attendees by sex, units attending), an advisory (topic, sex
 * of the person advised) or a day's monitoring of a platform (reviews and finding). Cancelled ones count nothing.
 */
@Entity({ name: 'transparency_activity' })
export class TransparencyActivity extends VersionedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  kind: ActivityKind;

  @Column('date')
  day: string;

  /** Training subject (free text) or advisory topic (enum). */
  @Column('text', { nullable: true })
  topic: string | null;

  @Column('text', { nullable: true })
  sex: 'hombre' | 'mujer' | null;

  @Column('integer', { nullable: true })
  men: number | null;

  @Column('integer', { nullable: true })
  women: number | null;

  @Column('jsonb', { name: 'unit_codes' })
  unitCodes: string[];

  @Column('text', { nullable: true })
  platform: (typeof MONITORED_PLATFORMS)[number] | null;

  @Column('integer', { nullable: true })
  count: number | null;

  @Column('text', { nullable: true })
  finding: string | null;

  @Column('boolean')
  cancelled: boolean;
}

export type AdvisoryTopic = (typeof ADVISORY_TOPICS)[number];

/** A complaint (denuncia) about publication obligations, notified by the guarantor body. */
@Entity({ name: 'complaint' })
export class Complaint extends VersionedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text', { name: 'obligation_reference' })
  obligationReference: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('text', { name: 'requester_category' })
  requesterCategory: RequesterCategory;

  /** The complainant's text: stays in the service. */
  @Column('text', { nullable: true })
  description: string | null;

  @Column('text')
  status: ComplaintStatus;
}

/** An oficio requiring a unit to publish or update what the complaint is about. */
@Entity({ name: 'complaint_requirement' })
export class ComplaintRequirement {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'complaint_id' })
  complaintId: string;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text', { name: 'oficio_number' })
  oficioNumber: string;

  @Column('date', { name: 'sent_on' })
  sentOn: string;

  @Column('date', { name: 'complied_on', nullable: true })
  compliedOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
