import { calendarDay, checkObservation } from './metric-mapping';
import { METRIC_REGISTRY } from './metric-registry';

describe('calendarDay', () => {
  it('counts an evening of 31 March in Mexico City on 31 March, not on the UTC day', () => {
    expect(calendarDay('2025-04-01T02:00:00Z')).toBe('2025-03-31');
    expect(calendarDay('2025-04-01T06:00:00Z')).toBe('2025-04-01');
  });

  it('gives the day Intl gives, across offset changes, half- and quarter-hour zones and a skipped day', () => {
    const cases: [string, string, string][] = [
      ['America/Mexico_City', '2022-10-28T00:00:00Z', '2022-11-01T00:00:00Z'],
      ['America/Tijuana', '2025-03-08T00:00:00Z', '2025-03-10T12:00:00Z'],
      ['America/Tijuana', '2025-11-01T00:00:00Z', '2025-11-03T12:00:00Z'],
      ['Australia/Lord_Howe', '2025-04-04T00:00:00Z', '2025-04-07T00:00:00Z'],
      ['Asia/Kathmandu', '2025-06-30T00:00:00Z', '2025-07-02T00:00:00Z'],
      ['America/St_Johns', '2025-11-01T00:00:00Z', '2025-11-03T00:00:00Z'],
      // Back from -2:30 to -3:30 at 00:01 local, at 02:31 UTC: the day changes inside a UTC hour.
      ['America/St_Johns', '2010-11-06T12:00:00Z', '2010-11-07T12:00:00Z'],
      ['Pacific/Apia', '2011-12-29T00:00:00Z', '2011-12-31T00:00:00Z'],
    ];
    for (const [timeZone, from, to] of cases) {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const mismatches: string[] = [];
      // Every 7 minutes and 13 seconds, so the probes fall at many offsets within each hour.
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += 433_000) {
        for (const instant of [new Date(ms), new Date(ms + 999)]) {
          if (calendarDay(instant, timeZone) !== intl.format(instant)) mismatches.push(`${timeZone} ${instant.toISOString()}`);
        }
      }
      expect(mismatches).toEqual([]);
    }
  });

  it('handles instants outside years 1000 to 9999 and refuses an invalid one as before', () => {
    expect(calendarDay('0500-06-01T12:00:00Z', 'UTC')).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date('0500-06-01T12:00:00Z')));
    expect(() => calendarDay('not a date')).toThrow(RangeError);
  });
});

describe('checkObservation', () => {
  const held = { metric: 'agenda.activities.held', day: '2025-07-01', value: 1 };

  it('accepts an observation with every declared dimension in range', () => {
    expect(checkObservation({ ...held, dimensions: { unit: '402', category: 'dialogo_vecinal' } })).toEqual([]);
  });

  it('names an unknown metric, a missing, an undeclared and an out-of-range dimension', () => {
    expect(checkObservation({ ...held, metric: 'agenda.nothing.done', dimensions: {} })).toEqual([
      'metric "agenda.nothing.done" is not in the registry',
    ]);
    expect(checkObservation({ ...held, dimensions: { unit: '402', category: 'dialogos', colour: 'red' } })).toEqual([
      'agenda.activities.held: dimension "colour" is not declared',
      'agenda.activities.held: "dialogos" is not a valid value of dimension "category"',
    ]);
    expect(checkObservation({ ...held, dimensions: { category: 'recorrido' } })).toEqual([
      'agenda.activities.held: dimension "unit" is missing',
    ]);
    expect(
      checkObservation({ metric: 'transparency.oficios.turned', day: '2025-07-01', value: 1, dimensions: { unit: '801', month: 13, procedure: 'solicitud' } }),
    ).toEqual(['transparency.oficios.turned: 13 is not a valid value of dimension "month"']);
  });

  it('registry names follow <service>.<thing>.<event> and belong to their service', () => {
    for (const metric of METRIC_REGISTRY) {
      expect(metric.name).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2}$/);
      expect(metric.name.startsWith(`${metric.service}.`)).toBe(true);
    }
    expect(new Set(METRIC_REGISTRY.map((metric) => metric.name)).size).toBe(METRIC_REGISTRY.length);
  });
});
