import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A dependency's weekly agenda for one ISO week. */
@Entity({ name: 'weekly_submission' })
export class WeeklySubmission extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('integer', { name: 'iso_year' })
  isoYear: number;

  @Column('integer', { name: 'iso_week' })
  isoWeek: number;

  @Column('date', { name: 'week_thursday' })
  weekThursday: string;

  @Column('text', { nullable: true })
  content: string | null;

  @Column('integer', { name: 'attachment_count', default: 0 })
  attachmentCount: number;

  /** When it was first received; corrections keep it. */
  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;

  @Column('timestamptz')
  deadline: Date;

  @Column('boolean', { name: 'on_time' })
  onTime: boolean;

  @Column('text', { name: 'submitted_by' })
  submittedBy: string;
}

/** Who had to submit a week's agenda, fixed when its deadline passed, and who is still missing. */
@Entity({ name: 'weekly_roster' })
export class WeeklyRosterRow extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('integer', { name: 'iso_year' })
  isoYear: number;

  @Column('integer', { name: 'iso_week' })
  isoWeek: number;

  @Column('date', { name: 'week_thursday' })
  weekThursday: string;

  @Column('timestamptz')
  deadline: Date;

  @Column('text', { name: 'expected_unit_codes', array: true })
  expectedUnitCodes: string[];

  @Column('text', { name: 'missing_unit_codes', array: true })
  missingUnitCodes: string[];
}
