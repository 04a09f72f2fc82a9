import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { REQUESTER_CATEGORIES } from '../vocabulary';
import { codeText } from '../text';

/*
 * Transparency events carry the record's whole non-personal state with a version: ids, folios, oficio numbers,
 * unit codes, enums, dates and counts. Never the requester's name or contact, nor the text of a request,
 * appeal or complaint: those stay in the transparency service.
 */

export const REQUEST_KINDS = ['informacion', 'arco'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const ARCO_RIGHTS = ['acceso', 'rectificacion', 'cancelacion', 'oposicion', 'portabilidad'] as const;
export type ArcoRight = (typeof ARCO_RIGHTS)[number];

export const REQUEST_CHANNELS = ['plataforma_nacional', 'correo_electronico', 'escrito', 'verbal'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const ANSWER_TYPES = ['entrega_informacion', 'inexistencia', 'incompetencia', 'informacion_reservada', 'confidencial', 'parcial'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const REQUEST_STATUSES = ['recibida', 'en_prevencion', 'turnada', 'respondida', 'no_presentada', 'cancelada'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const APPEAL_GROUNDS = [
  'clasificacion',
  'inexistencia',
  'incompetencia',
  'informacion_incompleta',
  'informacion_distinta',
  'falta_respuesta',
  'formato_distinto',
  'costos_o_tiempos',
  'falta_fundamentacion',
  'otro',
] as const;
export const APPEAL_RESOLUTIONS = ['confirma', 'modifica', 'revoca', 'sobresee', 'desecha'] as const;
export const APPEAL_STATUSES = ['recibido', 'en_alegatos', 'alegatos_presentados', 'resuelto', 'cumplido', 'cancelado'] as const;
export const COMPLAINT_STATUSES = ['recibida', 'en_requerimiento', 'atendida', 'resuelta', 'cancelada'] as const;
export const ADVISORY_TOPICS = ['datos_personales', 'enlaces'] as const;
export const MONITORED_PLATFORMS = ['sisai', 'correo', 'inai_ogaipo', 'portal_gobierno_abierto'] as const;

const isoDate = z.iso.date();
const unitCode = codeText(z.string().min(1).max(20));
const oficioNumber = codeText(z.string().min(1).max(60));
const version = z.int().positive();

/** An oficio turning a request (or an appeal) to a unit, and the unit's answer oficio. */
export const transparencyTurnSchema = z.object({
  turnId: z.uuid(),
  unitCode,
  oficioNumber,
  turnedOn: isoDate,
  answerOficioNumber: oficioNumber.nullable(),
  answeredOn: isoDate.nullable(),
});
export type TransparencyTurn = z.infer<typeof transparencyTurnSchema>;

export const transparencyRequestSnapshotSchema = z.object({
  requestId: z.uuid(),
  folio: codeText(z.string().min(1).max(40)),
  kind: z.enum(REQUEST_KINDS),
  arcoRight: z.enum(ARCO_RIGHTS).nullable(),
  /** The unit that handles the request (the transparency unit). */
  unitCode,
  channel: z.enum(REQUEST_CHANNELS),
  requesterCategory: z.enum(REQUESTER_CATEGORIES),
  receivedAt: z.iso.datetime({ offset: true }),
  /** The day it counts as received (after the cut-off, on a weekend or holiday: the next business day). */
  receiptDate: isoDate,
  status: z.enum(REQUEST_STATUSES),
  firstTermDue: isoDate.nullable(),
  answerDue: isoDate.nullable(),
  extended: z.boolean(),
  clarificationRequestedOn: isoDate.nullable(),
  clarificationRepliedOn: isoDate.nullable(),
  identityVerifiedOn: isoDate.nullable(),
  answerType: z.enum(ANSWER_TYPES).nullable(),
  answeredOn: isoDate.nullable(),
  overdue: z.boolean(),
  /** Answered after its due date; stays true once answered. */
  late: z.boolean(),
  turns: z.array(transparencyTurnSchema),
  version,
});
export type TransparencyRequestSnapshot = z.infer<typeof transparencyRequestSnapshotSchema>;

const requestExample: TransparencyRequestSnapshot = {
  requestId: '1f7a3c2e-5b9d-4e8f-a1c3-2d4e6f8a0b1c',
  folio: '201173824000123',
  kind: 'informacion',
  arcoRight: null,
  unitCode: '801',
  channel: 'plataforma_nacional',
  requesterCategory: 'mujer',
  receivedAt: '2024-04-08T16:00:00.000Z',
  receiptDate: '2024-04-08',
  status: 'turnada',
  firstTermDue: '2024-05-07',
  answerDue: '2024-05-07',
  extended: false,
  clarificationRequestedOn: null,
  clarificationRepliedOn: null,
  identityVerifiedOn: null,
  answerType: null,
  answeredOn: null,
  overdue: false,
  late: false,
  turns: [
    {
      turnId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      unitCode: '501',
      oficioNumber: 'UT/0412/2024',
      turnedOn: '2024-04-09',
      answerOficioNumber: null,
      answeredOn: null,
    },
  ],
  version: 2,
};

export const TransparencyRequestRegistered = defineEvent({
  type: 'tequio.transparency.request.registered',
  topic: Topic.TransparencyRequestV1,
  summary: 'An access-to-information or ARCO request was registered with its due dates; the data is its non-personal state.',
  data: transparencyRequestSnapshotSchema,
  example: { ...requestExample, status: 'recibida', turns: [], version: 1 },
});

export const TransparencyRequestChanged = defineEvent({
  type: 'tequio.transparency.request.changed',
  topic: Topic.TransparencyRequestV1,
  summary: 'A request changed (turned, a unit answered, extension, clarification, final answer, closed or cancelled); the data is the new state.',
  data: transparencyRequestSnapshotSchema,
  example: {
    ...requestExample,
    status: 'respondida',
    answerType: 'entrega_informacion',
    answeredOn: '2024-05-06',
    turns: [{ ...requestExample.turns[0], answerOficioNumber: 'SOP/0231/2024', answeredOn: '2024-04-30' }],
    version: 4,
  },
});

export const TransparencyRequestDueDatesRecomputed = defineEvent({
  type: 'tequio.transparency.request.due-dates-recomputed',
  topic: Topic.TransparencyRequestV1,
  summary: "The municipality's calendar changed and the open request's due dates moved; the data is the new state.",
  data: transparencyRequestSnapshotSchema,
  example: { ...requestExample, firstTermDue: '2024-05-08', answerDue: '2024-05-08', version: 3 },
});

export const TransparencyRequestDueSoon = defineEvent({
  type: 'tequio.transparency.request.due-soon',
  topic: Topic.TransparencyRequestV1,
  summary: 'An open request is due within the configured business days: other systems notify the people in charge.',
  data: transparencyRequestSnapshotSchema.extend({ businessDaysLeft: z.int().min(0) }),
  example: { ...requestExample, businessDaysLeft: 3, version: 3 },
});

export const TransparencyRequestOverdue = defineEvent({
  type: 'tequio.transparency.request.overdue',
  topic: Topic.TransparencyRequestV1,
  summary: 'An open request passed its due date without an answer.',
  data: transparencyRequestSnapshotSchema,
  example: { ...requestExample, overdue: true, version: 4 },
});

export const transparencyAppealSnapshotSchema = z.object({
  appealId: z.uuid(),
  /** The guarantor body's file number (expediente). */
  fileNumber: codeText(z.string().min(1).max(60)),
  requestId: z.uuid().nullable(),
  requestFolio: codeText(z.string().min(1).max(40)),
  filedOn: isoDate,
  ground: z.enum(APPEAL_GROUNDS),
  /** One entry per person filing: an appeal filed by several people has several. */
  requesterCategories: z.array(z.enum(REQUESTER_CATEGORIES)).min(1),
  status: z.enum(APPEAL_STATUSES),
  notifications: z.array(z.object({ notificationId: z.uuid(), oficioNumber, receivedOn: isoDate, dueOn: isoDate.nullable() })),
  turns: z.array(transparencyTurnSchema),
  pleadingsFiledOn: isoDate.nullable(),
  resolution: z.enum(APPEAL_RESOLUTIONS).nullable(),
  resolvedOn: isoDate.nullable(),
  complianceDueOn: isoDate.nullable(),
  compliedOn: isoDate.nullable(),
  version,
});
export type TransparencyAppealSnapshot = z.infer<typeof transparencyAppealSnapshotSchema>;

const appealExample: TransparencyAppealSnapshot = {
  appealId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  fileNumber: 'RRA/0123/2024',
  requestId: requestExample.requestId,
  requestFolio: requestExample.folio,
  filedOn: '2024-05-20',
  ground: 'informacion_incompleta',
  requesterCategories: ['hombre'],
  status: 'en_alegatos',
  notifications: [{ notificationId: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f', oficioNumber: 'OGAIPO/SRR/0456/2024', receivedOn: '2024-05-22', dueOn: '2024-05-31' }],
  turns: [],
  pleadingsFiledOn: null,
  resolution: null,
  resolvedOn: null,
  complianceDueOn: null,
  compliedOn: null,
  version: 2,
};

export const TransparencyAppealRegistered = defineEvent({
  type: 'tequio.transparency.appeal.registered',
  topic: Topic.TransparencyAppealV1,
  summary: 'A review appeal (recurso de revisión) was registered.',
  data: transparencyAppealSnapshotSchema,
  example: { ...appealExample, status: 'recibido', notifications: [], version: 1 },
});

export const TransparencyAppealChanged = defineEvent({
  type: 'tequio.transparency.appeal.changed',
  topic: Topic.TransparencyAppealV1,
  summary: 'A review appeal changed (notification, turn, pleadings, resolution, compliance or cancellation); the data is the new state.',
  data: transparencyAppealSnapshotSchema,
  example: {
    ...appealExample,
    status: 'alegatos_presentados',
    turns: [
      {
        turnId: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
        unitCode: '501',
        oficioNumber: 'UT/0460/2024',
        turnedOn: '2024-05-23',
        answerOficioNumber: 'SOP/0301/2024',
        answeredOn: '2024-05-28',
      },
    ],
    pleadingsFiledOn: '2024-05-30',
    version: 4,
  },
});

export const transparencyComplaintSnapshotSchema = z.object({
  complaintId: z.uuid(),
  /** The publication obligation, e.g. "LGTAIP art. 70 fracc. XXIX". */
  obligationReference: codeText(z.string().min(1).max(120)),
  receivedOn: isoDate,
  requesterCategory: z.enum(REQUESTER_CATEGORIES),
  status: z.enum(COMPLAINT_STATUSES),
  requirements: z.array(z.object({ requirementId: z.uuid(), unitCode, oficioNumber, sentOn: isoDate, compliedOn: isoDate.nullable() })),
  version,
});
export type TransparencyComplaintSnapshot = z.infer<typeof transparencyComplaintSnapshotSchema>;

const complaintExample: TransparencyComplaintSnapshot = {
  complaintId: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  obligationReference: 'LGTAIP art. 70 fracc. XXIX',
  receivedOn: '2024-06-10',
  requesterCategory: 'no_identificado',
  status: 'en_requerimiento',
  requirements: [{ requirementId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', unitCode: '301', oficioNumber: 'UT/0790/2024', sentOn: '2024-06-11', compliedOn: null }],
  version: 2,
};

export const TransparencyComplaintRegistered = defineEvent({
  type: 'tequio.transparency.complaint.registered',
  topic: Topic.TransparencyComplaintV1,
  summary: 'A complaint (denuncia) about publication obligations was registered.',
  data: transparencyComplaintSnapshotSchema,
  example: { ...complaintExample, status: 'recibida', requirements: [], version: 1 },
});

export const TransparencyComplaintChanged = defineEvent({
  type: 'tequio.transparency.complaint.changed',
  topic: Topic.TransparencyComplaintV1,
  summary: 'A complaint changed (units required by oficio, compliance, status); the data is the new state.',
  data: transparencyComplaintSnapshotSchema,
  example: complaintExample,
});

/** Trainings, advisories and monitorings: the unit's own activities. `cancelled` records count nothing. */
export const transparencyTrainingSnapshotSchema = z.object({
  trainingId: z.uuid(),
  heldOn: isoDate,
  attendees: z.object({ hombre: z.int().min(0), mujer: z.int().min(0) }),
  unitCodes: z.array(unitCode),
  cancelled: z.boolean(),
  version,
});
export type TransparencyTrainingSnapshot = z.infer<typeof transparencyTrainingSnapshotSchema>;

export const transparencyAdvisorySnapshotSchema = z.object({
  advisoryId: z.uuid(),
  givenOn: isoDate,
  topic: z.enum(ADVISORY_TOPICS),
  sex: z.enum(['hombre', 'mujer']),
  unitCode: unitCode.nullable(),
  cancelled: z.boolean(),
  version,
});
export type TransparencyAdvisorySnapshot = z.infer<typeof transparencyAdvisorySnapshotSchema>;

export const transparencyMonitoringSnapshotSchema = z.object({
  monitoringId: z.uuid(),
  doneOn: isoDate,
  platform: z.enum(MONITORED_PLATFORMS),
  /** Reviews made that day. */
  count: z.int().min(1),
  cancelled: z.boolean(),
  version,
});
export type TransparencyMonitoringSnapshot = z.infer<typeof transparencyMonitoringSnapshotSchema>;

export const TransparencyTrainingRecorded = defineEvent({
  type: 'tequio.transparency.training.recorded',
  topic: Topic.TransparencyTrainingV1,
  summary: 'A training session was recorded (or corrected, or cancelled) with its attendees by sex and the units attending.',
  data: transparencyTrainingSnapshotSchema,
  example: { trainingId: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c', heldOn: '2024-04-09', attendees: { hombre: 12, mujer: 21 }, unitCodes: ['301', '501'], cancelled: false, version: 1 },
});

export const TransparencyAdvisoryRecorded = defineEvent({
  type: 'tequio.transparency.advisory.recorded',
  topic: Topic.TransparencyAdvisoryV1,
  summary: 'An advisory was recorded (or corrected, or cancelled): topic and the sex of the person advised.',
  data: transparencyAdvisorySnapshotSchema,
  example: { advisoryId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', givenOn: '2024-04-15', topic: 'enlaces', sex: 'mujer', unitCode: '501', cancelled: false, version: 1 },
});

export const TransparencyMonitoringRecorded = defineEvent({
  type: 'tequio.transparency.monitoring.recorded',
  topic: Topic.TransparencyMonitoringV1,
  summary: 'Reviews of a platform, mailbox or portal on a day were recorded (or corrected, or cancelled); the finding stays in the service.',
  data: transparencyMonitoringSnapshotSchema,
  example: { monitoringId: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e', doneOn: '2024-04-01', platform: 'sisai', count: 1, cancelled: false, version: 1 },
});

export const TRANSPARENCY_EVENTS = [
  TransparencyRequestRegistered,
  TransparencyRequestChanged,
  TransparencyRequestDueDatesRecomputed,
  TransparencyRequestDueSoon,
  TransparencyRequestOverdue,
  TransparencyAppealRegistered,
  TransparencyAppealChanged,
  TransparencyComplaintRegistered,
  TransparencyComplaintChanged,
  TransparencyTrainingRecorded,
  TransparencyAdvisoryRecorded,
  TransparencyMonitoringRecorded,
] as const;
