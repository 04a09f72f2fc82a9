import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { codeText } from '../text';
import {
  AUTHORITY_LEVELS,
  DOCUMENT_CHANNELS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  HEARING_OUTCOMES,
  HEARING_TOPICS,
  REQUESTER_CATEGORIES,
  SENDER_KINDS,
  TURN_STATUSES,
} from '../vocabulary';

/*
 * The front desk (Oficialía de Partes) and hearing requests. Events carry the aggregate's whole non-personal
 * state with a version: ids, folio and oficio numbers, unit codes, enums, dates and counts. Names, contact data,
 * subjects, summaries and answers written by or for a citizen stay inside the correspondence service.
 * Not strict: within a topic version fields may be added.
 */

const instant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const unitCode = codeText(z.string().min(1).max(20));

// ---------------------------------------------------------------------------------------------- documents

export const documentTurnSnapshotSchema = z.object({
  turnId: z.uuid(),
  /** The unit the document was turned to. */
  unitCode,
  /** The oficio de turno, consecutive per municipality and year, e.g. `SP/0042/2025`. */
  oficioNumber: codeText(z.string().min(1).max(60)),
  /** false for designations of representation, which need no answer. */
  requiresResponse: z.boolean(),
  turnedAt: instant,
  /** Response due date in business days of the municipality's calendar; null when no answer is required. */
  dueOn: isoDate.nullable(),
  status: z.enum(TURN_STATUSES),
  acknowledgedAt: instant.nullable(),
  answeredAt: instant.nullable(),
  closedAt: instant.nullable(),
});
export type DocumentTurnSnapshot = z.infer<typeof documentTurnSnapshotSchema>;

export const documentSnapshotSchema = z.object({
  documentId: z.uuid(),
  /** Consecutive per municipality and year, in the municipality's format, e.g. `OP/2025/000123`. */
  folio: codeText(z.string().min(1).max(60)),
  year: z.int().min(2000).max(2100),
  receivedAt: instant,
  channel: z.enum(DOCUMENT_CHANNELS),
  type: z.enum(DOCUMENT_TYPES),
  /** Set for writings of an authority: municipal, estatal or federal. */
  authorityLevel: z.enum(AUTHORITY_LEVELS).nullable(),
  senderKind: z.enum(SENDER_KINDS),
  /** Only for citizens, and only the category: never who they are. */
  requesterCategory: z.enum(REQUESTER_CATEGORIES).nullable(),
  /** The unit whose front desk registered it (e.g. 402, Secretaría Particular). */
  deskUnitCode: unitCode,
  status: z.enum(DOCUMENT_STATUSES),
  /** false when every current turn is a designation of representation (or it was registered as one). */
  requiresResponse: z.boolean(),
  /** Every turn, reassigned ones included (status `reasignado`). */
  turns: z.array(documentTurnSnapshotSchema),
  version: z.int().positive(),
});
export type DocumentSnapshot = z.infer<typeof documentSnapshotSchema>;

const turnExample: DocumentTurnSnapshot = {
  turnId: '5a1d7c3e-9b2f-4e8a-8c6d-2f1e0b9a7c35',
  unitCode: '801',
  oficioNumber: 'SP/0042/2025',
  requiresResponse: true,
  turnedAt: '2025-07-02T16:30:00.000Z',
  dueOn: '2025-07-16',
  status: 'turnado',
  acknowledgedAt: null,
  answeredAt: null,
  closedAt: null,
};

const documentExample: DocumentSnapshot = {
  documentId: '2c4b6d8e-1f3a-4b5c-9d7e-8f0a1b2c3d4e',
  folio: 'OP/2025/000123',
  year: 2025,
  receivedAt: '2025-07-01T17:05:00.000Z',
  channel: 'ventanilla',
  type: 'peticion_ciudadana',
  authorityLevel: null,
  senderKind: 'ciudadano',
  requesterCategory: 'mujer',
  deskUnitCode: '402',
  status: 'registrado',
  requiresResponse: true,
  turns: [],
  version: 1,
};

function documentEvent(type: string, summary: string, example: DocumentSnapshot) {
  return defineEvent({ type: `tequio.correspondence.document.${type}`, topic: Topic.CorrespondenceDocumentV1, summary, data: documentSnapshotSchema, example });
}

const turned: DocumentSnapshot = { ...documentExample, status: 'turnado', turns: [turnExample], version: 2 };
const acknowledged: DocumentSnapshot = {
  ...turned,
  status: 'acusado',
  turns: [{ ...turnExample, status: 'acusado', acknowledgedAt: '2025-07-03T15:00:00.000Z' }],
  version: 3,
};

export const DocumentRegistered = documentEvent('registered', 'The front desk registered an incoming document and gave it a folio.', documentExample);
export const DocumentTurned = documentEvent('turned', 'A document was turned by oficio to one or more units.', turned);
export const DocumentAcknowledged = documentEvent('acknowledged', "A unit's acknowledgement (acuse) of an oficio de turno was recorded.", acknowledged);
export const DocumentAnswered = documentEvent('answered', "A unit's answer to a turned document was recorded.", {
  ...acknowledged,
  status: 'respondido',
  turns: [{ ...acknowledged.turns[0], status: 'respondido', answeredAt: '2025-07-10T18:00:00.000Z' }],
  version: 4,
});
export const DocumentClosed = documentEvent('closed', 'A turn was closed as needing no answer (e.g. a designation of representation).', {
  ...turned,
  status: 'concluido_sin_respuesta',
  requiresResponse: false,
  turns: [{ ...turnExample, requiresResponse: false, dueOn: null, status: 'concluido_sin_respuesta', closedAt: '2025-07-05T16:00:00.000Z' }],
  version: 3,
});
export const DocumentReassigned = documentEvent('reassigned', 'A turn was moved to another unit (with a new oficio); the old turn is kept as reasignado.', {
  ...turned,
  turns: [
    { ...turnExample, status: 'reasignado' },
    { ...turnExample, turnId: '7e3f9a1b-2c4d-4e6f-8a0b-1c2d3e4f5a6b', unitCode: '305', oficioNumber: 'SP/0043/2025', turnedAt: '2025-07-03T16:00:00.000Z', dueOn: '2025-07-17' },
  ],
  version: 3,
});
export const DocumentOverdue = documentEvent('overdue', 'A turn that required an answer passed its due date without one (vencido).', {
  ...turned,
  status: 'vencido',
  turns: [{ ...turnExample, status: 'vencido' }],
  version: 3,
});
export const DocumentRescheduled = documentEvent(
  'rescheduled',
  "The municipality's calendar of non-working days changed: the due dates of the document's open turns were recomputed.",
  { ...turned, turns: [{ ...turnExample, dueOn: '2025-07-17' }], version: 3 },
);
export const DocumentReclassified = documentEvent('reclassified', 'A document changed its type, channel, sender kind or requester category.', {
  ...documentExample,
  type: 'invitacion',
  requiresResponse: false,
  version: 2,
});
export const DocumentCancelled = documentEvent('cancelled', 'A document registered by mistake was cancelled: it counts for nothing.', {
  ...documentExample,
  status: 'cancelado',
  version: 2,
});

export const DOCUMENT_EVENTS = [
  DocumentRegistered,
  DocumentTurned,
  DocumentAcknowledged,
  DocumentAnswered,
  DocumentClosed,
  DocumentReassigned,
  DocumentOverdue,
  DocumentRescheduled,
  DocumentReclassified,
  DocumentCancelled,
] as const;

// ---------------------------------------------------------------------------------------------- hearings

export const hearingSnapshotSchema = z.object({
  hearingId: z.uuid(),
  /** The unit that handles hearing requests (e.g. 402, Secretaría Particular). */
  unitCode,
  requesterCategory: z.enum(REQUESTER_CATEGORIES),
  /** How many people asked, for a group; null otherwise. */
  groupSize: z.int().min(2).max(100_000).nullable(),
  topic: z.enum(HEARING_TOPICS),
  requestedOn: isoDate,
  attendedOn: isoDate.nullable(),
  outcome: z.enum(HEARING_OUTCOMES),
  /** The unit it was channelled to, when the outcome is `canalizada`. */
  channelledUnitCode: unitCode.nullable(),
  cancelled: z.boolean(),
  version: z.int().positive(),
});
export type HearingSnapshot = z.infer<typeof hearingSnapshotSchema>;

const hearingExample: HearingSnapshot = {
  hearingId: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  unitCode: '402',
  requesterCategory: 'grupo',
  groupSize: 12,
  topic: 'alumbrado_publico',
  requestedOn: '2025-07-08',
  attendedOn: null,
  outcome: 'en_proceso',
  channelledUnitCode: null,
  cancelled: false,
  version: 1,
};

export const HearingRegistered = defineEvent({
  type: 'tequio.correspondence.hearing.registered',
  topic: Topic.CorrespondenceHearingV1,
  summary: 'A hearing request (audiencia) was registered.',
  data: hearingSnapshotSchema,
  example: hearingExample,
});

export const HearingUpdated = defineEvent({
  type: 'tequio.correspondence.hearing.updated',
  topic: Topic.CorrespondenceHearingV1,
  summary: 'A hearing request changed (attended, outcome, topic or category corrected); the data is the new snapshot.',
  data: hearingSnapshotSchema,
  example: { ...hearingExample, attendedOn: '2025-07-19', outcome: 'dialogo_vecinal', version: 2 },
});

export const HearingCancelled = defineEvent({
  type: 'tequio.correspondence.hearing.cancelled',
  topic: Topic.CorrespondenceHearingV1,
  summary: 'A hearing request registered by mistake was cancelled: it counts for nothing.',
  data: hearingSnapshotSchema,
  example: { ...hearingExample, cancelled: true, version: 2 },
});

export const HEARING_EVENTS = [HearingRegistered, HearingUpdated, HearingCancelled] as const;

export const CORRESPONDENCE_EVENTS = [...DOCUMENT_EVENTS, ...HEARING_EVENTS] as const;
