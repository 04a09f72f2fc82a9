import { calendarDay, defineMetricMapping, MetricMapping, MetricObservation, RecordObservations } from '../metrics/metric-mapping';
import { DOCUMENT_EVENTS, DocumentSnapshot, HEARING_EVENTS, HearingSnapshot } from './correspondence';

/**
 * How the front desk's events count toward the `correspondence.*` metrics. Every event carries the whole record,
 * so each mapping observes the record as it is now: a cancelled record observes nothing, a reassigned turn counts
 * for its new unit only, a reclassified one (e.g. now a designation) under its new `requiresResponse`.
 */
export function documentObservations(document: DocumentSnapshot, timeZone: string): RecordObservations {
  const observations: MetricObservation[] = [];
  if (document.status !== 'cancelado') {
    observations.push({
      metric: 'correspondence.documents.received',
      day: calendarDay(document.receivedAt, timeZone),
      dimensions: { unit: document.deskUnitCode, requiresResponse: document.requiresResponse },
      value: 1,
    });
    for (const turn of document.turns) {
      if (turn.status === 'reasignado') continue;
      const dimensions = { unit: turn.unitCode, requiresResponse: turn.requiresResponse };
      observations.push({ metric: 'correspondence.documents.turned', day: calendarDay(turn.turnedAt, timeZone), dimensions, value: 1 });
      if (turn.answeredAt) {
        observations.push({ metric: 'correspondence.documents.answered', day: calendarDay(turn.answeredAt, timeZone), dimensions, value: 1 });
      }
    }
  }
  return { recordKey: `correspondence.document/${document.documentId}`, version: document.version, observations };
}

/** A hearing counts as received on the day it was requested, and as attended (unless still in process) on the day it was. */
export function hearingObservations(hearing: HearingSnapshot): RecordObservations {
  const observations: MetricObservation[] = [];
  if (!hearing.cancelled) {
    const dimensions = { unit: hearing.unitCode, outcome: hearing.outcome, requesterCategory: hearing.requesterCategory };
    observations.push({ metric: 'correspondence.hearings.received', day: hearing.requestedOn, dimensions, value: 1 });
    if (hearing.outcome !== 'en_proceso' && hearing.attendedOn) {
      observations.push({ metric: 'correspondence.hearings.attended', day: hearing.attendedOn, dimensions, value: 1 });
    }
  }
  return { recordKey: `correspondence.hearing/${hearing.hearingId}`, version: hearing.version, observations };
}

export const CORRESPONDENCE_METRIC_MAPPINGS: readonly MetricMapping[] = [
  ...DOCUMENT_EVENTS.map((event) => defineMetricMapping({ event, observe: (data, context) => documentObservations(data, context.timeZone) })),
  ...HEARING_EVENTS.map((event) => defineMetricMapping({ event, observe: (data) => hearingObservations(data) })),
] as MetricMapping[];
