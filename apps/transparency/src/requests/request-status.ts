import { ConflictException } from '@nestjs/common';
import { RequestStatus } from '@tequio/contracts';

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  recibida: 'Recibida',
  en_prevencion: 'En prevención (plazo suspendido)',
  turnada: 'Turnada a las áreas',
  respondida: 'Respondida',
  no_presentada: 'Tenida por no presentada',
  cancelada: 'Cancelada (registrada por error)',
};

export type RequestAction = 'turn' | 'answer_turn' | 'clarify' | 'reply_clarification' | 'lapse' | 'extend' | 'verify_identity' | 'answer' | 'cancel' | 'attach_turn_answer' | 'attach_answer';

const ACTION_LABELS: Record<RequestAction, string> = {
  turn: 'turnarse',
  answer_turn: 'recibir la respuesta de un área',
  clarify: 'pedir una prevención',
  reply_clarification: 'registrar la respuesta a la prevención',
  lapse: 'tenerse por no presentada',
  extend: 'prorrogarse',
  verify_identity: 'verificar la identidad',
  answer: 'responderse',
  cancel: 'cancelarse',
  attach_turn_answer: 'recibir archivos del oficio de respuesta de un área',
  attach_answer: 'recibir archivos de su respuesta (regístrela primero)',
};

/** Which actions each status allows; closed statuses allow no change, only files of answers already recorded. */
const ALLOWED: Record<RequestStatus, readonly RequestAction[]> = {
  recibida: ['turn', 'clarify', 'extend', 'verify_identity', 'cancel'],
  turnada: ['turn', 'answer_turn', 'clarify', 'extend', 'verify_identity', 'answer', 'cancel', 'attach_turn_answer'],
  en_prevencion: ['reply_clarification', 'lapse', 'answer_turn', 'verify_identity', 'cancel', 'attach_turn_answer'],
  // The answer's files (and a unit's late-scanned oficio) may follow the answer itself.
  respondida: ['attach_turn_answer', 'attach_answer'],
  no_presentada: ['attach_turn_answer'],
  cancelada: [],
};

export const OPEN_STATUSES: readonly RequestStatus[] = ['recibida', 'turnada', 'en_prevencion'];

export function isAllowed(status: RequestStatus, action: RequestAction): boolean {
  return ALLOWED[status].includes(action);
}

/** 409 naming the current status when the action does not apply to it. */
export function requireAllowed(status: RequestStatus, action: RequestAction): void {
  if (isAllowed(status, action)) return;
  const hint = action === 'answer' && status === 'recibida' ? ': primero debe turnarse a al menos un área' : '';
  throw new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `status: una solicitud en estado "${status}" (${REQUEST_STATUS_LABELS[status]}) no puede ${ACTION_LABELS[action]}${hint}`,
    currentStatus: status,
  });
}

/** The status after a clarification is replied to: back to where it was. */
export function statusAfterReply(turnCount: number): RequestStatus {
  return turnCount > 0 ? 'turnada' : 'recibida';
}
