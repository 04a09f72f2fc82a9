import { checkObservation, findMetricMapping, METRIC_REGISTRY } from '../metrics';
import { AGENDA_METRIC_MAPPINGS } from './agenda-metrics';
import {
  ActivityScheduled,
  ActivityStatusChanged,
  ActivityUpdated,
  AGENDA_EVENTS,
  AllianceCancelled,
  AllianceSigned,
  AllianceUpdated,
  CabinetMeetingCancelled,
  CabinetMeetingHeld,
  CabinetMeetingUpdated,
  WeeklyRosterClosed,
  WeeklySubmissionReceived,
} from './agenda';

const context = { timeZone: 'America/Mexico_City' };

function observe<T>(definition: { type: string; example: T }, data: T) {
  const mapping = findMetricMapping(definition.type);
  if (!mapping) throw new Error(`no mapping for ${definition.type}`);
  return mapping.observe(data, context);
}

describe('agenda metric mappings', () => {
  it('declares a mapping for every agenda event, and every example observation fits the registry', () => {
    for (const definition of AGENDA_EVENTS) {
      const mapping = findMetricMapping(definition.type);
      expect(mapping?.event).toBe(definition);
      if (!mapping) throw new Error(`no mapping for ${definition.type}`);
      const record = mapping.observe(definition.example, context);
      expect(record.version).toBe((definition.example as { version: number }).version);
      for (const observation of record.observations) expect(checkObservation(observation)).toEqual([]);
    }
  });

  it('makes every agenda.* metric of the registry countable by at least one event', () => {
    const agendaMetrics = METRIC_REGISTRY.filter((metric) => metric.service === 'agenda').map((metric) => metric.name);
    const observed = new Set<string>();
    for (const mapping of AGENDA_METRIC_MAPPINGS) {
      const example = mapping.event.example as Record<string, unknown>;
      // Examples show one state; the held/vigente states are the ones that count.
      for (const variant of [example, { ...example, status: 'realizada' }, { ...example, status: 'celebrada' }, { ...example, kind: 'alianza' }]) {
        if (!mapping.event.data.safeParse(variant).success) continue;
        for (const observation of mapping.observe(variant, context).observations) if (observation.metric.startsWith('agenda.')) observed.add(observation.metric);
      }
    }
    expect([...observed].sort()).toEqual([...agendaMetrics].sort());
  });

  it('counts an activity as held only while realizada, in its current category, on its local day', () => {
    const scheduled = { ...ActivityScheduled.example, startsAt: '2025-08-01T02:30:00.000Z' };
    expect(observe(ActivityScheduled, scheduled).observations).toEqual([]);
    const held = { ...scheduled, status: 'realizada' as const, previousStatus: 'confirmada' as const, version: 3 };
    expect(observe(ActivityStatusChanged, held)).toEqual({
      recordKey: `agenda.activity/${scheduled.activityId}`,
      version: 3,
      observations: [{ metric: 'agenda.activities.held', day: '2025-07-31', dimensions: { unit: '402', category: 'dialogo_vecinal' }, value: 1 }],
    });
    const reclassified = { ...held, category: 'recorrido_colonias', reportCategory: 'recorrido' as const, version: 4 };
    expect(observe(ActivityUpdated, reclassified).observations).toEqual([
      { metric: 'agenda.activities.held', day: '2025-07-31', dimensions: { unit: '402', category: 'recorrido' }, value: 1 },
    ]);
    const cancelled = { ...held, status: 'cancelada' as const, version: 5 };
    expect(observe(ActivityStatusChanged, cancelled)).toMatchObject({ version: 5, observations: [] });
  });

  it('counts a held meeting and one attendance per unit; a cancelled meeting counts nothing', () => {
    const held = {
      ...CabinetMeetingHeld.example,
      attendance: [
        { unitCode: '402', role: 'Titular' },
        { unitCode: '402', role: 'Enlace' },
        { unitCode: '501', role: 'Titular' },
      ],
    };
    const observations = observe(CabinetMeetingHeld, held).observations;
    expect(observations.map((o) => [o.metric, o.dimensions])).toEqual([
      ['agenda.cabinet_meetings.held', {}],
      ['agenda.cabinet_attendances.recorded', { unit: '402' }],
      ['agenda.cabinet_attendances.recorded', { unit: '501' }],
    ]);
    const smaller = { ...held, attendance: [{ unitCode: '501', role: 'Titular' }], version: held.version + 1 };
    expect(observe(CabinetMeetingUpdated, smaller).observations).toHaveLength(2);
    expect(observe(CabinetMeetingCancelled, { ...held, status: 'cancelada', version: 9 }).observations).toEqual([]);
  });

  it('counts weekly agendas received (on time or late) and expected in the month of the week’s Thursday', () => {
    const late = { ...WeeklySubmissionReceived.example, isoWeek: 14, weekThursday: '2025-04-03', onTime: false };
    expect(observe(WeeklySubmissionReceived, late).observations).toEqual([
      { metric: 'agenda.weekly_submissions.received', day: '2025-04-03', dimensions: { unit: '402', onTime: false }, value: 1 },
    ]);
    const roster = { ...WeeklyRosterClosed.example, expectedUnitCodes: ['402', '501'] };
    expect(observe(WeeklyRosterClosed, roster).observations.map((o) => o.dimensions.unit)).toEqual(['402', '501']);
  });

  it('counts alliances and twinnings by kind; a corrected kind moves the count; a cancelled one counts nothing', () => {
    const twinning = AllianceSigned.example;
    expect(observe(AllianceSigned, twinning).observations.map((o) => o.metric)).toEqual(['agenda.twinnings.signed']);
    expect(observe(AllianceUpdated, { ...twinning, kind: 'alianza', version: 2 }).observations.map((o) => o.metric)).toEqual(['agenda.alliances.signed']);
    expect(observe(AllianceCancelled, { ...twinning, status: 'cancelada', version: 3 }).observations).toEqual([]);
  });
});
