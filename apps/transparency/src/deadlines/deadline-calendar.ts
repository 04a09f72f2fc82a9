import { Injectable } from '@nestjs/common';
import { CalendarReplicaRepository, MunicipalCalendar } from '@tequio/calendar';
import { EntityManager } from 'typeorm';

/** The municipality's calendar around a receipt: its year, the one before (time zones) and the next (long terms). */
@Injectable()
export class DeadlineCalendar {
  constructor(private readonly calendars: CalendarReplicaRepository) {}

  around(tenant: string, year: number, manager?: EntityManager): Promise<MunicipalCalendar> {
    return this.calendars.calendarOf(tenant, year - 1, year + 1, manager);
  }

  /** Calendar spanning every year from `fromYear` to `toYear` + 1. */
  spanning(tenant: string, fromYear: number, toYear: number, manager?: EntityManager): Promise<MunicipalCalendar> {
    return this.calendars.calendarOf(tenant, fromYear - 1, toYear + 1, manager);
  }
}
