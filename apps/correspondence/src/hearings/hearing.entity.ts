import type { HearingOutcome, HearingTopic, RequesterCategory } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A citizen's request to meet the president (audiencia). Requester name and contacts never leave the service. */
@Entity({ name: 'hearing' })
export class Hearing extends VersionedRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text', { name: 'requester_category' })
  requesterCategory: RequesterCategory;

  @Column('integer', { name: 'group_size', nullable: true })
  groupSize: number | null;

  @Column('text', { name: 'requester_name' })
  requesterName: string;

  @Column('text', { name: 'requester_phone', nullable: true })
  requesterPhone: string | null;

  @Column('text', { name: 'requester_email', nullable: true })
  requesterEmail: string | null;

  @Column('text')
  topic: HearingTopic;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('date', { name: 'requested_on' })
  requestedOn: string;

  @Column('date', { name: 'attended_on', nullable: true })
  attendedOn: string | null;

  @Column('text')
  outcome: HearingOutcome;

  @Column('text', { name: 'channelled_unit_code', nullable: true })
  channelledUnitCode: string | null;

  @Column('boolean', { default: false })
  cancelled: boolean;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;
}
