import { TequioClaims } from '@tequio/auth';
import { DOCUMENT_STATUS_LABELS, DOCUMENT_TYPE_LABELS, DocumentSnapshot } from '@tequio/contracts';
import { CorrespondenceDocument, DocumentTurn } from './document.entity';

/** The front desk of the document's unit (or an admin): registers, turns, reassigns, cancels. */
export function isDesk(user: TequioClaims, document: CorrespondenceDocument): boolean {
  return user.roles.includes('admin') || (user.roles.includes('clerk') && user.units.includes(document.deskUnitCode));
}

/** A unit's own user (clerk or head) for a turn. */
export function actsForTurn(user: TequioClaims, turn: DocumentTurn): boolean {
  return (user.roles.includes('clerk') || user.roles.includes('unit_head')) && user.units.includes(turn.unitCode);
}

export function currentTurns(turns: DocumentTurn[]): DocumentTurn[] {
  return turns.filter((turn) => turn.status !== 'reasignado');
}

/** Who needs the sender's personal data: the desk and the units the document was turned to. */
export function mayReadPersonalData(user: TequioClaims, document: CorrespondenceDocument, turns: DocumentTurn[]): boolean {
  return isDesk(user, document) || currentTurns(turns).some((turn) => actsForTurn(user, turn));
}

/** Planning and auditors read everything of the municipality, without personal data. */
export function readsEverything(user: TequioClaims): boolean {
  return user.roles.some((role) => role === 'admin' || role === 'planning' || role === 'auditor');
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The event data: the whole non-personal state (no names, contacts, subject, summary, answers, reasons). */
export function documentSnapshot(document: CorrespondenceDocument, turns: DocumentTurn[]): DocumentSnapshot {
  return {
    documentId: document.id,
    folio: document.folio,
    year: document.year,
    receivedAt: document.receivedAt.toISOString(),
    channel: document.channel,
    type: document.type,
    authorityLevel: document.authorityLevel,
    senderKind: document.senderKind,
    requesterCategory: document.requesterCategory,
    deskUnitCode: document.deskUnitCode,
    status: document.status,
    requiresResponse: document.requiresResponse,
    turns: turns.map((turn) => ({
      turnId: turn.id,
      unitCode: turn.unitCode,
      oficioNumber: turn.oficioNumber,
      requiresResponse: turn.requiresResponse,
      turnedAt: turn.turnedAt.toISOString(),
      dueOn: turn.dueOn,
      status: turn.status,
      acknowledgedAt: iso(turn.acknowledgedAt),
      answeredAt: iso(turn.answeredAt),
      closedAt: iso(turn.closedAt),
    })),
    version: document.version,
  };
}

export function turnView(turn: DocumentTurn, unitNames: Map<string, string>, withText: boolean) {
  return {
    id: turn.id,
    unitCode: turn.unitCode,
    unitName: unitNames.get(turn.unitCode) ?? null,
    oficioNumber: turn.oficioNumber,
    requiresResponse: turn.requiresResponse,
    turnedAt: turn.turnedAt,
    dueOn: turn.dueOn,
    status: turn.status,
    acknowledgedAt: turn.acknowledgedAt,
    answeredAt: turn.answeredAt,
    closedAt: turn.closedAt,
    ...(withText
      ? { instructions: turn.instructions, answerSummary: turn.answerSummary, answerAttachmentIds: turn.answerAttachmentIds, closeReason: turn.closeReason, reassignReason: turn.reassignReason }
      : {}),
  };
}

/**
 * A document as the API shows it. `personal`: the sender, subject and summary (text written by or about a citizen),
 * only for those who need them; everyone else sees ids, codes, enums and dates.
 */
export function documentView(document: CorrespondenceDocument, turns: DocumentTurn[], unitNames: Map<string, string>, personal: boolean) {
  return {
    id: document.id,
    folio: document.folio,
    receivedAt: document.receivedAt,
    channel: document.channel,
    type: document.type,
    typeLabel: DOCUMENT_TYPE_LABELS[document.type],
    authorityLevel: document.authorityLevel,
    senderKind: document.senderKind,
    requesterCategory: document.requesterCategory,
    deskUnitCode: document.deskUnitCode,
    status: document.status,
    statusLabel: DOCUMENT_STATUS_LABELS[document.status],
    requiresResponse: document.requiresResponse,
    externalReference: document.externalReference,
    ...(personal
      ? {
          subject: document.subject,
          summary: document.summary,
          sender: {
            kind: document.senderKind,
            name: document.senderName,
            organization: document.senderOrganization,
            email: document.senderEmail,
            phone: document.senderPhone,
            address: document.senderAddress,
          },
          cancelReason: document.cancelReason,
        }
      : {}),
    turns: turns.map((turn) => turnView(turn, unitNames, personal)),
    version: document.version,
  };
}
