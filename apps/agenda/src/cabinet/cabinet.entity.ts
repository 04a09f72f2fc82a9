import { AgreementStatus, CabinetMeetingStatus } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A cabinet meeting (reunión de gabinete); its minute number is consecutive per year. */
@Entity({ name: 'cabinet_meeting' })
export class CabinetMeeting extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('integer')
  year: number;

  @Column('date', { name: 'meeting_date' })
  date: string;

  @Column('text', { nullable: true })
  place: string | null;

  @Column('text')
  status: CabinetMeetingStatus;

  @Column('integer', { name: 'minute_number', nullable: true })
  minuteNumber: number | null;
}

/** A unit on a meeting's attendance list, with the role of whoever represented it. */
@Entity({ name: 'cabinet_attendance' })
export class CabinetAttendance {
  @PrimaryColumn('uuid', { name: 'meeting_id' })
  meetingId: string;

  @PrimaryColumn('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text')
  role: string;
}

/** An agreement (acuerdo) of a meeting: who answers for it, by when, and how it stands. */
@Entity({ name: 'cabinet_agreement' })
export class CabinetAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'meeting_id' })
  meetingId: string;

  @Column('text')
  tenant: string;

  @Column('text')
  description: string;

  @Column('text', { name: 'responsible_unit_code' })
  responsibleUnitCode: string;

  @Column('date', { name: 'due_date' })
  dueDate: string;

  @Column('text')
  status: AgreementStatus;

  /** When the responsible unit was told the agreement is overdue (once per due date). */
  @Column('timestamptz', { name: 'overdue_notified_at', nullable: true })
  overdueNotifiedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
