import { APPEAL_GROUNDS, APPEAL_RESOLUTIONS, APPEAL_STATUSES, RequesterCategory } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AppealGround = (typeof APPEAL_GROUNDS)[number];
export type AppealResolution = (typeof APPEAL_RESOLUTIONS)[number];
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** A review appeal (recurso de revisión) before the state guarantor body against an answer or a missed deadline. */
@Entity({ name: 'review_appeal' })
export class ReviewAppeal extends VersionedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text', { name: 'file_number' })
  fileNumber: string;

  @Column('uuid', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Column('text', { name: 'request_folio' })
  requestFolio: string;

  @Column('date', { name: 'filed_on' })
  filedOn: string;

  @Column('text')
  ground: AppealGround;

  /** The appellant's own words: stays in the service. */
  @Column('text', { name: 'ground_detail', nullable: true })
  groundDetail: string | null;

  @Column('jsonb', { name: 'requester_categories' })
  requesterCategories: RequesterCategory[];

  @Column('text')
  status: AppealStatus;

  @Column('date', { name: 'pleadings_filed_on', nullable: true })
  pleadingsFiledOn: string | null;

  @Column('text', { nullable: true })
  resolution: AppealResolution | null;

  @Column('date', { name: 'resolved_on', nullable: true })
  resolvedOn: string | null;

  @Column('date', { name: 'compliance_due_on', nullable: true })
  complianceDueOn: string | null;

  @Column('date', { name: 'complied_on', nullable: true })
  compliedOn: string | null;
}

/** A notification from the guarantor body, with its oficio and the due date it sets. */
@Entity({ name: 'appeal_notification' })
export class AppealNotification {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'appeal_id' })
  appealId: string;

  @Column('text', { name: 'oficio_number' })
  oficioNumber: string;

  @Column('date', { name: 'received_on' })
  receivedOn: string;

  @Column('date', { name: 'due_on', nullable: true })
  dueOn: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
