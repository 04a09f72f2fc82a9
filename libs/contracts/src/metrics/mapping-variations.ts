import { z } from 'zod';

type Path = (string | number)[];

/** Instants that land on a different calendar day in Mexico City than in UTC, or at a quarter's edge. */
const EDGE_INSTANTS = ['2025-04-01T01:59:00.000Z', '2025-03-31T06:00:00.000Z', '2025-12-31T23:30:00.000Z', '2025-07-01T05:59:59.000Z'];

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema as z.ZodType & { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } };
  for (;;) {
    const { type } = current.def;
    if ((type === 'nullable' || type === 'optional' || type === 'default' || type === 'readonly') && current.def.innerType) current = current.def.innerType as typeof current;
    else if (type === 'pipe' && current.def.in) current = current.def.in as typeof current;
    else return current;
  }
}

/** Replacement values worth trying at one place of the data, from what its schema admits. */
function alternativesFor(schema: z.ZodType, value: unknown): unknown[] {
  const def = (schema as unknown as { def: { type: string } }).def;
  const alternatives: unknown[] = [];
  if (def.type === 'nullable') alternatives.push(null);
  if (def.type === 'optional') alternatives.push(undefined);
  const inner = unwrap(schema) as z.ZodType & { def: { type: string; entries?: Record<string, string>; values?: unknown[] } };
  if (inner.def.type === 'enum' && inner.def.entries) alternatives.push(...Object.values(inner.def.entries));
  if (inner.def.type === 'literal' && inner.def.values) alternatives.push(...inner.def.values);
  if (inner.def.type === 'boolean') alternatives.push(true, false);
  if (inner.def.type === 'number' && typeof value === 'number') alternatives.push(0, value + 1, value * 3);
  if (inner.def.type === 'string' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) alternatives.push(...EDGE_INSTANTS);
  return alternatives.filter((alternative) => alternative !== value);
}

function setAt(data: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(data)) return data.map((item, index) => (index === head ? setAt(item, rest, value) : item));
  const copy = { ...(data as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, value);
  return copy;
}

/** Every place of the example with the schema that governs it (objects and arrays walked into). */
function places(schema: z.ZodType, value: unknown, path: Path = []): { path: Path; schema: z.ZodType; value: unknown }[] {
  const found = [{ path, schema, value }];
  const inner = unwrap(schema) as z.ZodType & { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType } };
  if (inner.def.type === 'object' && inner.def.shape && value && typeof value === 'object') {
    for (const [key, child] of Object.entries(inner.def.shape)) found.push(...places(child, (value as Record<string, unknown>)[key], [...path, key]));
  }
  if (inner.def.type === 'array' && inner.def.element && Array.isArray(value)) {
    value.forEach((item, index) => found.push(...places(inner.def.element as z.ZodType, item, [...path, index])));
  }
  return found;
}

/**
 * The example and variations of it that still satisfy the schema: each enum value, both booleans, null and absent
 * where allowed, other counts, and instants at day and quarter edges, one place at a time. The contract test runs
 * every mapping on them, so a mapping that emits an undeclared dimension value for some state is caught.
 */
export function variationsOf<TSchema extends z.ZodType>(schema: TSchema, example: z.infer<TSchema>): z.infer<TSchema>[] {
  const variations: z.infer<TSchema>[] = [example];
  for (const place of places(schema, example)) {
    for (const alternative of alternativesFor(place.schema, place.value)) {
      const parsed = schema.safeParse(setAt(example, place.path, alternative));
      if (parsed.success) variations.push(parsed.data);
    }
  }
  return variations;
}
