import { randomUUID } from 'node:crypto';

/** The part of a JSON schema (as nestjs-zod writes it in an OpenAPI document) an example is built from. */
export interface ExampleSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  example?: unknown;
  enum?: unknown[];
  properties?: Record<string, ExampleSchema>;
  required?: string[];
  items?: ExampleSchema;
  minItems?: number;
  minimum?: number;
  minLength?: number;
  nullable?: boolean;
  allOf?: ExampleSchema[];
  anyOf?: ExampleSchema[];
  oneOf?: ExampleSchema[];
}

export interface ExampleDocument {
  components?: { schemas?: Record<string, ExampleSchema> };
}

/**
 * A value for a schema from the examples its document states: a property's `example` wins; an object gets its
 * required properties and every optional one that states a non-null example; what states none gets a plausible
 * value of its type (a uuid, today, the first enum value, the minimum). `values` (by property name) replaces any
 * property on the way, so an example can name records that exist.
 */
export function exampleValue(schema: ExampleSchema | undefined, document: ExampleDocument, values: Record<string, unknown> = {}, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (schema.$ref) return exampleValue(document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], document, values, depth + 1);
  if (schema.example !== undefined && !isObjectSchema(schema)) return schema.example;
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleValue(part, document, values, depth + 1) ?? {}));
  }
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return exampleValue(variants.find((variant) => !isNullSchema(variant)) ?? variants[0], document, values, depth + 1);
  if (isObjectSchema(schema)) {
    const required = new Set(schema.required ?? []);
    const result: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      if (name in values) {
        result[name] = values[name];
        continue;
      }
      const stated = statedExample(property, document);
      if (!required.has(name) && (stated === undefined || stated === null)) continue;
      const value = exampleValue(property, document, values, depth + 1);
      if (value !== undefined) result[name] = value;
    }
    return result;
  }
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'array': {
      const item = exampleValue(schema.items, document, values, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'matriz@example.org';
      return 'matriz'.padEnd(schema.minLength ?? 0, 'x');
    default:
      return undefined;
  }
}

function isObjectSchema(schema: ExampleSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);
}

function isNullSchema(schema: ExampleSchema): boolean {
  return schema.type === 'null' || (schema.enum?.length === 1 && schema.enum[0] === null);
}

/** The example a property states, looking through a $ref. */
function statedExample(schema: ExampleSchema, document: ExampleDocument): unknown {
  if (schema.$ref) {
    const target = document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
    return target ? (target.example ?? (isObjectSchema(target) ? {} : undefined)) : undefined;
  }
  if (schema.example !== undefined) return schema.example;
  // An object or array of objects is included when its own properties state examples.
  if (isObjectSchema(schema) && Object.values(schema.properties ?? {}).some((property) => statedExample(property, document) !== undefined)) return {};
  if (schema.type === 'array' && schema.items && statedExample(schema.items, document) !== undefined) return [];
  return undefined;
}
