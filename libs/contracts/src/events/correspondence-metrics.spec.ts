import { checkObservation, MetricObservation } from '../metrics/metric-mapping';
import { findMetricMapping, METRIC_MAPPINGS } from '../metrics/metric-mappings';
import { METRIC_REGISTRY } from '../metrics/metric-registry';
import { CORRESPONDENCE_EVENTS, DocumentAnswered, DocumentReassigned, DocumentSnapshot, HearingSnapshot, HearingUpdated } from './correspondence';
import { documentObservations, hearingObservations } from './correspondence-metrics';

const context = { timeZone: 'America/Mexico_City' };
const summary = (observations: MetricObservation[]) => observations.map((o) => `${o.metric} ${o.day} ${JSON.stringify(o.dimensions)}`).sort();

describe('correspondence metric mappings', () => {
  it('maps every correspondence event, and every observation of every example fits the registry', () => {
    for (const event of CORRESPONDENCE_EVENTS) {
      const mapping = findMetricMapping(event.type);
      expect(mapping).toBeDefined();
      const { observations } = mapping!.observe(event.example, context);
      for (const observation of observations) expect(checkObservation(observation)).toEqual([]);
    }
  });

  it('makes every correspondence.* metric of the registry observable by some event example', () => {
    const observed = new Set(
      METRIC_MAPPINGS.filter((m) => m.event.type.startsWith('tequio.correspondence.')).flatMap((m) =>
        m.observe(m.event.example, context).observations.map((o) => o.metric),
      ),
    );
    const declared = METRIC_REGISTRY.filter((metric) => metric.service === 'correspondence').map((metric) => metric.name);
    expect(declared.length).toBeGreaterThan(0);
    for (const name of declared) expect(observed).toContain(name);
  });

  const answered = DocumentAnswered.example as DocumentSnapshot;

  it('counts a document as received on its Mexico City day, and each turn for its unit', () => {
    const late: DocumentSnapshot = { ...answered, receivedAt: '2025-10-01T03:30:00.000Z' };
    expect(summary(documentObservations(late, context.timeZone).observations)).toEqual([
      'correspondence.documents.answered 2025-07-10 {"unit":"801","requiresResponse":true}',
      'correspondence.documents.received 2025-09-30 {"unit":"402","requiresResponse":true}',
      'correspondence.documents.turned 2025-07-02 {"unit":"801","requiresResponse":true}',
    ]);
    expect(documentObservations(late, context.timeZone)).toMatchObject({ recordKey: `correspondence.document/${answered.documentId}`, version: answered.version });
  });

  it('moves a reassigned turn to its new unit and drops the old one', () => {
    const observations = documentObservations(DocumentReassigned.example as DocumentSnapshot, context.timeZone).observations;
    const turned = observations.filter((o) => o.metric === 'correspondence.documents.turned');
    expect(turned.map((o) => o.dimensions['unit'])).toEqual(['305']);
  });

  it('moves a reclassified document (now a designation) to requiresResponse=false', () => {
    const designation: DocumentSnapshot = {
      ...answered,
      requiresResponse: false,
      turns: answered.turns.map((turn) => ({ ...turn, requiresResponse: false, answeredAt: null, status: 'concluido_sin_respuesta' as const })),
      version: answered.version + 1,
    };
    const observations = documentObservations(designation, context.timeZone).observations;
    expect(observations.every((o) => o.dimensions['requiresResponse'] === false)).toBe(true);
    expect(observations.map((o) => o.metric).sort()).toEqual(['correspondence.documents.received', 'correspondence.documents.turned']);
  });

  it('observes nothing for a cancelled document or hearing', () => {
    expect(documentObservations({ ...answered, status: 'cancelado', version: 9 }, context.timeZone)).toEqual({
      recordKey: `correspondence.document/${answered.documentId}`,
      version: 9,
      observations: [],
    });
    const hearing = HearingUpdated.example as HearingSnapshot;
    expect(hearingObservations({ ...hearing, cancelled: true }).observations).toEqual([]);
  });

  it('counts a hearing as received when requested, and as attended only once attended', () => {
    const hearing = HearingUpdated.example as HearingSnapshot;
    expect(summary(hearingObservations(hearing).observations)).toEqual([
      'correspondence.hearings.attended 2025-07-19 {"unit":"402","outcome":"dialogo_vecinal","requesterCategory":"grupo"}',
      'correspondence.hearings.received 2025-07-08 {"unit":"402","outcome":"dialogo_vecinal","requesterCategory":"grupo"}',
    ]);
    const inProcess = hearingObservations({ ...hearing, outcome: 'en_proceso', attendedOn: null }).observations;
    expect(inProcess.map((o) => o.metric)).toEqual(['correspondence.hearings.received']);
    // Reclassified: the new outcome replaces the old one in every observation.
    const byPresident = hearingObservations({ ...hearing, outcome: 'presidente', version: 3 }).observations;
    expect(byPresident.every((o) => o.dimensions['outcome'] === 'presidente')).toBe(true);
  });
});
