import { z } from 'zod';
import { EVENT_DEFINITIONS } from './registry';
import { codeText, staffText, textKinds } from './text';

/*
 * The personal-data guard: no event schema may have a field that could carry a name, an e-mail, a phone, an address
 * or free text a citizen wrote. Events leave the platform (other municipal systems read them), so this is checked on
 * the schemas every producer and consumer validates with, not on a sample of events.
 *
 * - A string must be an id or a date (uuid, ISO date or date-time format), an enum, or marked `codeText()` (codes,
 *   folios, keys) or `staffText()` (short labels staff write about institutions and public acts). Any other string
 *   fails: a new field has to say what it carries.
 * - Whatever its mark, a string field may not be named like contact data or a person's name (email, correo,
 *   telefono, domicilio, curp, nombre del solicitante…).
 * - A field named like free text or a name (name, nombre, title, description, descripcion, reason, motivo…) must
 *   be marked `staffText()`: it is a label staff wrote, never the text of a request, appeal or complaint.
 */

/** Field names no text field of an event may have: contact data, identity documents, a person's name. */
const FORBIDDEN_FIELD_NAMES = [
  /e-?mail|correo/i,
  /phone|tel[eé]fono|^tel$|celular|m[oó]vil|whatsapp/i,
  /address|domicilio|direcci[oó]n$|calle|colonia|c[oó]digo_?postal|postal_?code|zip/i,
  /curp|rfc|^ine$|passport|pasaporte|birth|nacimiento/i,
  /(first|last|full|given|family|person|citizen|requester|solicitante|ciudadan|remitente|peticionari|sender|author|contact|contacto)_?(name|nombre)/i,
  /apellido|surname|nombre_?completo/i,
  /(citizen|ciudadan|requester|solicitante|peticionari)/i,
];

/** Field names that read as free text or a name: allowed only as labels staff write (`staffText()`). */
const FREE_TEXT_FIELD_NAMES = /name|nombre|title|t[ií]tulo|descri|comment|coment|observ|note|nota|reason|motivo|subject|asunto|message|mensaje|text|texto|summary|resumen|body|place|lugar|petici|request_?text/i;

/** String formats that are identifiers or instants, never prose. */
const ID_OR_DATE_FORMATS = new Set(['uuid', 'guid', 'date', 'datetime', 'time', 'duration']);

interface ZodInternals {
  _zod: { def: { type: string; format?: string; [key: string]: unknown } };
}

/** The problems of one event schema: each names the path of the offending field. */
function personalDataProblems(schema: z.ZodType, path: string[] = [], marks: Pick<typeof textKinds, 'get'> = textKinds): string[] {
  const def = (schema as unknown as ZodInternals)._zod.def;
  const field = [...path].reverse().find((segment) => segment !== '[]' && segment !== '{}') ?? '';
  const where = path.join('.') || '(data)';
  switch (def.type) {
    case 'object':
      return Object.entries(def['shape'] as Record<string, z.ZodType>).flatMap(([key, value]) => personalDataProblems(value, [...path, key], marks));
    case 'array':
      return personalDataProblems(def['element'] as z.ZodType, [...path, '[]'], marks);
    case 'record':
      return [...personalDataProblems(def['keyType'] as z.ZodType, [...path, '{key}'], marks), ...personalDataProblems(def['valueType'] as z.ZodType, [...path, '{}'], marks)];
    case 'union':
      return (def['options'] as z.ZodType[]).flatMap((option) => personalDataProblems(option, path, marks));
    case 'intersection':
      return [...personalDataProblems(def['left'] as z.ZodType, path, marks), ...personalDataProblems(def['right'] as z.ZodType, path, marks)];
    case 'tuple':
      return (def['items'] as z.ZodType[]).flatMap((item, index) => personalDataProblems(item, [...path, String(index)], marks));
    case 'nullable':
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return personalDataProblems(def['innerType'] as z.ZodType, path, marks);
    case 'pipe':
      return [...personalDataProblems(def['in'] as z.ZodType, path, marks), ...personalDataProblems(def['out'] as z.ZodType, path, marks)];
    case 'lazy':
      return [`${where}: a lazy schema cannot be checked`];
    case 'string': {
      if (def.format && ID_OR_DATE_FORMATS.has(def.format)) return [];
      if (def.format) return [`${where}: a ${def.format} string may carry personal data`];
      const kind = marks.get(schema)?.kind;
      const name = field.replace(/([a-z])([A-Z])/g, '$1_$2');
      if (FORBIDDEN_FIELD_NAMES.some((pattern) => pattern.test(name))) return [`${where}: a text field named like personal data`];
      if (!kind) return [`${where}: a string that is not marked codeText() or staffText()`];
      if (FREE_TEXT_FIELD_NAMES.test(name) && kind !== 'staff') return [`${where}: named like free text but marked as a code`];
      return [];
    }
    case 'enum':
    case 'literal':
    case 'number':
    case 'int':
    case 'bigint':
    case 'boolean':
    case 'null':
    case 'date':
      return [];
    default:
      return [`${where}: a ${def.type} schema the guard does not know`];
  }
}

describe('personal-data guard over the event registry', () => {
  it('finds no field that could carry a name, e-mail, phone, address or citizen-written text in any event', () => {
    expect(EVENT_DEFINITIONS.length).toBeGreaterThan(0);
    const problems = EVENT_DEFINITIONS.flatMap((definition) => personalDataProblems(definition.data).map((problem) => `${definition.type} ${problem}`));
    expect(problems).toEqual([]);
  });

  it('reaches the text of every event: without the marks, each event whose JSON Schema has a free string is refused', () => {
    // A free string in the published JSON Schema: type string with no enum, constant or format.
    const hasFreeString = (node: unknown): boolean =>
      Array.isArray(node)
        ? node.some(hasFreeString)
        : !!node && typeof node === 'object' && (isFreeString(node as Record<string, unknown>) || Object.values(node).some(hasFreeString));
    const isFreeString = (node: Record<string, unknown>) => node['type'] === 'string' && !('enum' in node) && !('const' in node) && !('format' in node);
    const withText = EVENT_DEFINITIONS.filter((definition) => hasFreeString(z.toJSONSchema(definition.data)));
    expect(withText.length).toBeGreaterThan(EVENT_DEFINITIONS.length / 2);
    const unmarked = { get: () => undefined };
    const reached = withText.filter((definition) => personalDataProblems(definition.data, [], unmarked).length > 0);
    expect(reached.map((definition) => definition.type)).toEqual(withText.map((definition) => definition.type));
  });

  describe('the guard itself', () => {
    const problemsOf = (shape: Record<string, z.ZodType>) => personalDataProblems(z.object(shape));

    it('refuses an unmarked string, nested in arrays, records, unions and nullables', () => {
      expect(problemsOf({ a: z.string() })).toEqual(['a: a string that is not marked codeText() or staffText()']);
      expect(problemsOf({ list: z.array(z.object({ b: z.string().max(10).nullable() })) })).toEqual(['list.[].b: a string that is not marked codeText() or staffText()']);
      expect(problemsOf({ r: z.record(codeText(z.string()), z.union([z.number(), z.string()])) })).toEqual(['r.{}: a string that is not marked codeText() or staffText()']);
    });

    it('refuses contact data and person names whatever their mark, and e-mail or URL formats', () => {
      expect(problemsOf({ requesterEmail: codeText(z.string()) })).toEqual(['requesterEmail: a text field named like personal data']);
      expect(problemsOf({ telefono: staffText(z.string()) })).toEqual(['telefono: a text field named like personal data']);
      expect(problemsOf({ domicilio: staffText(z.string()) })).toEqual(['domicilio: a text field named like personal data']);
      expect(problemsOf({ citizenName: staffText(z.string()) })).toEqual(['citizenName: a text field named like personal data']);
      expect(problemsOf({ contact: z.email() })).toEqual(['contact: a email string may carry personal data']);
    });

    it('wants free text and names marked as staff labels, not as codes', () => {
      expect(problemsOf({ description: codeText(z.string()) })).toEqual(['description: named like free text but marked as a code']);
      expect(problemsOf({ name: staffText(z.string().max(200)), code: codeText(z.string().max(20)) })).toEqual([]);
    });

    it('lets ids, dates, enums and numbers through', () => {
      expect(problemsOf({ id: z.uuid(), on: z.iso.date(), at: z.iso.datetime({ offset: true }), kind: z.enum(['a']), n: z.int(), ok: z.boolean() })).toEqual([]);
    });
  });
});
