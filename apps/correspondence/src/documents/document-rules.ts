import { ConflictException } from '@nestjs/common';
import { DOCUMENT_STATUS_LABELS, DocumentStatus, TurnStatus } from '@tequio/contracts';

/** The parts of a turn the rules look at. */
export interface TurnState {
  status: TurnStatus;
  requiresResponse: boolean;
}

export type TurnAction = 'acknowledge' | 'answer' | 'close' | 'reassign' | 'overdue';

const OPEN: readonly TurnStatus[] = ['turnado', 'acusado', 'vencido'];

/** From which statuses each action may start, and where it leads (vencido stays vencido when acknowledged). */
const TRANSITIONS: Record<TurnAction, Partial<Record<TurnStatus, TurnStatus>>> = {
  acknowledge: { turnado: 'acusado', vencido: 'vencido' },
  answer: { turnado: 'respondido', acusado: 'respondido', vencido: 'respondido' },
  close: { turnado: 'concluido_sin_respuesta', acusado: 'concluido_sin_respuesta', vencido: 'concluido_sin_respuesta' },
  reassign: { turnado: 'reasignado', acusado: 'reasignado', vencido: 'reasignado' },
  overdue: { turnado: 'vencido', acusado: 'vencido' },
};

const ACTION_LABELS: Record<TurnAction, string> = {
  acknowledge: 'registrar el acuse de',
  answer: 'registrar la respuesta de',
  close: 'concluir sin respuesta',
  reassign: 'reasignar',
  overdue: 'marcar como vencido',
};

export function isOpen(status: TurnStatus): boolean {
  return OPEN.includes(status);
}

/** The status a turn moves to, or a 409 naming its current status. */
export function nextTurnStatus(turn: TurnState, action: TurnAction): TurnStatus {
  const next = TRANSITIONS[action][turn.status];
  if (next === undefined) {
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `status: no se puede ${ACTION_LABELS[action]} un turno en estado "${turn.status}"`,
      currentStatus: turn.status,
    });
  }
  return next;
}

/**
 * The document's status from its current turns (reassigned ones no longer count): registrado without turns;
 * closed when every turn is (respondido if any was answered); vencido when a turn is late; acusado when every open
 * turn was acknowledged; turnado otherwise.
 */
export function documentStatus(cancelled: boolean, turns: readonly TurnState[]): DocumentStatus {
  if (cancelled) return 'cancelado';
  const current = turns.filter((turn) => turn.status !== 'reasignado');
  if (current.length === 0) return 'registrado';
  const open = current.filter((turn) => isOpen(turn.status));
  if (open.length === 0) return current.some((turn) => turn.status === 'respondido') ? 'respondido' : 'concluido_sin_respuesta';
  if (open.some((turn) => turn.status === 'vencido')) return 'vencido';
  return open.every((turn) => turn.status === 'acusado') ? 'acusado' : 'turnado';
}

/** A designation of representation needs no answer: the document requires one if any current turn does. */
export function documentRequiresResponse(registeredRequiresResponse: boolean, turns: readonly TurnState[]): boolean {
  const current = turns.filter((turn) => turn.status !== 'reasignado');
  return current.length === 0 ? registeredRequiresResponse : current.some((turn) => turn.requiresResponse);
}

/** A 409 for an action the document's status does not allow. */
export function documentConflict(status: DocumentStatus, what: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `status: no se puede ${what} un documento en estado "${status}" (${DOCUMENT_STATUS_LABELS[status]})`,
    currentStatus: status,
  });
}
