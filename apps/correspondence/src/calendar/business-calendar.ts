import { Injectable } from '@nestjs/common';
import { CalendarReplicaRepository } from '@tequio/calendar';
import { EntityManager } from 'typeorm';

/** Where response due dates come from: the municipality's non-working days. */
export abstract class BusinessCalendar {
  /** The day `days` business days after `from` (AAAA-MM-DD, the municipality's calendar day). */
  abstract addBusinessDays(tenant: string, from: string, days: number, manager?: EntityManager): Promise<string>;
}

/** Business days of the municipality's calendar replicated from catalog (years without one: weekends only). */
@Injectable()
export class ReplicatedCalendar extends BusinessCalendar {
  constructor(private readonly calendars: CalendarReplicaRepository) {
    super();
  }

  async addBusinessDays(tenant: string, from: string, days: number, manager?: EntityManager): Promise<string> {
    const year = Number(from.slice(0, 4));
    // A term of up to 120 business days ends within the next year.
    const calendar = await this.calendars.calendarOf(tenant, year, year + 1, manager);
    return calendar.addBusinessDays(from, days);
  }
}
