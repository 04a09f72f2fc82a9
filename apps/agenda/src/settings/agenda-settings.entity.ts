import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How a municipality runs its agenda: who manages it, and which dependencies owe a weekly agenda by when. */
@Entity({ name: 'agenda_settings' })
export class AgendaSettings extends VersionedRecord {
  @PrimaryColumn('text')
  tenant: string;

  /** Units of the president's office: their staff manage the agenda and the cabinet meetings. */
  @Column('text', { name: 'office_unit_codes', array: true })
  officeUnitCodes: string[];

  /** Dependencies that must submit a weekly agenda. */
  @Column('text', { name: 'expected_unit_codes', array: true })
  expectedUnitCodes: string[];

  /** ISO weekday of the deadline, 1 = lunes … 7 = domingo. */
  @Column('integer', { name: 'deadline_weekday' })
  deadlineWeekday: number;

  /** HH:MM, municipal time. */
  @Column('text', { name: 'deadline_time' })
  deadlineTime: string;

  /** -1: the deadline falls in the week before the agenda's week; 0: in the same week. */
  @Column('integer', { name: 'deadline_week_offset' })
  deadlineWeekOffset: number;

  /** First ISO week (AAAA-Wss) whose roster of expected agendas is kept. */
  @Column('text', { name: 'rosters_from' })
  rostersFrom: string;
}
