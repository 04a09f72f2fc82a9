import { z } from 'zod';

/**
 * What an event's text field may carry. Events leave the platform, so no string in them may hold personal data: a
 * name, an e-mail, a phone, an address or free text a citizen wrote. Every plain string of an event schema says
 * which kind of text it is, and the personal-data guard (`personal-data.spec.ts`) fails on any string that does not.
 * The mark lives in its own registry: it changes neither validation nor the JSON Schema (the wire format).
 */
export type TextKind =
  /** A code, folio, number or key chosen from a closed or institutional list (unit code, oficio number, time zone). */
  | 'code'
  /** A short label municipal staff write about institutions, plans or public acts (a unit's name, a public activity's title). */
  | 'staff';

export const textKinds = z.registry<{ kind: TextKind }>();

/** Marks a string as a code (see TextKind). Returns the same schema. */
export function codeText<T extends z.ZodString>(schema: T): T {
  textKinds.add(schema, { kind: 'code' });
  return schema;
}

/** Marks a string as a staff-written label (see TextKind): never text a citizen wrote. Returns the same schema. */
export function staffText<T extends z.ZodString>(schema: T): T {
  textKinds.add(schema, { kind: 'staff' });
  return schema;
}
