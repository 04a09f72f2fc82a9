import { addBusinessDays, addCalendarDays, dayNumber, isWeekend, weekdayOf, weekdayOfDayNumber, yearSummary } from './business-days';

/*
 * The expectations are properties of the answer, checked with the platform's own Date (an independent oracle),
 * not dates worked out by hand.
 */
const weekdayByDate = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const oracleIsBusinessDay = (date: string, holidays: ReadonlySet<string>) =>
  weekdayByDate(date) !== 0 && weekdayByDate(date) !== 6 && !holidays.has(date);

function datesBetween(fromExclusive: string, toInclusive: string): string[] {
  const dates: string[] = [];
  for (let d = new Date(`${fromExclusive}T00:00:00Z`); ; ) {
    d = new Date(d.getTime() + 86_400_000);
    const iso = d.toISOString().slice(0, 10);
    if (iso > toInclusive) return dates;
    dates.push(iso);
  }
}

// Holidays spread around a year end and on a weekend, to exercise every branch.
const holidays = new Set(['2025-09-16', '2025-11-17', '2025-12-25', '2025-12-26', '2026-01-01', '2026-01-02', '2025-12-27']);

describe('addBusinessDays', () => {
  const starts = datesBetween('2025-08-31', '2026-01-10');

  it.each([1, 2, 5, 10, 15, 20, 30])('lands on a business day with exactly %i business days after `from` up to it', (days) => {
    for (const from of starts) {
      const result = addBusinessDays(from, days, holidays);
      expect(oracleIsBusinessDay(result, holidays)).toBe(true);
      const counted = datesBetween(from, result).filter((date) => oracleIsBusinessDay(date, holidays));
      expect({ from, counted: counted.length }).toEqual({ from, counted: days });
    }
  });

  it('counts day one as the next business day after `from`, even when `from` is itself a non-working day', () => {
    for (const from of starts) {
      const first = addBusinessDays(from, 1, holidays);
      expect(first > from).toBe(true);
      const skipped = datesBetween(from, first).slice(0, -1);
      expect(skipped.every((date) => !oracleIsBusinessDay(date, holidays))).toBe(true);
    }
  });

  it('skips a holiday: with it the answer is one business day later than without it', () => {
    const from = '2025-09-10';
    const without = addBusinessDays(from, 10, new Set());
    const withHoliday = addBusinessDays(from, 10, new Set(['2025-09-16']));
    expect(withHoliday).toBe(addBusinessDays(without, 1, new Set()));
  });

  it('returns `from` for zero days and refuses negative or fractional days', () => {
    expect(addBusinessDays('2025-09-13', 0, holidays)).toBe('2025-09-13');
    expect(() => addBusinessDays('2025-09-13', -1, holidays)).toThrow(RangeError);
    expect(() => addBusinessDays('2025-09-13', 1.5, holidays)).toThrow(RangeError);
  });

  it('refuses a date that does not exist', () => {
    expect(() => addBusinessDays('2025-02-30', 1, holidays)).toThrow(RangeError);
    expect(() => dayNumber('16/09/2025')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('agree with Date on weekdays and weekends across several years', () => {
    for (const date of datesBetween('2023-12-31', '2028-01-01')) {
      expect(isWeekend(date)).toBe(weekdayByDate(date) === 0 || weekdayByDate(date) === 6);
      expect(['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'].indexOf(weekdayOf(date))).toBe(weekdayByDate(date));
    }
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('yearSummary', () => {
  it.each([2024, 2025, 2026])('%i: counts agree with a day-by-day walk and add up', (year) => {
    const days = datesBetween(`${year - 1}-12-31`, `${year}-12-31`);
    const summary = yearSummary(year, holidays);
    const inYear = [...holidays].filter((date) => date.startsWith(`${year}-`));
    expect(summary.calendarDays).toBe(days.length);
    expect(summary.weekendDays).toBe(days.filter((date) => [0, 6].includes(weekdayByDate(date))).length);
    expect(summary.businessDays).toBe(days.filter((date) => oracleIsBusinessDay(date, holidays)).length);
    expect(summary.holidays).toBe(inYear.length);
    expect(summary.holidaysOnWeekdays).toBe(inYear.filter((date) => ![0, 6].includes(weekdayByDate(date))).length);
    expect(summary.businessDays + summary.weekendDays + summary.holidaysOnWeekdays).toBe(summary.calendarDays);
  });
});

describe('weekdayOfDayNumber', () => {
  it('agrees with the platform Date on every day of two years', () => {
    for (const date of datesBetween('2024-12-31', '2026-12-31')) {
      expect(weekdayOfDayNumber(dayNumber(date))).toBe(weekdayByDate(date));
    }
  });
});
