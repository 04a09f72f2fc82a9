import { ActivityStatus, ActivityVisibility } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export interface InvolvedRole {
  unitCode: string;
  role: string;
}

/** An activity of the president's agenda. */
@Entity({ name: 'activity' })
export class Activity extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  title: string;

  @Column('text')
  category: string;

  @Column('text', { name: 'report_category' })
  reportCategory: string;

  @Column('text')
  visibility: ActivityVisibility;

  @Column('text', { nullable: true })
  place: string | null;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text', { name: 'organizer_unit_code' })
  organizerUnitCode: string;

  @Column('text', { name: 'involved_unit_codes', array: true })
  involvedUnitCodes: string[];

  @Column('jsonb', { name: 'involved_roles' })
  involvedRoles: InvolvedRole[];

  @Column('text')
  status: ActivityStatus;

  @Column('text', { name: 'previous_status', nullable: true })
  previousStatus: ActivityStatus | null;

  @Column('timestamptz', { name: 'status_changed_at' })
  statusChangedAt: Date;
}

/** One step of an activity's status history, with its reason. */
@Entity({ name: 'activity_status_change' })
export class ActivityStatusChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'activity_id' })
  activityId: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus: ActivityStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus: ActivityStatus;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text')
  actor: string;

  @Column('integer')
  version: number;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt: Date;
}

/** A municipality's own category, or its change to a default one; it counts as one of the registry's categories. */
@Entity({ name: 'activity_category' })
export class ActivityCategoryRow {
  @PrimaryColumn('text')
  tenant: string;

  @PrimaryColumn('text')
  code: string;

  @Column('text')
  label: string;

  @Column('text', { name: 'report_category' })
  reportCategory: string;

  @Column('boolean')
  active: boolean;
}
