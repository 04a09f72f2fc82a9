import { DEFAULT_MUNICIPAL_TIME_ZONE } from '@tequio/contracts';

/** Offset of a time zone from UTC at an instant, in minutes (Mexico City: -360). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant a wall-clock time (AAAA-MM-DD, HH:MM) of the municipality stands for. */
export function municipalInstant(day: string, time: string, timeZone: string = DEFAULT_MUNICIPAL_TIME_ZONE): Date {
  const naive = new Date(`${day}T${time}:00.000Z`);
  // Two passes settle days when the offset changes (daylight saving) between the guess and the answer.
  let instant = new Date(naive.getTime() - offsetMinutes(naive, timeZone) * 60_000);
  instant = new Date(naive.getTime() - offsetMinutes(instant, timeZone) * 60_000);
  return instant;
}

/** AAAA-MM-DD plus a number of days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface IsoWeek {
  isoYear: number;
  isoWeek: number;
}

/** `2025-W27`. */
export function isoWeekLabel(week: IsoWeek): string {
  return `${week.isoYear}-W${String(week.isoWeek).padStart(2, '0')}`;
}

export function parseIsoWeek(label: string): IsoWeek {
  const match = /^(\d{4})-W(\d{2})$/.exec(label);
  if (!match) throw new Error(`"${label}" is not an ISO week (AAAA-Wss)`);
  return { isoYear: Number(match[1]), isoWeek: Number(match[2]) };
}

/** Monday of an ISO week, AAAA-MM-DD (ISO 8601: week 1 holds the year's first Thursday). */
export function isoWeekMonday(week: IsoWeek): string {
  const jan4 = new Date(Date.UTC(week.isoYear, 0, 4));
  const mondayOfWeek1 = Date.UTC(week.isoYear, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  return new Date(mondayOfWeek1 + (week.isoWeek - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Thursday of an ISO week: the week belongs to that day's year and month. */
export function isoWeekThursday(week: IsoWeek): string {
  return addDays(isoWeekMonday(week), 3);
}

/** The ISO week a calendar day (AAAA-MM-DD) falls in. */
export function isoWeekOf(day: string): IsoWeek {
  const date = new Date(`${day}T00:00:00.000Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const jan1 = Date.UTC(isoYear, 0, 1);
  return { isoYear, isoWeek: Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1 };
}

/** Weeks in a year: 53 when 28 December falls in week 53. */
export function isoWeeksInYear(isoYear: number): number {
  return isoWeekOf(`${isoYear}-12-28`).isoWeek;
}

export function nextIsoWeek(week: IsoWeek): IsoWeek {
  return week.isoWeek < isoWeeksInYear(week.isoYear) ? { isoYear: week.isoYear, isoWeek: week.isoWeek + 1 } : { isoYear: week.isoYear + 1, isoWeek: 1 };
}

export function compareIsoWeeks(a: IsoWeek, b: IsoWeek): number {
  return a.isoYear - b.isoYear || a.isoWeek - b.isoWeek;
}
