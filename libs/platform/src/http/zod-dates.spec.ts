import { calendarDate, isoWeekText, zonedInstant } from './zod-dates';

describe('dates within the platform years', () => {
  it('accepts days, instants and weeks of 2000–2100 and refuses other years with the reason', () => {
    expect(calendarDate().safeParse('2025-07-01').success).toBe(true);
    expect(zonedInstant('instante').safeParse('2025-07-01T10:00:00-06:00').success).toBe(true);
    expect(isoWeekText().safeParse('2025-W27').success).toBe(true);
    for (const [schema, value] of [
      [calendarDate(), '0125-05-02'],
      [zonedInstant('instante'), '1999-12-31T10:00:00-06:00'],
      [isoWeekText(), '0000-W01'],
      [calendarDate(), '2101-01-01'],
    ] as const) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe('el año debe estar entre 2000 y 2100');
    }
    expect(calendarDate('fecha AAAA-MM-DD').safeParse('2025-13-01').error?.issues[0].message).toBe('fecha AAAA-MM-DD');
  });
});
