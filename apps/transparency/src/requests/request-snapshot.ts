import { MunicipalCalendar } from '@tequio/calendar';
import { TransparencyRequestSnapshot } from '@tequio/contracts';
import { OficioTurn } from '../common/oficio-turn.entity';
import { schedule, Schedule, Terms, Timeline } from '../deadlines/deadline-engine';
import { TransparencyRequest } from './request.entity';

/** A request without the requester's personal data: what recomputations and the deadline job read and publish. */
export type RequestState = Omit<TransparencyRequest, 'requesterName' | 'requesterContact' | 'informationRequested' | 'extensionReason' | 'createdAt' | 'updatedAt'>;

export function timelineOf(request: Pick<TransparencyRequest, 'receivedAt' | 'clarificationRequestedOn' | 'clarificationRepliedOn' | 'extensionRequestedOn' | 'extensionDays'>): Timeline {
  return {
    receivedAt: request.receivedAt.toISOString(),
    clarification: request.clarificationRequestedOn ? { requestedOn: request.clarificationRequestedOn, repliedOn: request.clarificationRepliedOn } : null,
    extension: request.extensionRequestedOn ? { requestedOn: request.extensionRequestedOn, days: request.extensionDays ?? 0 } : null,
  };
}

/** Recomputes the request's due dates from its timeline; true when any of them moved. `explain` lists skipped days. */
export function applySchedule(request: RequestState, calendar: MunicipalCalendar, terms: Terms, explain = false): { current: Schedule; moved: boolean } {
  const current = schedule(timelineOf(request), calendar, terms, { explain });
  const moved = request.receiptDate !== current.receiptDate || request.firstTermDue !== current.firstTermDue || request.answerDue !== current.answerDue;
  request.receiptDate = current.receiptDate;
  request.firstTermDue = current.firstTermDue;
  request.answerDue = current.answerDue;
  return { current, moved };
}

export function turnSnapshot(turn: OficioTurn) {
  return {
    turnId: turn.id,
    unitCode: turn.unitCode,
    oficioNumber: turn.oficioNumber,
    turnedOn: turn.turnedOn,
    answerOficioNumber: turn.answerOficioNumber,
    answeredOn: turn.answeredOn,
  };
}

/** The request's non-personal state, as its events carry it. */
export function requestSnapshot(request: RequestState, turns: OficioTurn[]): TransparencyRequestSnapshot {
  return {
    requestId: request.id,
    folio: request.folio,
    kind: request.kind,
    arcoRight: request.arcoRight,
    unitCode: request.unitCode,
    channel: request.channel,
    requesterCategory: request.requesterCategory,
    receivedAt: request.receivedAt.toISOString(),
    receiptDate: request.receiptDate,
    status: request.status,
    firstTermDue: request.firstTermDue,
    answerDue: request.answerDue,
    extended: request.extensionRequestedOn !== null,
    clarificationRequestedOn: request.clarificationRequestedOn,
    clarificationRepliedOn: request.clarificationRepliedOn,
    identityVerifiedOn: request.identityVerifiedOn,
    answerType: request.answerType,
    answeredOn: request.answeredOn,
    overdue: request.overdue,
    late: request.late,
    turns: turns.map(turnSnapshot),
    version: request.version,
  };
}

/** What the audit trail keeps of a request: its state without the requester's personal data. */
export function auditSnapshot(request: RequestState, turns: OficioTurn[]): object {
  const { turns: _turns, ...rest } = requestSnapshot(request, turns);
  return { ...rest, turns: turns.map((turn) => `${turn.oficioNumber} → ${turn.unitCode}${turn.answeredOn ? ` (respondido ${turn.answeredOn})` : ''}`) };
}
