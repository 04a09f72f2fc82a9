import { METRIC_DIMENSION_TYPES, METRIC_SERVICES } from '@tequio/contracts';
import { SEED } from '../migrations/1763700003100-metric-registry';
import { REPORT_METRICS } from '../migrations/1763700003400-metric-registry-report-metrics';

/** The registry is only written by migrations: their rows must be what formula validation expects. */
describe('metric registry seed (migrations)', () => {
  const all = [...SEED, ...REPORT_METRICS];

  it('names each metric service.object.action after the service that counts it, once', () => {
    for (const metric of all) {
      expect(metric.name).toMatch(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,}$/);
      expect(metric.name.startsWith(`${metric.service}.`)).toBe(true);
      expect(METRIC_SERVICES).toContain(metric.service);
      expect(metric.description.trim().length).toBeGreaterThan(0);
    }
    expect(new Set(all.map((metric) => metric.name)).size).toBe(all.length);
  });

  it('gives dimensions a camelCase name, a known type, and values exactly when they are an enum', () => {
    for (const metric of all) {
      const dimensions = metric.dimensions as { name: string; type: string; values?: string[] }[];
      expect(new Set(dimensions.map((d) => d.name)).size).toBe(dimensions.length);
      for (const dimension of dimensions) {
        expect(dimension.name).toMatch(/^[a-z][A-Za-z0-9]{0,49}$/);
        expect(METRIC_DIMENSION_TYPES).toContain(dimension.type);
        if (dimension.type === 'enum') expect(dimension.values?.length).toBeGreaterThan(0);
        else expect(dimension.values).toBeUndefined();
      }
    }
  });

  it('covers what the seed reports count', () => {
    const names = new Set(all.map((metric) => metric.name));
    const byName = new Map(all.map((metric) => [metric.name, (metric.dimensions as { name: string }[]).map((d) => d.name)]));
    // Oficina de la Presidencia: 12 alliances, 3 twinnings, 13 cabinet meetings, weekly agendas received vs expected.
    for (const name of ['agenda.alliances.signed', 'agenda.twinnings.signed', 'agenda.cabinet_meetings.held', 'agenda.weekly_submissions.received', 'agenda.weekly_submissions.expected']) {
      expect(names).toContain(name);
    }
    // Unidad de Transparencia: oficios of turn and of answer per month.
    expect(byName.get('transparency.oficios.turned')).toEqual(expect.arrayContaining(['unit', 'month']));
    expect(byName.get('transparency.oficios.answered')).toEqual(expect.arrayContaining(['unit', 'month']));
    // Secretaría Particular: designations, hearing outcomes and agenda categories are filters of existing metrics.
    expect(byName.get('correspondence.documents.turned')).toContain('requiresResponse');
    expect(byName.get('correspondence.hearings.received')).toEqual(expect.arrayContaining(['outcome', 'requesterCategory']));
    expect(byName.get('agenda.activities.held')).toContain('category');
  });
});
