import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export { DEFAULT_CUTOFF, DEFAULT_TIME_ZONE } from '@tequio/calendar';
import { DEFAULT_CUTOFF, DEFAULT_TIME_ZONE } from '@tequio/calendar';

/** A municipality's calendar for one year: its office-hours cut-off (holidays are CalendarHoliday rows). */
@Entity({ name: 'calendar_year' })
export class CalendarYear extends VersionedRecord {
  @PrimaryColumn('text')
  tenant: string;

  @PrimaryColumn('integer')
  year: number;

  /** HH:MM local time: a request received later counts as received the next business day. */
  @Column('text', { default: DEFAULT_CUTOFF })
  cutoff: string;

  @Column('text', { name: 'time_zone', default: DEFAULT_TIME_ZONE })
  timeZone: string;
}

/** A non-working day besides Saturdays and Sundays (día inhábil). */
@Entity({ name: 'calendar_holiday' })
export class CalendarHoliday {
  @PrimaryColumn('text')
  tenant: string;

  @PrimaryColumn('date')
  date: string;

  @Column('integer')
  year: number;

  @Column('text')
  name: string;
}
