/**
 * Every topic Tequio publishes: one per aggregate and schema version (`tequio.<service>.<aggregate>.v<N>`).
 * The message key is always the aggregate id, so events of one aggregate keep their order.
 * A breaking payload change gets a new topic version; both are published while consumers migrate.
 */
export enum Topic {
  CatalogMunicipalityV1 = 'tequio.catalog.municipality.v1',
  CatalogUnitV1 = 'tequio.catalog.unit.v1',
  CatalogProgramV1 = 'tequio.catalog.program.v1',
  CatalogPlanV1 = 'tequio.catalog.plan.v1',
  CatalogIndicatorV1 = 'tequio.catalog.indicator.v1',
  CatalogCalendarV1 = 'tequio.catalog.calendar.v1',
  CatalogSemaphoreV1 = 'tequio.catalog.semaphore.v1',
  AgendaActivityV1 = 'tequio.agenda.activity.v1',
  AgendaCabinetMeetingV1 = 'tequio.agenda.cabinet-meeting.v1',
  AgendaWeeklySubmissionV1 = 'tequio.agenda.weekly-submission.v1',
  AgendaAllianceV1 = 'tequio.agenda.alliance.v1',
  CorrespondenceDocumentV1 = 'tequio.correspondence.document.v1',
  CorrespondenceHearingV1 = 'tequio.correspondence.hearing.v1',
  TransparencyRequestV1 = 'tequio.transparency.request.v1',
  TransparencyAppealV1 = 'tequio.transparency.appeal.v1',
  TransparencyComplaintV1 = 'tequio.transparency.complaint.v1',
  TransparencyTrainingV1 = 'tequio.transparency.training.v1',
  TransparencyAdvisoryV1 = 'tequio.transparency.advisory.v1',
  TransparencyMonitoringV1 = 'tequio.transparency.monitoring.v1',
  ReportingQuarterV1 = 'tequio.reporting.quarter.v1',
  ReportingReportV1 = 'tequio.reporting.report.v1',
}

export const ALL_TOPICS: readonly Topic[] = Object.values(Topic);

/** Events that fail validation are parked here, with the reason in a header, and the consumer moves on. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
