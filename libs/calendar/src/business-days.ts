/*
 * Business-day arithmetic on calendar dates (AAAA-MM-DD), pure and time-zone free: a date is a day of the
 * municipality's calendar, never an instant. Saturdays and Sundays never count; neither do the holidays given.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_LABELS = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'] as const;
export type WeekdayLabel = (typeof WEEKDAY_LABELS)[number];

/** Days since 1970-01-01 of a valid AAAA-MM-DD date; throws on anything else (e.g. 2025-02-30). */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not an AAAA-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

export function fromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

export function weekdayOf(date: string): WeekdayLabel {
  return WEEKDAY_LABELS[new Date(dayNumber(date) * DAY_MS).getUTCDay()];
}

/** Weekday of a day number (0 = Sunday … 6 = Saturday) without building a Date: 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isBusinessDay(date: string, holidays: ReadonlySet<string>): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * The date `days` business days after `from`: day one is the first business day after `from` (whatever `from`
 * itself is). `days` = 0 gives `from`. Holidays are the non-working days besides weekends, of any year.
 */
export function addBusinessDays(from: string, days: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0: ${days}`);
  let day = dayNumber(from);
  for (let counted = 0; counted < days; ) {
    day += 1;
    if (isBusinessDay(fromDayNumber(day), holidays)) counted += 1;
  }
  return fromDayNumber(day);
}

export interface YearSummary {
  calendarDays: number;
  weekendDays: number;
  /** Holidays registered for the year, wherever they fall. */
  holidays: number;
  /** Holidays on Monday to Friday: the ones that remove a business day. */
  holidaysOnWeekdays: number;
  businessDays: number;
}

/** Counts of the year's days; dates outside the year are ignored. */
export function yearSummary(year: number, holidays: Iterable<string>): YearSummary {
  const inYear = new Set([...holidays].filter((date) => yearOf(date) === year));
  const first = dayNumber(`${year}-01-01`);
  const next = dayNumber(`${year + 1}-01-01`);
  let weekendDays = 0;
  let businessDays = 0;
  for (let day = first; day < next; day++) {
    const date = fromDayNumber(day);
    if (isWeekend(date)) weekendDays += 1;
    else if (!inYear.has(date)) businessDays += 1;
  }
  const holidaysOnWeekdays = [...inYear].filter((date) => !isWeekend(date)).length;
  return { calendarDays: next - first, weekendDays, holidays: inYear.size, holidaysOnWeekdays, businessDays };
}
