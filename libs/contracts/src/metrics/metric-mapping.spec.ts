import { calendarDay, checkObservation } from './metric-mapping';
import { METRIC_REGISTRY } from './metric-registry';

describe('calendarDay', () => {
  it('counts an evening of 31 March in Mexico City on 31 March, not on the UTC day', () => {
    expect(calendarDay('2025-04-01T02:00:00Z')).toBe('2025-03-31');
    expect(calendarDay('2025-04-01T06:00:00Z')).toBe('2025-04-01');
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
