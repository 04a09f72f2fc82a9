import { Injectable } from '@nestjs/common';
import { addBusinessDays } from '@tequio/calendar';

/** Where response due dates come from: the municipality's non-working days. */
export abstract class BusinessCalendar {
  /** The day `days` business days after `from` (AAAA-MM-DD, the municipality's calendar day). */
  abstract addBusinessDays(tenant: string, from: string, days: number): Promise<string>;
}

/** Weekends only, until the municipality's calendar of holidays is replicated here. */
@Injectable()
export class WeekendOnlyCalendar extends BusinessCalendar {
  async addBusinessDays(_tenant: string, from: string, days: number): Promise<string> {
    return addBusinessDays(from, days, new Set());
  }
}
