import { ConflictException } from '@nestjs/common';
import { TurnState } from './document-rules';
import { documentRequiresResponse, documentStatus, nextTurnStatus } from './document-rules';

const turn = (status: TurnState['status'], requiresResponse = true): TurnState => ({ status, requiresResponse });

describe('turn transitions', () => {
  it('follows turnado → acusado → respondido / concluido sin respuesta', () => {
    expect(nextTurnStatus(turn('turnado'), 'acknowledge')).toBe('acusado');
    expect(nextTurnStatus(turn('acusado'), 'answer')).toBe('respondido');
    expect(nextTurnStatus(turn('turnado'), 'close')).toBe('concluido_sin_respuesta');
    expect(nextTurnStatus(turn('vencido'), 'answer')).toBe('respondido');
    expect(nextTurnStatus(turn('acusado'), 'overdue')).toBe('vencido');
  });

  it('answers 409 with the current status for an invalid transition', () => {
    for (const [status, action] of [
      ['respondido', 'answer'],
      ['acusado', 'acknowledge'],
      ['reasignado', 'close'],
      ['concluido_sin_respuesta', 'reassign'],
      ['vencido', 'overdue'],
    ] as const) {
      try {
        nextTurnStatus(turn(status), action);
        throw new Error(`${status} → ${action} should fail`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConflictException);
        expect((error as ConflictException).getResponse()).toMatchObject({ currentStatus: status });
      }
    }
  });
});

describe('document status from its turns', () => {
  it('is registrado without turns and cancelado when cancelled', () => {
    expect(documentStatus(false, [])).toBe('registrado');
    expect(documentStatus(true, [turn('turnado')])).toBe('cancelado');
  });

  it('ignores reassigned turns and waits for the slowest open turn', () => {
    expect(documentStatus(false, [turn('reasignado'), turn('turnado')])).toBe('turnado');
    expect(documentStatus(false, [turn('acusado'), turn('turnado')])).toBe('turnado');
    expect(documentStatus(false, [turn('acusado'), turn('respondido')])).toBe('acusado');
    expect(documentStatus(false, [turn('acusado'), turn('vencido')])).toBe('vencido');
  });

  it('is closed when every current turn is: respondido if any was answered', () => {
    expect(documentStatus(false, [turn('respondido'), turn('concluido_sin_respuesta')])).toBe('respondido');
    expect(documentStatus(false, [turn('concluido_sin_respuesta', false), turn('reasignado')])).toBe('concluido_sin_respuesta');
  });

  it('requires a response when any current turn does, else keeps what registration said', () => {
    expect(documentRequiresResponse(true, [])).toBe(true);
    expect(documentRequiresResponse(false, [])).toBe(false);
    expect(documentRequiresResponse(true, [turn('turnado', false)])).toBe(false);
    expect(documentRequiresResponse(false, [turn('turnado', false), turn('turnado', true)])).toBe(true);
    expect(documentRequiresResponse(false, [turn('reasignado', true), turn('turnado', false)])).toBe(false);
  });
});
