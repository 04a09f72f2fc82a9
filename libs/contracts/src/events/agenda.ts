import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { ACTIVITY_CATEGORIES } from '../vocabulary';
import { codeText, staffText } from '../text';

/*
 * The agenda service: the president's activities, cabinet meetings with their agreements, weekly agendas of the
 * dependencies, alliances and twinnings. Every payload is the aggregate's whole non-personal state with a
 * version (a consumer keeps its copy, and reporting its counts, from the latest event alone). No names of
 * persons travel: people appear only by the role they hold in a unit.
 */

const isoDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const unitCode = codeText(z.string().min(1).max(20));
const version = z.int().positive();

export const ACTIVITY_STATUSES = ['programada', 'confirmada', 'reprogramada', 'cancelada', 'realizada'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  programada: 'Programada',
  confirmada: 'Confirmada',
  reprogramada: 'Reprogramada',
  cancelada: 'Cancelada',
  realizada: 'Realizada',
};

export const ACTIVITY_VISIBILITIES = ['publica', 'privada'] as const;
export type ActivityVisibility = (typeof ACTIVITY_VISIBILITIES)[number];

// ---------------------------------------------------------------------------------------------- activity

/** A person involved in an activity, known only by the role they hold in a unit (e.g. the unit's head). */
export const involvedRoleSchema = z.object({ unitCode, role: staffText(z.string().min(1).max(100)) });

export const activitySnapshotSchema = z.object({
  activityId: z.uuid(),
  /** The municipality's own category code (its list is configurable). */
  category: codeText(z.string().min(1).max(60)),
  /** The registry category the municipality's category counts as. */
  reportCategory: z.enum(ACTIVITY_CATEGORIES),
  visibility: z.enum(ACTIVITY_VISIBILITIES),
  /** Public activities only: a private activity's title and place never leave the service. */
  title: staffText(z.string().min(1).max(300)).nullable(),
  place: staffText(z.string().min(1).max(300)).nullable(),
  startsAt: instant,
  endsAt: instant,
  organizerUnitCode: unitCode,
  /** Who must be informed of every change: the units involved, and people by their role in a unit. */
  involvedUnitCodes: z.array(unitCode),
  involvedRoles: z.array(involvedRoleSchema),
  status: z.enum(ACTIVITY_STATUSES),
  previousStatus: z.enum(ACTIVITY_STATUSES).nullable(),
  statusChangedAt: instant,
  version,
});
export type ActivitySnapshot = z.infer<typeof activitySnapshotSchema>;

const activityExample: ActivitySnapshot = {
  activityId: '5b1d7c2e-4f3a-4e8b-9c6d-2a1b3c4d5e6f',
  category: 'dialogo_vecinal',
  reportCategory: 'dialogo_vecinal',
  visibility: 'publica',
  title: 'Diálogo vecinal en la colonia Reforma',
  place: 'Parque de la colonia Reforma',
  startsAt: '2025-07-14T16:00:00.000Z',
  endsAt: '2025-07-14T18:00:00.000Z',
  organizerUnitCode: '402',
  involvedUnitCodes: ['402', '501'],
  involvedRoles: [{ unitCode: '501', role: 'Titular' }],
  status: 'programada',
  previousStatus: null,
  statusChangedAt: '2025-07-01T15:00:00.000Z',
  version: 1,
};

export const ActivityScheduled = defineEvent({
  type: 'tequio.agenda.activity.scheduled',
  topic: Topic.AgendaActivityV1,
  summary: "An activity was put on the president's agenda (status programada); addressed to the involved units and roles.",
  data: activitySnapshotSchema,
  example: activityExample,
});

export const ActivityUpdated = defineEvent({
  type: 'tequio.agenda.activity.updated',
  topic: Topic.AgendaActivityV1,
  summary: 'The details of an activity changed (title, category, place, involved actors, visibility) without a status change.',
  data: activitySnapshotSchema,
  example: { ...activityExample, involvedUnitCodes: ['402', '501', '602'], version: 2 },
});

export const ActivityStatusChanged = defineEvent({
  type: 'tequio.agenda.activity.status-changed',
  topic: Topic.AgendaActivityV1,
  summary:
    'An activity changed status (confirmada, reprogramada with its new times, cancelada, realizada); every involved ' +
    'unit and role must be informed of each change, so the event names them.',
  data: activitySnapshotSchema,
  example: { ...activityExample, status: 'confirmada', previousStatus: 'programada', statusChangedAt: '2025-07-10T15:00:00.000Z', version: 2 },
});

// ---------------------------------------------------------------------------------------------- cabinet meeting

export const CABINET_MEETING_STATUSES = ['programada', 'celebrada', 'cancelada'] as const;
export type CabinetMeetingStatus = (typeof CABINET_MEETING_STATUSES)[number];

export const AGREEMENT_STATUSES = ['pendiente', 'en_proceso', 'cumplido', 'cancelado'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  pendiente: 'Pendiente',
  en_proceso: 'En proceso',
  cumplido: 'Cumplido',
  cancelado: 'Cancelado',
};

export const cabinetMeetingSnapshotSchema = z.object({
  meetingId: z.uuid(),
  year: z.int().min(2000).max(2100),
  date: isoDate,
  status: z.enum(CABINET_MEETING_STATUSES),
  /** Consecutive per year; set when the meeting is recorded as held. */
  minuteNumber: z.int().positive().nullable(),
  /** The attendance list: each unit once, with the role of whoever represented it. */
  attendance: z.array(z.object({ unitCode, role: staffText(z.string().min(1).max(100)) })),
  /** Agreements (acuerdos) without their wording: who answers for each, by when, and how it stands. */
  agreements: z.array(
    z.object({
      agreementId: z.uuid(),
      responsibleUnitCode: unitCode,
      dueDate: isoDate,
      status: z.enum(AGREEMENT_STATUSES),
      overdue: z.boolean(),
    }),
  ),
  version,
});
export type CabinetMeetingSnapshot = z.infer<typeof cabinetMeetingSnapshotSchema>;

const meetingExample: CabinetMeetingSnapshot = {
  meetingId: '7c2e5b1d-3a4f-4b8e-8c6d-1a2b3c4d5e6f',
  year: 2025,
  date: '2025-04-07',
  status: 'celebrada',
  minuteNumber: 1,
  attendance: [
    { unitCode: '402', role: 'Titular' },
    { unitCode: '501', role: 'Enlace' },
  ],
  agreements: [{ agreementId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', responsibleUnitCode: '501', dueDate: '2025-04-30', status: 'pendiente', overdue: false }],
  version: 3,
};

export const CabinetMeetingScheduled = defineEvent({
  type: 'tequio.agenda.cabinet-meeting.scheduled',
  topic: Topic.AgendaCabinetMeetingV1,
  summary: 'A cabinet meeting (reunión de gabinete) was programmed.',
  data: cabinetMeetingSnapshotSchema,
  example: { ...meetingExample, status: 'programada', minuteNumber: null, attendance: [], agreements: [], version: 1 },
});

export const CabinetMeetingHeld = defineEvent({
  type: 'tequio.agenda.cabinet-meeting.held',
  topic: Topic.AgendaCabinetMeetingV1,
  summary: 'A cabinet meeting was recorded as held, with its minute number (consecutive per year).',
  data: cabinetMeetingSnapshotSchema,
  example: meetingExample,
});

export const CabinetMeetingUpdated = defineEvent({
  type: 'tequio.agenda.cabinet-meeting.updated',
  topic: Topic.AgendaCabinetMeetingV1,
  summary: 'The attendance list, the agreements or their follow-up status of a cabinet meeting changed.',
  data: cabinetMeetingSnapshotSchema,
  example: { ...meetingExample, version: 4 },
});

export const CabinetMeetingCancelled = defineEvent({
  type: 'tequio.agenda.cabinet-meeting.cancelled',
  topic: Topic.AgendaCabinetMeetingV1,
  summary: 'A programmed cabinet meeting was cancelled; it no longer counts as held.',
  data: cabinetMeetingSnapshotSchema,
  example: { ...meetingExample, status: 'cancelada', minuteNumber: null, attendance: [], agreements: [], version: 2 },
});

export const CabinetAgreementOverdue = defineEvent({
  type: 'tequio.agenda.cabinet-meeting.agreement-overdue',
  topic: Topic.AgendaCabinetMeetingV1,
  summary: 'An agreement of a cabinet meeting passed its due date still open; addressed to its responsible unit.',
  data: cabinetMeetingSnapshotSchema.extend({ agreementId: z.uuid(), responsibleUnitCode: unitCode }),
  example: {
    ...meetingExample,
    agreements: [{ ...meetingExample.agreements[0], overdue: true }],
    agreementId: meetingExample.agreements[0].agreementId,
    responsibleUnitCode: '501',
    version: 4,
  },
});

// ---------------------------------------------------------------------------------------------- weekly agendas

export const weeklySubmissionSnapshotSchema = z.object({
  submissionId: z.uuid(),
  unitCode,
  isoYear: z.int().min(2000).max(2100),
  isoWeek: z.int().min(1).max(53),
  /** Thursday of the ISO week: the week counts in this day's month, as ISO 8601 assigns weeks to years. */
  weekThursday: isoDate,
  submittedAt: instant,
  deadline: instant,
  onTime: z.boolean(),
  hasContent: z.boolean(),
  attachmentCount: z.int().min(0),
  version,
});
export type WeeklySubmissionSnapshot = z.infer<typeof weeklySubmissionSnapshotSchema>;

const submissionExample: WeeklySubmissionSnapshot = {
  submissionId: '2e4f6a8b-1c3d-4e5f-9a7b-3c5d7e9f1a2b',
  unitCode: '402',
  isoYear: 2025,
  isoWeek: 27,
  weekThursday: '2025-07-03',
  submittedAt: '2025-06-28T16:57:00.000Z',
  deadline: '2025-06-30T00:00:00.000Z',
  onTime: true,
  hasContent: true,
  attachmentCount: 0,
  version: 1,
};

export const WeeklySubmissionReceived = defineEvent({
  type: 'tequio.agenda.weekly-submission.received',
  topic: Topic.AgendaWeeklySubmissionV1,
  summary: 'A dependency submitted its weekly agenda for an ISO week, on time or late.',
  data: weeklySubmissionSnapshotSchema,
  example: submissionExample,
});

export const WeeklySubmissionUpdated = defineEvent({
  type: 'tequio.agenda.weekly-submission.updated',
  topic: Topic.AgendaWeeklySubmissionV1,
  summary: 'A dependency corrected its weekly agenda (content or attachments); when it was first received does not change.',
  data: weeklySubmissionSnapshotSchema,
  example: { ...submissionExample, attachmentCount: 1, version: 2 },
});

export const weeklyRosterSchema = z.object({
  weekId: z.uuid(),
  isoYear: z.int().min(2000).max(2100),
  isoWeek: z.int().min(1).max(53),
  weekThursday: isoDate,
  deadline: instant,
  /** The dependencies that had to submit that week (fixed when its deadline passed). */
  expectedUnitCodes: z.array(unitCode),
  /** Those still missing ("FALTAN"); shrinks when a late agenda arrives. */
  missingUnitCodes: z.array(unitCode),
  version,
});
export type WeeklyRoster = z.infer<typeof weeklyRosterSchema>;

export const WeeklyRosterClosed = defineEvent({
  type: 'tequio.agenda.weekly-submission.week-closed',
  topic: Topic.AgendaWeeklySubmissionV1,
  summary:
    "A week's deadline passed: who had to submit its weekly agenda and who is missing. Republished with a new " +
    'version when a late agenda arrives.',
  data: weeklyRosterSchema,
  example: {
    weekId: '4a6c8e0f-2b4d-4f6a-8c0e-2a4c6e8f0a2b',
    isoYear: 2025,
    isoWeek: 27,
    weekThursday: '2025-07-03',
    deadline: '2025-06-30T00:00:00.000Z',
    expectedUnitCodes: ['402', '501', '602'],
    missingUnitCodes: ['602'],
    version: 1,
  },
});

// ---------------------------------------------------------------------------------------------- alliances

export const ALLIANCE_KINDS = ['alianza', 'hermanamiento'] as const;
export type AllianceKind = (typeof ALLIANCE_KINDS)[number];
export const ALLIANCE_KIND_LABELS: Record<AllianceKind, string> = { alianza: 'Alianza intergubernamental o interinstitucional', hermanamiento: 'Hermanamiento' };

export const allianceSnapshotSchema = z.object({
  allianceId: z.uuid(),
  kind: z.enum(ALLIANCE_KINDS),
  /** A municipality, city, institution or organization: never a private person. */
  counterpart: staffText(z.string().min(1).max(200)),
  signedOn: isoDate,
  unitCode,
  status: z.enum(['vigente', 'cancelada']),
  version,
});
export type AllianceSnapshot = z.infer<typeof allianceSnapshotSchema>;

const allianceExample: AllianceSnapshot = {
  allianceId: '1f3e5d7c-9b2a-4c6e-8d0f-1a3b5c7d9e0f',
  kind: 'hermanamiento',
  counterpart: 'Cozumel, Quintana Roo',
  signedOn: '2025-05-15',
  unitCode: '403',
  status: 'vigente',
  version: 1,
};

export const AllianceSigned = defineEvent({
  type: 'tequio.agenda.alliance.signed',
  topic: Topic.AgendaAllianceV1,
  summary: 'An alliance (alianza) or twinning (hermanamiento) was signed.',
  data: allianceSnapshotSchema,
  example: allianceExample,
});

export const AllianceUpdated = defineEvent({
  type: 'tequio.agenda.alliance.updated',
  topic: Topic.AgendaAllianceV1,
  summary: 'An alliance or twinning was corrected (kind, counterpart, date or unit); it counts with its new data.',
  data: allianceSnapshotSchema,
  example: { ...allianceExample, signedOn: '2025-05-16', version: 2 },
});

export const AllianceCancelled = defineEvent({
  type: 'tequio.agenda.alliance.cancelled',
  topic: Topic.AgendaAllianceV1,
  summary: 'An alliance or twinning registered by mistake was cancelled; it no longer counts.',
  data: allianceSnapshotSchema,
  example: { ...allianceExample, status: 'cancelada', version: 2 },
});

export const AGENDA_EVENTS = [
  ActivityScheduled,
  ActivityUpdated,
  ActivityStatusChanged,
  CabinetMeetingScheduled,
  CabinetMeetingHeld,
  CabinetMeetingUpdated,
  CabinetMeetingCancelled,
  CabinetAgreementOverdue,
  WeeklySubmissionReceived,
  WeeklySubmissionUpdated,
  WeeklyRosterClosed,
  AllianceSigned,
  AllianceUpdated,
  AllianceCancelled,
] as const;
