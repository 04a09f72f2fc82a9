import { isLocked } from './quarter-lock.entity';
import { lockedQuarterReason, quarterLabel } from './quarter-locks.service';

describe('isLocked', () => {
  const at = (iso: string) => new Date(iso);

  it('is locked once approved, and unlocked by a later reopening', () => {
    expect(isLocked({ approvedAt: at('2025-07-10T17:00:00Z'), reopenedAt: null })).toBe(true);
    expect(isLocked({ approvedAt: at('2025-07-10T17:00:00Z'), reopenedAt: at('2025-07-20T17:00:00Z') })).toBe(false);
  });

  it('is locked again by an approval after the reopening, whatever order the events arrived in', () => {
    expect(isLocked({ approvedAt: at('2025-07-25T17:00:00Z'), reopenedAt: at('2025-07-20T17:00:00Z') })).toBe(true);
  });

  it('is not locked by a reopening alone', () => {
    expect(isLocked({ approvedAt: null, reopenedAt: at('2025-07-20T17:00:00Z') })).toBe(false);
  });
});

describe('lockedQuarterReason', () => {
  it('explains the refusal with the approval date in Mexico City time', () => {
    // 02:00 UTC on 11 July is still 10 July in Oaxaca.
    expect(lockedQuarterReason({ quarter: 2, year: 2025, approvedAt: new Date('2025-07-11T02:00:00Z') })).toBe(
      'el 2º trimestre de 2025 está cerrado: su informe fue aprobado el 2025-07-10; reábralo en reportes para cambiar la meta',
    );
    expect(lockedQuarterReason({ quarter: 1, year: 2024, approvedAt: new Date('2024-04-15T17:00:00Z') }, 'eliminar el indicador')).toMatch(
      /^el 1º trimestre de 2024 está cerrado: .*2024-04-15; reábralo en reportes para eliminar el indicador$/,
    );
  });

  it('labels the four quarters', () => {
    expect([1, 2, 3, 4].map((q) => quarterLabel(q, 2025))).toEqual(['1º trimestre de 2025', '2º trimestre de 2025', '3º trimestre de 2025', '4º trimestre de 2025']);
  });
});
