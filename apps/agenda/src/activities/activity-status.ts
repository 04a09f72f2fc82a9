import { ACTIVITY_STATUS_LABELS, ActivityStatus } from '@tequio/contracts';

/** Where each status may go; cancelada and realizada are final. */
const NEXT: Record<ActivityStatus, readonly ActivityStatus[]> = {
  programada: ['confirmada', 'reprogramada', 'cancelada', 'realizada'],
  confirmada: ['reprogramada', 'cancelada', 'realizada'],
  reprogramada: ['confirmada', 'reprogramada', 'cancelada', 'realizada'],
  cancelada: [],
  realizada: [],
};

export function allowedTransitions(from: ActivityStatus): readonly ActivityStatus[] {
  return NEXT[from];
}

/** Why the change is refused (Spanish, naming the field), or null when it is allowed. */
export function transitionProblem(from: ActivityStatus, to: ActivityStatus): string | null {
  if (NEXT[from].includes(to)) return null;
  const allowed = NEXT[from].map((status) => ACTIVITY_STATUS_LABELS[status].toLowerCase());
  return (
    `status: una actividad ${ACTIVITY_STATUS_LABELS[from].toLowerCase()} no puede pasar a ${ACTIVITY_STATUS_LABELS[to].toLowerCase()}` +
    (allowed.length ? ` (puede pasar a: ${allowed.join(', ')})` : ' (es un estado final)')
  );
}

/** Reprogramming and cancelling must say why: the involved actors are told of each change. */
export function needsReason(to: ActivityStatus): boolean {
  return to === 'reprogramada' || to === 'cancelada';
}
