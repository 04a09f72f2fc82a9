import { hashTrackingCode, newTrackingCode, trackingCodeMatches } from './tracking-code';

describe('tracking codes', () => {
  it('are 20 Crockford base-32 characters in groups of five, and differ every time', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newTrackingCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  });

  it('are stored as a SHA-256 hash and match whatever the case and dashes', () => {
    const code = newTrackingCode();
    const stored = hashTrackingCode(code);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(code.replace(/-/g, ''));
    expect(trackingCodeMatches(code.toLowerCase().replace(/-/g, ' '), stored)).toBe(true);
    expect(trackingCodeMatches(newTrackingCode(), stored)).toBe(false);
  });
});
