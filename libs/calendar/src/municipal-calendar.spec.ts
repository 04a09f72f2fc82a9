import { MunicipalCalendar } from './municipal-calendar';

describe('MunicipalCalendar', () => {
  const calendar = new MunicipalCalendar([
    { year: 2025, cutoff: '14:00', timeZone: 'America/Mexico_City', holidays: [{ date: '2025-12-25', name: 'Navidad' }] },
    { year: 2026, cutoff: '15:00', timeZone: 'America/Mexico_City', holidays: [{ date: '2026-01-01', name: 'Año Nuevo' }] },
  ]);

  it('skips weekends and the holidays of every year it holds', () => {
    expect(calendar.addBusinessDays('2025-12-24', 1)).toBe('2025-12-26');
    expect(calendar.addBusinessDays('2025-12-31', 1)).toBe('2026-01-02');
    expect(calendar.isBusinessDay('2026-01-01')).toBe(false);
  });

  it('explains a day that does not count', () => {
    expect(calendar.whyNotBusinessDay('2025-12-25')).toBe('Navidad');
    expect(calendar.whyNotBusinessDay('2025-12-27')).toBe('sábado');
    expect(calendar.whyNotBusinessDay('2025-12-28')).toBe('domingo');
    expect(calendar.whyNotBusinessDay('2025-12-26')).toBeNull();
  });

  it('assumes catalog defaults for a year without a calendar', () => {
    expect(calendar.settingsOf(2027)).toEqual({ year: 2027, cutoff: '15:00', timeZone: 'America/Mexico_City', holidays: [] });
    expect(calendar.settingsOf(2025).cutoff).toBe('14:00');
  });
});
