import { ConflictException } from '@nestjs/common';
import { REQUEST_STATUSES } from '@tequio/contracts';
import { isAllowed, OPEN_STATUSES, requireAllowed, statusAfterReply } from './request-status';

describe('request statuses', () => {
  it('closed requests allow nothing', () => {
    for (const status of REQUEST_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))) {
      for (const action of ['turn', 'answer', 'extend', 'clarify', 'cancel'] as const) expect(isAllowed(status, action)).toBe(false);
    }
  });

  it('an answer before any turn is a 409 that names the current status and says what is missing', () => {
    let error: unknown;
    try {
      requireAllowed('recibida', 'answer');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConflictException);
    const body = (error as ConflictException).getResponse() as { message: string; currentStatus: string };
    expect(body.currentStatus).toBe('recibida');
    expect(body.message).toBe('status: una solicitud en estado "recibida" (Recibida) no puede responderse: primero debe turnarse a al menos un área');
  });

  it('a clock stopped by a clarification allows no extension nor answer; the reply returns to the previous status', () => {
    expect(isAllowed('en_prevencion', 'extend')).toBe(false);
    expect(isAllowed('en_prevencion', 'answer')).toBe(false);
    expect(isAllowed('en_prevencion', 'reply_clarification')).toBe(true);
    expect(statusAfterReply(0)).toBe('recibida');
    expect(statusAfterReply(2)).toBe('turnada');
  });

  it('a turned request can be answered, turned again and extended', () => {
    expect(['turn', 'answer', 'extend', 'answer_turn'].every((action) => isAllowed('turnada', action as never))).toBe(true);
    expect(() => requireAllowed('respondida', 'turn')).toThrow('status: una solicitud en estado "respondida" (Respondida) no puede turnarse');
  });

  it('an answer takes its files once recorded; a cancelled request takes none', () => {
    expect(isAllowed('respondida', 'attach_answer')).toBe(true);
    expect(['recibida', 'turnada', 'en_prevencion', 'no_presentada', 'cancelada'].some((status) => isAllowed(status as never, 'attach_answer'))).toBe(false);
    expect(isAllowed('respondida', 'attach_turn_answer')).toBe(true);
    expect(() => requireAllowed('cancelada', 'attach_turn_answer')).toThrow('status: una solicitud en estado "cancelada"');
    expect(() => requireAllowed('turnada', 'attach_answer')).toThrow('no puede recibir archivos de su respuesta (regístrela primero)');
  });
});
