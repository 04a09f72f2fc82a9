import { isoWeekLabel, isoWeekMonday, isoWeekOf, isoWeeksInYear, isoWeekThursday, municipalInstant, nextIsoWeek } from './municipal-time';

describe('municipal time', () => {
  it('turns a Mexico City wall-clock time into its instant', () => {
    expect(municipalInstant('2025-06-29', '23:59').toISOString()).toBe('2025-06-30T05:59:00.000Z');
  });

  it('knows the ISO weeks of the seed quarter: week 27 runs from 30 June to 6 July 2025', () => {
    expect(isoWeekMonday({ isoYear: 2025, isoWeek: 27 })).toBe('2025-06-30');
    expect(isoWeekThursday({ isoYear: 2025, isoWeek: 27 })).toBe('2025-07-03');
    expect(isoWeekOf('2025-07-06')).toEqual({ isoYear: 2025, isoWeek: 27 });
    expect(isoWeekOf('2025-06-29')).toEqual({ isoYear: 2025, isoWeek: 26 });
  });

  it('handles weeks that straddle years', () => {
    expect(isoWeekOf('2024-12-30')).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeekLabel(nextIsoWeek({ isoYear: 2025, isoWeek: 52 }))).toBe('2026-W01');
  });
});
