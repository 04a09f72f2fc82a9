import { z } from 'zod';
import { CE_HEADERS, DLQ_CONSUMER_HEADER, DLQ_REASON_HEADER, EventAttributes, eventAttributesSchema } from './envelope';
import { EventDefinition } from './event-definition';
import { EVENT_DEFINITIONS } from './registry';
import { ALL_TOPICS, deadLetterTopic } from './topics';
import { REQUESTER_CATEGORIES } from './vocabulary';

/**
 * The AsyncAPI 3.0.0 description of every event Tequio publishes, generated from `EVENT_DEFINITIONS`.
 * `tools/generate-asyncapi.ts` writes it to `docs/events/asyncapi.json`; a unit test fails when that file is stale.
 *
 * The output is deterministic: channels, operations and messages are keyed and ordered by name (code-unit order,
 * not locale), everything else is built in a fixed order, and payloads come from `z.toJSONSchema`.
 */

export type JsonSchema = Record<string, unknown>;

export interface AsyncApiRef {
  $ref: string;
}

export interface AsyncApiMessageExample {
  name: string;
  summary: string;
  /** Omitted when the aggregate id cannot be read from the example data (see `aggregateIdField`). */
  headers?: Record<string, string>;
  payload?: unknown;
}

export interface AsyncApiMessage {
  name: string;
  summary: string;
  contentType: string;
  tags: { name: string }[];
  headers: JsonSchema;
  payload: JsonSchema;
  bindings: { kafka: { key: JsonSchema; bindingVersion: string } };
  examples: AsyncApiMessageExample[];
}

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  servers: AsyncApiRef[];
  messages: Record<string, AsyncApiRef>;
}

export interface AsyncApiOperation {
  action: 'send';
  channel: AsyncApiRef;
  title: string;
  summary: string;
  description: string;
  tags: { name: string }[];
  messages: AsyncApiRef[];
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  id: string;
  info: { title: string; version: string; description: string; license: { name: string } };
  defaultContentType: string;
  servers: Record<string, JsonSchema>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, AsyncApiMessage>; schemas?: Record<string, JsonSchema> };
}

const KAFKA_BINDING_VERSION = '0.5.0';
const CONTENT_TYPE = 'application/json';
const SERVER_ID = 'kafka';
/** Component and channel keys end up in `$ref` JSON pointers: keep them to characters AsyncAPI allows. */
const SAFE_KEY = /^[A-Za-z0-9._-]+$/;
/** `tequio.<service>.<aggregate>.v<N>`, see topics.ts. */
const TOPIC_NAME = /^tequio\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)$/;

/** Illustrative header values for the examples; fixed so the document stays byte-for-byte stable. */
const EXAMPLE_EVENT_ID = '3b0e8f2c-5d4a-4f7e-9a61-0c2d8e4b7f15';
const EXAMPLE_TIME = '2025-01-15T10:30:00-06:00';
const EXAMPLE_TENANT = 'oaxaca-de-juarez';

const HEADER_DESCRIPTIONS: Record<keyof EventAttributes, string> = {
  id: 'CloudEvents `id`: unique per event. Messages may be delivered more than once: de-duplicate on it.',
  type: 'CloudEvents `type`: selects the payload schema.',
  source: 'CloudEvents `source`: URI-reference of the publishing service.',
  time: 'CloudEvents `time`: when the change happened, RFC 3339 with offset.',
  specversion: 'CloudEvents `specversion`: always `1.0`.',
  subject: 'CloudEvents `subject`: the id of the aggregate the event is about (the same value as the message key).',
  tenant: 'Extension attribute: the municipality whose data this is.',
};

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ref(pointer: string): AsyncApiRef {
  return { $ref: pointer };
}

interface TopicParts {
  service: string;
  aggregate: string;
  version: number;
}

function topicParts(topic: string): TopicParts {
  const match = TOPIC_NAME.exec(topic);
  if (!match) throw new Error(`topic "${topic}" does not follow tequio.<service>.<aggregate>.v<N>`);
  return { service: match[1], aggregate: match[2], version: Number(match[3]) };
}

/** `cabinet-meeting` -> `cabinetMeetingId`: the field of the example that holds the aggregate id. */
function aggregateIdField(topic: string): string {
  const camel = topicParts(topic).aggregate.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
  return `${camel}Id`;
}

function toJsonSchema(schema: z.ZodType, what: string): JsonSchema {
  let generated: JsonSchema;
  try {
    // draft-07 is what the default AsyncAPI schema format extends; `input` is what consumers accept.
    generated = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonSchema;
  } catch (error) {
    throw new Error(
      `${what}: schema cannot be written as JSON Schema: ${error instanceof Error ? error.message : error}`,
    );
  }
  const { $schema: _ignored, ...rest } = JSON.parse(JSON.stringify(generated)) as JsonSchema;
  return rest;
}

/** Keywords whose values are data, not schemas: `$ref`s inside them are not references. */
const LITERAL_KEYWORDS = new Set(['const', 'default', 'enum', 'examples']);
/** Keywords whose values map arbitrary names (which may be `default`, `enum`...) to schemas. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);

/** Rewrites every `$ref` string of a schema. */
function rewriteRefs(value: unknown, rewrite: (pointer: string) => string, inSchemaMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rewrite));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (inSchemaMap) return [key, rewriteRefs(inner, rewrite)];
      if (key === '$ref' && typeof inner === 'string') return [key, rewrite(inner)];
      if (LITERAL_KEYWORDS.has(key)) return [key, inner];
      return [key, rewriteRefs(inner, rewrite, SCHEMA_MAPS.has(key))];
    }),
  );
}

function containsRef(value: unknown): boolean {
  let found = false;
  rewriteRefs(value, (pointer) => {
    found = true;
    return pointer;
  });
  return found;
}

/**
 * The payload schema of one event. Plain schemas are inlined in the message. Zod writes `$ref`s (recursive
 * schemas, schemas with a meta `id`) relative to its own root, which would resolve against the AsyncAPI
 * document: those schemas move to `components.schemas` under `<type>` and `<type>.<definition>`.
 */
function payloadSchema(definition: EventDefinition, hoisted: Record<string, JsonSchema>): JsonSchema {
  const { definitions, ...root } = toJsonSchema(definition.data, definition.type);
  const defs = (definitions ?? {}) as Record<string, JsonSchema>;
  if (!containsRef(root) && !containsRef(defs)) return root;

  const pointer = (name: string) => `#/components/schemas/${name}`;
  const definitionPointer = (name: string) => `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const definitionKey = (name: string) => `${definition.type}.${name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const targets = new Map<string, string>([['#', definition.type]]);
  for (const name of Object.keys(defs)) targets.set(definitionPointer(name), definitionKey(name));
  const rewrite = (reference: string) => {
    const target = targets.get(reference);
    if (!target) throw new Error(`${definition.type}: cannot place $ref "${reference}" in the AsyncAPI document`);
    return pointer(target);
  };
  const place = (key: string, schema: JsonSchema) => {
    if (key in hoisted) throw new Error(`${definition.type}: components.schemas["${key}"] is already taken`);
    hoisted[key] = rewriteRefs(schema, rewrite) as JsonSchema;
  };
  for (const [name, schema] of Object.entries(defs)) place(definitionKey(name), schema);
  place(definition.type, root);
  return { $ref: pointer(definition.type) };
}

/** The CloudEvents headers of one event type, from the same schema `fromKafkaHeaders` validates with. */
function headersSchema(type: string): JsonSchema {
  const attributes = toJsonSchema(eventAttributesSchema, 'CloudEvents attributes') as {
    properties: Record<keyof EventAttributes, JsonSchema>;
  };
  const properties: Record<string, JsonSchema> = {};
  for (const attribute of Object.keys(eventAttributesSchema.shape) as (keyof EventAttributes)[]) {
    const base = attribute === 'type' ? { type: 'string', const: type } : attributes.properties[attribute];
    properties[CE_HEADERS[attribute]] = { ...base, description: HEADER_DESCRIPTIONS[attribute] };
  }
  properties[CE_HEADERS.contentType] = {
    type: 'string',
    const: CONTENT_TYPE,
    description: 'Media type of the message value (the event data).',
  };
  return {
    type: 'object',
    description:
      'CloudEvents 1.0 attributes in Kafka binary mode, as UTF-8 header values. Other headers (tracing, ' +
      `\`${DLQ_REASON_HEADER}\` on dead-letter topics) may also be present.`,
    properties,
    required: Object.keys(properties),
  };
}

function aggregateIdOf(definition: EventDefinition): string | undefined {
  const example = definition.example as Record<string, unknown> | null;
  const id = example && typeof example === 'object' ? example[aggregateIdField(definition.topic)] : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function message(definition: EventDefinition, hoisted: Record<string, JsonSchema>): AsyncApiMessage {
  const { service, aggregate } = topicParts(definition.topic);
  const aggregateId = aggregateIdOf(definition);
  const example: AsyncApiMessageExample = { name: 'example', summary: definition.summary };
  if (aggregateId !== undefined) {
    example.headers = {
      [CE_HEADERS.id]: EXAMPLE_EVENT_ID,
      [CE_HEADERS.type]: definition.type,
      [CE_HEADERS.source]: `/tequio/${service}`,
      [CE_HEADERS.time]: EXAMPLE_TIME,
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.subject]: aggregateId,
      [CE_HEADERS.tenant]: EXAMPLE_TENANT,
      [CE_HEADERS.contentType]: CONTENT_TYPE,
    };
  }
  example.payload = definition.example;
  const key: JsonSchema = {
    type: 'string',
    description: `The ${aggregate} id (aggregate id), equal to \`${CE_HEADERS.subject}\`: events of one ${aggregate} keep their order.`,
  };
  if (aggregateId !== undefined) key['examples'] = [aggregateId];
  return {
    name: definition.type,
    summary: definition.summary,
    contentType: CONTENT_TYPE,
    tags: [{ name: service }],
    headers: headersSchema(definition.type),
    payload: payloadSchema(definition, hoisted),
    bindings: { kafka: { key, bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [example],
  };
}

function description(): string {
  const h = CE_HEADERS;
  return [
    'Domain events that Tequio (municipal performance reporting, Oaxaca) publishes for other municipal systems.',
    '',
    '## Envelope: CloudEvents 1.0, Kafka binary mode',
    '',
    'The message value is the event data as UTF-8 JSON (the message payload below). The CloudEvents attributes ' +
      'travel as Kafka headers with UTF-8 string values:',
    '',
    `- \`${h.id}\`: unique event id; a message may arrive more than once, de-duplicate on it.`,
    `- \`${h.type}\`: event type, e.g. \`tequio.catalog.unit.created\`; it selects the payload schema.`,
    `- \`${h.source}\`: the publishing service.`,
    `- \`${h.time}\`: when the change happened (RFC 3339, with offset).`,
    `- \`${h.specversion}\`: always \`1.0\`.`,
    `- \`${h.subject}\`: the id of the aggregate the event is about.`,
    `- \`${h.contentType}\`: always \`${CONTENT_TYPE}\`.`,
    `- \`${h.tenant}\`: extension attribute, the municipality the data belongs to.`,
    '',
    '## Topics, keys and ordering',
    '',
    'One topic per aggregate and schema version: `tequio.<service>.<aggregate>.v<N>`; only the owning service ' +
      `publishes to it. The message key is the aggregate id (the same value as \`${h.subject}\`), so all events ` +
      'of one aggregate land on one partition and are read in order.',
    '',
    '## Versioning',
    '',
    'Within a topic version, changes are additive only: new optional fields, new event types. Consumers must ' +
      `ignore fields and \`${h.type}\` values they do not know. A breaking change gets a new topic ` +
      '(`.v2`), published alongside the old one while consumers migrate.',
    '',
    '## Dead letters',
    '',
    `A Tequio consumer that cannot accept a message (invalid headers, unknown type, invalid data) parks it on ` +
      `\`${deadLetterTopic('<topic>')}\` with the header \`${DLQ_REASON_HEADER}\` (why, naming the offending field) ` +
      `and \`${DLQ_CONSUMER_HEADER}\` (which consumer), then moves on.`,
    '',
    '## No personal data',
    '',
    'Events carry no personal data: identifiers, catalog entries, dates, statuses and figures only. Where a ' +
      `person matters, events carry at most a requester category (${REQUESTER_CATEGORIES.map((c) => `\`${c}\``).join(', ')}).`,
    '',
    `Server \`${SERVER_ID}\`: replace \`{brokers}\` with the bootstrap brokers (\`host:port\`, comma-separated) ` +
      'given to your system.',
  ].join('\n');
}

/** Builds the AsyncAPI 3.0.0 document; `definitions` defaults to the registry (tests pass their own). */
export function buildAsyncApiDocument(definitions: readonly EventDefinition[] = EVENT_DEFINITIONS): AsyncApiDocument {
  const knownTopics = new Set<string>(ALL_TOPICS);
  const byTopic = new Map<string, EventDefinition[]>();
  const seenTypes = new Set<string>();
  for (const definition of definitions) {
    if (seenTypes.has(definition.type)) throw new Error(`event type "${definition.type}" is defined twice`);
    seenTypes.add(definition.type);
    if (!SAFE_KEY.test(definition.type))
      throw new Error(`event type "${definition.type}" has characters AsyncAPI ids cannot hold`);
    if (!knownTopics.has(definition.topic))
      throw new Error(`event type "${definition.type}" uses unknown topic "${definition.topic}"`);
    topicParts(definition.topic);
    byTopic.set(definition.topic, [...(byTopic.get(definition.topic) ?? []), definition]);
  }

  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  const messages: Record<string, AsyncApiMessage> = {};
  const hoisted: Record<string, JsonSchema> = {};

  for (const topic of [...byTopic.keys()].sort(byCodeUnit)) {
    const { service, aggregate, version } = topicParts(topic);
    const events = [...(byTopic.get(topic) ?? [])].sort((a, b) => byCodeUnit(a.type, b.type));
    channels[topic] = {
      address: topic,
      title: `${service} / ${aggregate} v${version}`,
      description:
        `Events about ${aggregate} aggregates, published by the ${service} service. Key: the ${aggregate} id. ` +
        `Messages Tequio consumers cannot accept are parked on \`${deadLetterTopic(topic)}\`.`,
      servers: [ref(`#/servers/${SERVER_ID}`)],
      messages: Object.fromEntries(events.map((event) => [event.type, ref(`#/components/messages/${event.type}`)])),
    };
    operations[`${topic}.publish`] = {
      action: 'send',
      channel: ref(`#/channels/${topic}`),
      title: `${service} publishes ${aggregate} events`,
      summary: `The ${service} service publishes ${aggregate} events to ${topic}.`,
      description:
        `Only the ${service} service writes to this topic. Other systems consume it with their own consumer group ` +
        'and must not publish to it.',
      tags: [{ name: service }],
      messages: events.map((event) => ref(`#/channels/${topic}/messages/${event.type}`)),
    };
  }
  for (const definition of [...definitions].sort((a, b) => byCodeUnit(a.type, b.type))) {
    messages[definition.type] = message(definition, hoisted);
  }

  const document: AsyncApiDocument = {
    asyncapi: '3.0.0',
    id: 'urn:tequio:events',
    info: { title: 'Tequio events', version: '1.0.0', description: description(), license: { name: 'AGPL-3.0-only' } },
    defaultContentType: CONTENT_TYPE,
    servers: {
      [SERVER_ID]: {
        host: '{brokers}',
        protocol: 'kafka',
        description: 'The Kafka cluster Tequio publishes to.',
        variables: {
          brokers: {
            description: 'Bootstrap brokers as host:port, comma-separated; given to each consuming system.',
            examples: ['127.0.0.1:9092'],
          },
        },
      },
    },
    channels,
    operations,
    components: { messages },
  };
  const schemaKeys = Object.keys(hoisted).sort(byCodeUnit);
  if (schemaKeys.length > 0)
    document.components.schemas = Object.fromEntries(schemaKeys.map((key) => [key, hoisted[key]]));
  // Plain JSON from here on: what is compared is exactly what gets written.
  return JSON.parse(JSON.stringify(document)) as AsyncApiDocument;
}

/** The file content of `docs/events/asyncapi.json`: 2-space JSON with a trailing newline. */
export function renderAsyncApiJson(definitions: readonly EventDefinition[] = EVENT_DEFINITIONS): string {
  return `${JSON.stringify(buildAsyncApiDocument(definitions), null, 2)}\n`;
}
