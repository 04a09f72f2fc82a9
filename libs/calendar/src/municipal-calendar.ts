import { addBusinessDays, dayNumber, isBusinessDay, isWeekend, weekdayOfDayNumber } from './business-days';

/** What catalog assumes of a year without a registered calendar: weekends only, 15:00 cut-off, Mexico City. */
export const DEFAULT_CUTOFF = '15:00';
export const DEFAULT_TIME_ZONE = 'America/Mexico_City';

export interface CalendarYearSettings {
  year: number;
  /** HH:MM local time: what arrives later counts as received the next business day. */
  cutoff: string;
  timeZone: string;
  /** Non-working days besides weekends, with their names. */
  holidays: ReadonlyArray<{ date: string; name: string }>;
}

/**
 * A municipality's calendar over some years, as a service knows it from its replica of
 * `tequio.catalog.calendar.v1`: pure, so deadline rules can be tested without a database.
 */
export class MunicipalCalendar {
  readonly holidays: ReadonlySet<string>;
  private readonly names: ReadonlyMap<string, string>;
  private readonly byYear: ReadonlyMap<number, CalendarYearSettings>;

  constructor(years: Iterable<CalendarYearSettings>) {
    const list = [...years];
    this.byYear = new Map(list.map((settings) => [settings.year, settings]));
    this.names = new Map(list.flatMap((settings) => settings.holidays.map((holiday) => [holiday.date, holiday.name] as const)));
    this.holidays = new Set(this.names.keys());
  }

  settingsOf(year: number): CalendarYearSettings {
    return this.byYear.get(year) ?? { year, cutoff: DEFAULT_CUTOFF, timeZone: DEFAULT_TIME_ZONE, holidays: [] };
  }

  private holidayDayNumbers: ReadonlySet<number> | undefined;

  /** `isBusinessDay` on a day number (days since 1970-01-01): the fast path of bulk due-date recomputations. */
  isBusinessDayNumber(day: number): boolean {
    this.holidayDayNumbers ??= new Set([...this.holidays].map(dayNumber));
    const weekday = weekdayOfDayNumber(day);
    return weekday !== 0 && weekday !== 6 && !this.holidayDayNumbers.has(day);
  }

  isBusinessDay(date: string): boolean {
    return isBusinessDay(date, this.holidays);
  }

  addBusinessDays(from: string, days: number): string {
    return addBusinessDays(from, days, this.holidays);
  }

  /** Why a day does not count: `sábado`/`domingo`, the holiday's name, or null for a business day. */
  whyNotBusinessDay(date: string): string | null {
    if (isWeekend(date)) return new Date(`${date}T12:00:00Z`).getUTCDay() === 6 ? 'sábado' : 'domingo';
    return this.names.get(date) ?? null;
  }
}
