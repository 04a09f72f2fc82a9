import { ACTIVITY_STATUSES } from '@tequio/contracts';
import { allowedTransitions, needsReason, transitionProblem } from './activity-status';

describe('activity status transitions', () => {
  it('lets a programmed activity be confirmed, rescheduled, cancelled or held', () => {
    expect(allowedTransitions('programada')).toEqual(['confirmada', 'reprogramada', 'cancelada', 'realizada']);
    expect(transitionProblem('programada', 'confirmada')).toBeNull();
    expect(transitionProblem('reprogramada', 'reprogramada')).toBeNull();
  });

  it('refuses to move a held or cancelled activity, naming the field and the final state', () => {
    expect(transitionProblem('realizada', 'programada')).toBe('status: una actividad realizada no puede pasar a programada (es un estado final)');
    for (const to of ACTIVITY_STATUSES) expect(transitionProblem('cancelada', to)).not.toBeNull();
    expect(transitionProblem('confirmada', 'programada')).toBe(
      'status: una actividad confirmada no puede pasar a programada (puede pasar a: reprogramada, cancelada, realizada)',
    );
  });

  it('asks for a reason when rescheduling or cancelling', () => {
    expect(ACTIVITY_STATUSES.filter(needsReason)).toEqual(['reprogramada', 'cancelada']);
  });
});
