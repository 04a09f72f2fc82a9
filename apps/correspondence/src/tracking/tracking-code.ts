import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 20;

/** A random code of 20 base-32 characters (100 bits), grouped by five: `K7QD9-XTM3P-4HWNB-8RZ2C`. */
export function newTrackingCode(): string {
  const bytes = randomBytes(LENGTH);
  const characters = [...bytes].map((byte) => ALPHABET[byte % 32]);
  return [0, 5, 10, 15].map((start) => characters.slice(start, start + 5).join('')).join('-');
}

/** Case, dashes and spaces do not matter when the citizen types the code back. */
function normalized(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** SHA-256 is enough for a 100-bit random code: it cannot be guessed, so it needs no slow hash. */
export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(normalized(code)).digest('hex');
}

export function trackingCodeMatches(code: string, storedHash: string): boolean {
  const given = Buffer.from(hashTrackingCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
