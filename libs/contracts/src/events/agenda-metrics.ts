import { calendarDay, defineMetricMapping, MetricMapping, MetricObservation } from '../metrics/metric-mapping';
import {
  ActivityScheduled,
  ActivitySnapshot,
  ActivityStatusChanged,
  ActivityUpdated,
  AllianceCancelled,
  AllianceSigned,
  AllianceSnapshot,
  AllianceUpdated,
  CabinetAgreementOverdue,
  CabinetMeetingCancelled,
  CabinetMeetingHeld,
  CabinetMeetingScheduled,
  CabinetMeetingSnapshot,
  CabinetMeetingUpdated,
  WeeklyRoster,
  WeeklyRosterClosed,
  WeeklySubmissionReceived,
  WeeklySubmissionSnapshot,
  WeeklySubmissionUpdated,
} from './agenda';

/*
 * How the agenda's events count toward the registry's `agenda.*` metrics. Every event carries its record's whole
 * state with a version, so each mapping describes the record as it now stands: an activity counts as held only
 * while realizada (in the category it has now), a cancelled meeting or alliance counts nothing, and a weekly agenda
 * counts in the month of its week's Thursday, as the weekly compliance report does.
 */

/** Held activities, by organizing unit and the registry category the municipality's category counts as. */
export function activityObservations(activity: ActivitySnapshot, timeZone?: string): MetricObservation[] {
  if (activity.status !== 'realizada') return [];
  return [
    {
      metric: 'agenda.activities.held',
      day: calendarDay(activity.startsAt, timeZone),
      dimensions: { unit: activity.organizerUnitCode, category: activity.reportCategory },
      value: 1,
    },
  ];
}

/** A held meeting counts once, and once per unit on its attendance list. */
export function cabinetMeetingObservations(meeting: CabinetMeetingSnapshot): MetricObservation[] {
  if (meeting.status !== 'celebrada') return [];
  const units = [...new Set(meeting.attendance.map((entry) => entry.unitCode))];
  return [
    { metric: 'agenda.cabinet_meetings.held', day: meeting.date, dimensions: {}, value: 1 },
    ...units.map((unit) => ({ metric: 'agenda.cabinet_attendances.recorded', day: meeting.date, dimensions: { unit }, value: 1 })),
  ];
}

export function weeklySubmissionObservations(submission: WeeklySubmissionSnapshot): MetricObservation[] {
  return [
    {
      metric: 'agenda.weekly_submissions.received',
      day: submission.weekThursday,
      dimensions: { unit: submission.unitCode, onTime: submission.onTime },
      value: 1,
    },
  ];
}

/** One expected agenda per dependency that had to submit that week: the denominator of "who is missing". */
export function weeklyRosterObservations(roster: WeeklyRoster): MetricObservation[] {
  return [...new Set(roster.expectedUnitCodes)].map((unit) => ({
    metric: 'agenda.weekly_submissions.expected',
    day: roster.weekThursday,
    dimensions: { unit },
    value: 1,
  }));
}

export function allianceObservations(alliance: AllianceSnapshot): MetricObservation[] {
  if (alliance.status !== 'vigente') return [];
  const metric = alliance.kind === 'hermanamiento' ? 'agenda.twinnings.signed' : 'agenda.alliances.signed';
  return [{ metric, day: alliance.signedOn, dimensions: { unit: alliance.unitCode }, value: 1 }];
}

const activityMappings = [ActivityScheduled, ActivityUpdated, ActivityStatusChanged].map((event) =>
  defineMetricMapping({
    event,
    observe: (activity, { timeZone }) => ({
      recordKey: `agenda.activity/${activity.activityId}`,
      version: activity.version,
      observations: activityObservations(activity, timeZone),
    }),
  }),
);

const meetingMappings = [CabinetMeetingScheduled, CabinetMeetingHeld, CabinetMeetingUpdated, CabinetMeetingCancelled, CabinetAgreementOverdue].map((event) =>
  defineMetricMapping({
    event,
    observe: (meeting: CabinetMeetingSnapshot) => ({
      recordKey: `agenda.cabinet-meeting/${meeting.meetingId}`,
      version: meeting.version,
      observations: cabinetMeetingObservations(meeting),
    }),
  }),
);

const submissionMappings = [WeeklySubmissionReceived, WeeklySubmissionUpdated].map((event) =>
  defineMetricMapping({
    event,
    observe: (submission) => ({
      recordKey: `agenda.weekly-submission/${submission.submissionId}`,
      version: submission.version,
      observations: weeklySubmissionObservations(submission),
    }),
  }),
);

const rosterMapping = defineMetricMapping({
  event: WeeklyRosterClosed,
  observe: (roster) => ({ recordKey: `agenda.weekly-roster/${roster.weekId}`, version: roster.version, observations: weeklyRosterObservations(roster) }),
});

const allianceMappings = [AllianceSigned, AllianceUpdated, AllianceCancelled].map((event) =>
  defineMetricMapping({
    event,
    observe: (alliance) => ({ recordKey: `agenda.alliance/${alliance.allianceId}`, version: alliance.version, observations: allianceObservations(alliance) }),
  }),
);

/** Every agenda event that counts toward the registry, for `METRIC_MAPPINGS`. */
export const AGENDA_METRIC_MAPPINGS: readonly MetricMapping[] = [
  ...activityMappings,
  ...meetingMappings,
  ...submissionMappings,
  rosterMapping,
  ...allianceMappings,
] as MetricMapping[];
