import type { HearingTopic } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a municipality's front desk numbers and schedules its work. */
@Entity({ name: 'correspondence_settings' })
export class CorrespondenceSettings extends VersionedRecord {
  @PrimaryColumn('text')
  tenant: string;

  @Column('text', { name: 'folio_format' })
  folioFormat: string;

  @Column('text', { name: 'oficio_format' })
  oficioFormat: string;

  @Column('integer', { name: 'response_business_days' })
  responseBusinessDays: number;

  @Column('text', { name: 'hearing_topics', array: true })
  hearingTopics: HearingTopic[];
}
