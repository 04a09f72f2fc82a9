import { defineMetricMapping, MetricMapping, MetricObservation } from '../metrics/metric-mapping';
import {
  TransparencyAdvisoryRecorded,
  TransparencyAdvisorySnapshot,
  TransparencyAppealChanged,
  TransparencyAppealRegistered,
  TransparencyAppealSnapshot,
  TransparencyComplaintChanged,
  TransparencyComplaintRegistered,
  TransparencyComplaintSnapshot,
  TransparencyMonitoringRecorded,
  TransparencyMonitoringSnapshot,
  TransparencyRequestChanged,
  TransparencyRequestDueDatesRecomputed,
  TransparencyRequestDueSoon,
  TransparencyRequestOverdue,
  TransparencyRequestRegistered,
  TransparencyRequestSnapshot,
  TransparencyTrainingRecorded,
  TransparencyTrainingSnapshot,
  TransparencyTurn,
} from './transparency';

/*
 * How transparency records count toward the registry's `transparency.*` metrics. Every event carries the record's
 * whole state, so each mapping recomputes all of the record's observations: a cancelled record observes nothing,
 * a corrected one (another unit, category or date) observes its new values, and reporting replaces the old ones.
 */

const monthOf = (date: string) => Number(date.slice(5, 7));

function oficioObservations(turns: TransparencyTurn[], procedure: 'solicitud' | 'recurso_revision'): MetricObservation[] {
  return turns.flatMap((turn) => {
    const turned: MetricObservation = {
      metric: 'transparency.oficios.turned',
      day: turn.turnedOn,
      dimensions: { unit: turn.unitCode, month: monthOf(turn.turnedOn), procedure },
      value: 1,
    };
    if (!turn.answeredOn) return [turned];
    const answered: MetricObservation = {
      metric: 'transparency.oficios.answered',
      day: turn.answeredOn,
      dimensions: { unit: turn.unitCode, month: monthOf(turn.answeredOn), procedure },
      value: 1,
    };
    return [turned, answered];
  });
}

export function observeTransparencyRequest(request: TransparencyRequestSnapshot) {
  const recordKey = `transparency.request/${request.requestId}`;
  if (request.status === 'cancelada') return { recordKey, version: request.version, observations: [] };
  const dimensions = { unit: request.unitCode, requestType: request.kind, requesterCategory: request.requesterCategory };
  const observations: MetricObservation[] = [{ metric: 'transparency.requests.received', day: request.receiptDate, dimensions, value: 1 }];
  if (request.answeredOn) observations.push({ metric: 'transparency.requests.answered', day: request.answeredOn, dimensions, value: 1 });
  observations.push(...oficioObservations(request.turns, 'solicitud'));
  return { recordKey, version: request.version, observations };
}

/** An appeal filed by several people counts once, as `grupo`; by one person, as that person's category. */
export function appealRequesterCategory(appeal: Pick<TransparencyAppealSnapshot, 'requesterCategories'>) {
  return appeal.requesterCategories.length === 1 ? appeal.requesterCategories[0] : 'grupo';
}

export function observeTransparencyAppeal(appeal: TransparencyAppealSnapshot) {
  const recordKey = `transparency.appeal/${appeal.appealId}`;
  if (appeal.status === 'cancelado') return { recordKey, version: appeal.version, observations: [] };
  const dimensions = { requesterCategory: appealRequesterCategory(appeal) };
  const observations: MetricObservation[] = [{ metric: 'transparency.appeals.received', day: appeal.filedOn, dimensions, value: 1 }];
  // The unit attends an appeal when it files its pleadings (alegatos) before the guarantor body.
  if (appeal.pleadingsFiledOn) observations.push({ metric: 'transparency.appeals.answered', day: appeal.pleadingsFiledOn, dimensions, value: 1 });
  observations.push(...oficioObservations(appeal.turns, 'recurso_revision'));
  return { recordKey, version: appeal.version, observations };
}

export function observeTransparencyComplaint(complaint: TransparencyComplaintSnapshot) {
  const recordKey = `transparency.complaint/${complaint.complaintId}`;
  const observations: MetricObservation[] =
    complaint.status === 'cancelada' ? [] : [{ metric: 'transparency.complaints.received', day: complaint.receivedOn, dimensions: {}, value: 1 }];
  return { recordKey, version: complaint.version, observations };
}

export function observeTransparencyTraining(training: TransparencyTrainingSnapshot) {
  const recordKey = `transparency.training/${training.trainingId}`;
  if (training.cancelled) return { recordKey, version: training.version, observations: [] };
  const observations: MetricObservation[] = [{ metric: 'transparency.training_sessions.held', day: training.heldOn, dimensions: {}, value: 1 }];
  for (const sex of ['hombre', 'mujer'] as const) {
    const attendees = training.attendees[sex];
    if (attendees === 0) continue;
    observations.push({ metric: 'transparency.trainings.held', day: training.heldOn, dimensions: { sex }, value: 1 });
    observations.push({ metric: 'transparency.trainings.attendees', day: training.heldOn, dimensions: { sex }, value: attendees });
  }
  return { recordKey, version: training.version, observations };
}

export function observeTransparencyAdvisory(advisory: TransparencyAdvisorySnapshot) {
  const recordKey = `transparency.advisory/${advisory.advisoryId}`;
  const observations: MetricObservation[] = advisory.cancelled
    ? []
    : [{ metric: 'transparency.advisories.given', day: advisory.givenOn, dimensions: { topic: advisory.topic, sex: advisory.sex }, value: 1 }];
  return { recordKey, version: advisory.version, observations };
}

export function observeTransparencyMonitoring(monitoring: TransparencyMonitoringSnapshot) {
  const recordKey = `transparency.monitoring/${monitoring.monitoringId}`;
  if (monitoring.cancelled) return { recordKey, version: monitoring.version, observations: [] };
  const observation: MetricObservation =
    monitoring.platform === 'portal_gobierno_abierto'
      ? { metric: 'transparency.portal_reviews.done', day: monitoring.doneOn, dimensions: {}, value: monitoring.count }
      : { metric: 'transparency.monitorings.done', day: monitoring.doneOn, dimensions: { platform: monitoring.platform }, value: monitoring.count };
  return { recordKey, version: monitoring.version, observations: [observation] };
}

export const TRANSPARENCY_METRIC_MAPPINGS: readonly MetricMapping[] = [
  defineMetricMapping({ event: TransparencyRequestRegistered, observe: observeTransparencyRequest }),
  defineMetricMapping({ event: TransparencyRequestChanged, observe: observeTransparencyRequest }),
  defineMetricMapping({ event: TransparencyRequestDueDatesRecomputed, observe: observeTransparencyRequest }),
  defineMetricMapping({ event: TransparencyRequestDueSoon, observe: observeTransparencyRequest }),
  defineMetricMapping({ event: TransparencyRequestOverdue, observe: observeTransparencyRequest }),
  defineMetricMapping({ event: TransparencyAppealRegistered, observe: observeTransparencyAppeal }),
  defineMetricMapping({ event: TransparencyAppealChanged, observe: observeTransparencyAppeal }),
  defineMetricMapping({ event: TransparencyComplaintRegistered, observe: observeTransparencyComplaint }),
  defineMetricMapping({ event: TransparencyComplaintChanged, observe: observeTransparencyComplaint }),
  defineMetricMapping({ event: TransparencyTrainingRecorded, observe: observeTransparencyTraining }),
  defineMetricMapping({ event: TransparencyAdvisoryRecorded, observe: observeTransparencyAdvisory }),
  defineMetricMapping({ event: TransparencyMonitoringRecorded, observe: observeTransparencyMonitoring }),
] as MetricMapping[];
