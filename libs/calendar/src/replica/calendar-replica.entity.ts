import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service's copy of one year of a municipality's calendar, kept current from `tequio.catalog.calendar.v1`. */
@Entity({ name: 'calendar_replica' })
export class CalendarReplica {
  @PrimaryColumn('text')
  tenant: string;

  @PrimaryColumn('integer')
  year: number;

  @Column('text')
  cutoff: string;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('jsonb')
  holidays: Array<{ date: string; name: string }>;

  /** Catalog's version of the year: older snapshots arriving late never overwrite newer ones. */
  @Column('integer')
  version: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
