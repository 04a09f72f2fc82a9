import { formatNumber, formatProblem } from './number-format';

describe('folio and oficio formats', () => {
  it('pads the sequence and places the year where the municipality wants them', () => {
    expect(formatNumber('OP/{year}/{seq:6}', 2025, 123)).toBe('OP/2025/000123');
    expect(formatNumber('SP/{seq:4}/{year}', 2025, 42)).toBe('SP/0042/2025');
    expect(formatNumber('F-{year}-{seq}', 2026, 1234567)).toBe('F-2026-1234567');
  });

  it('refuses formats that could repeat a number or have unknown markers', () => {
    expect(formatProblem('OP/{year}/{seq:6}')).toBeUndefined();
    expect(formatProblem('OP/{seq:6}')).toMatch(/\{year\}/);
    expect(formatProblem('OP/{year}')).toMatch(/\{seq\}/);
    expect(formatProblem('OP/{year}/{seq}/{seq}')).toMatch(/una vez/);
    expect(formatProblem('OP/{year}/{seq}/{month}')).toMatch(/solo admite/);
  });
});
