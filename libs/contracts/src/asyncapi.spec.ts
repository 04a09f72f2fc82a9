import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { AsyncApiDocument, JsonSchema, buildAsyncApiDocument, renderAsyncApiJson } from './asyncapi';
import { fromKafkaHeaders } from './envelope';
import { defineEvent, EventDefinition } from './event-definition';
import { UnitCreated } from './events/catalog';
import { EVENT_DEFINITIONS } from './registry';
import { ALL_TOPICS, Topic } from './topics';

const COMMITTED = resolve(__dirname, '../../../docs/events/asyncapi.json');
const OUT_OF_DATE = 'docs/events/asyncapi.json is out of date: run npm run docs:events';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function messageOf(document: AsyncApiDocument, channelId: string, type: string) {
  const reference = document.channels[channelId]?.messages[type]?.$ref;
  expect(reference).toBe(`#/components/messages/${type}`);
  return document.components.messages[type];
}

/** Every `$ref` string in a value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

/** Resolves a local JSON pointer (`#/a/b`) in the document. */
function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
}

describe('docs/events/asyncapi.json', () => {
  it('is up to date with the event registry', () => {
    const committed = existsSync(COMMITTED) ? readFileSync(COMMITTED, 'utf8') : '(missing)';
    const expected = renderAsyncApiJson();
    if (committed === expected) return;
    let detail = 'same content, but formatting or key order differs';
    try {
      expect(JSON.parse(committed)).toEqual(JSON.parse(expected));
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    throw new Error(`${OUT_OF_DATE}\n\n${detail}`);
  });
});

describe('buildAsyncApiDocument', () => {
  const document = buildAsyncApiDocument();

  it('is an AsyncAPI 3.0.0 document with the Tequio info and a kafka server', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(document.info).toMatchObject({ title: 'Tequio events', version: '1.0.0' });
    for (const word of [
      'CloudEvents 1.0',
      'ce_id',
      'ce_type',
      'ce_source',
      'ce_time',
      'ce_specversion',
      'ce_subject',
      'content-type',
      'tenant',
      '<topic>.dlq',
      'tequio_dlq_reason',
      'personal data',
    ]) {
      expect(document.info.description).toContain(word);
    }
    expect(document.servers['kafka']).toMatchObject({ host: '{brokers}', protocol: 'kafka' });
    expect(document.servers['kafka']['variables']).toHaveProperty('brokers.description');
  });

  it('is deterministic and independent of the registry order', () => {
    expect(renderAsyncApiJson()).toBe(renderAsyncApiJson());
    expect(renderAsyncApiJson([...EVENT_DEFINITIONS].reverse())).toBe(renderAsyncApiJson());
    for (const map of [document.channels, document.operations, document.components.messages]) {
      expect(Object.keys(map)).toEqual(Object.keys(map).sort(byCodeUnit));
    }
  });

  it('has one channel per topic that has events, addressed by the topic name', () => {
    const topicsWithEvents = [...new Set(EVENT_DEFINITIONS.map((definition) => definition.topic))].sort(byCodeUnit);
    expect(Object.keys(document.channels)).toEqual(topicsWithEvents);
    for (const topic of topicsWithEvents) expect(document.channels[topic].address).toBe(topic);
    const withoutEvents = ALL_TOPICS.filter((topic) => !topicsWithEvents.includes(topic));
    for (const topic of withoutEvents) expect(document.channels).not.toHaveProperty([topic]);
  });

  it('has one send operation per channel, owned by the service in the topic name', () => {
    const operations = Object.values(document.operations);
    expect(operations).toHaveLength(Object.keys(document.channels).length);
    for (const [topic, channel] of Object.entries(document.channels)) {
      const operation = operations.find((candidate) => candidate.channel.$ref === `#/channels/${topic}`);
      expect(operation?.action).toBe('send');
      expect(operation?.tags).toEqual([{ name: topic.split('.')[1] }]);
      expect(operation?.messages.map((message) => message.$ref).sort(byCodeUnit)).toEqual(
        Object.keys(channel.messages).map((type) => `#/channels/${topic}/messages/${type}`),
      );
    }
  });

  it('only has references that resolve', () => {
    for (const pointer of refsIn(document)) {
      expect(pointer.startsWith('#/')).toBe(true);
      expect(resolvePointer(document, pointer)).toBeDefined();
    }
  });

  describe.each(EVENT_DEFINITIONS.map((definition) => [definition.type, definition] as const))(
    '%s',
    (type, definition) => {
      const message = () => messageOf(document, definition.topic, type);

      it('is a message of its topic channel, with the payload schema of its data', () => {
        expect(message().name).toBe(type);
        expect(message().summary).toBe(definition.summary);
        expect(message().contentType).toBe('application/json');
        const payload = message().payload;
        if (typeof payload['$ref'] !== 'string') expect(payload).not.toHaveProperty('$schema');
        expect(refsIn(payload).every((pointer) => pointer.startsWith('#/components/schemas/'))).toBe(true);
      });

      it('describes the CloudEvents headers, with ce_type fixed to its type', () => {
        const headers = message().headers as { properties: Record<string, JsonSchema>; required: string[] };
        expect(headers.properties['ce_type']).toMatchObject({ const: type });
        expect(headers.properties['ce_specversion']).toMatchObject({ const: '1.0' });
        expect(headers.properties['content-type']).toMatchObject({ const: 'application/json' });
        expect(headers.required.sort()).toEqual(
          ['ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_specversion', 'ce_subject', 'tenant', 'content-type'].sort(),
        );
      });

      it('binds the Kafka key: a string, the aggregate id', () => {
        expect(message().bindings.kafka.key).toMatchObject({ type: 'string' });
        expect(message().bindings.kafka.key['description']).toMatch(/aggregate id/);
      });

      it('has its example, and the example validates against its own schema', () => {
        const [example] = message().examples;
        expect(example.payload).toEqual(JSON.parse(JSON.stringify(definition.example)));
        expect(definition.data.safeParse(definition.example).success).toBe(true);
        // The published JSON Schema accepts it too (when inline; hoisted schemas are checked by reference above).
        const payload = message().payload;
        if (typeof payload['$ref'] !== 'string') {
          expect(
            z.fromJSONSchema(payload as Parameters<typeof z.fromJSONSchema>[0]).safeParse(example.payload).success,
          ).toBe(true);
        }
      });

      it('has example headers that fromKafkaHeaders accepts, with the key as subject', () => {
        const [example] = message().examples;
        if (!example.headers) return; // the example data does not hold `<aggregate>Id`
        const delivered = Object.fromEntries(
          Object.entries(example.headers).map(([name, value]) => [name, Buffer.from(value)]),
        );
        const read = fromKafkaHeaders(delivered);
        expect(read).toMatchObject({ success: true, attributes: { type } });
        expect(message().bindings.kafka.key['examples']).toEqual([example.headers['ce_subject']]);
        const headersSchema = z.fromJSONSchema(message().headers as Parameters<typeof z.fromJSONSchema>[0]);
        expect(headersSchema.safeParse(example.headers).success).toBe(true);
        expect(headersSchema.safeParse({ ...example.headers, ce_type: 'tequio.other.thing.happened' }).success).toBe(
          false,
        );
      });
    },
  );
});

describe('buildAsyncApiDocument with other definitions', () => {
  it('picks up new definitions, on new channels', () => {
    const ProgramCreated = defineEvent({
      type: 'tequio.catalog.program.sketched',
      topic: Topic.CatalogProgramV1,
      summary: 'A program was registered.',
      data: z.object({ programId: z.uuid(), name: z.string().optional() }).strict(),
      example: { programId: '0d6f5c3e-2b1a-4c8d-9e7f-1a2b3c4d5e6f' },
    });
    const document = buildAsyncApiDocument([...EVENT_DEFINITIONS, ProgramCreated]);
    const message = messageOf(document, Topic.CatalogProgramV1, ProgramCreated.type);
    expect(message.payload).toMatchObject({ required: ['programId'], additionalProperties: false });
    expect(message.examples[0].headers).toMatchObject({ ce_subject: ProgramCreated.example.programId });
    expect(document.operations[`${Topic.CatalogProgramV1}.publish`]).toMatchObject({ action: 'send' });
  });

  it('leaves out channels of topics without events', () => {
    const document = buildAsyncApiDocument([UnitCreated]);
    expect(Object.keys(document.channels)).toEqual([Topic.CatalogUnitV1]);
    expect(Object.keys(document.components.messages)).toEqual([UnitCreated.type]);
  });

  it('gives no example headers when the example does not hold the aggregate id', () => {
    const Odd = defineEvent({
      type: 'tequio.agenda.activity.noted',
      topic: Topic.AgendaActivityV1,
      summary: 'Something was noted.',
      data: z.object({ note: z.string() }),
      example: { note: 'x' },
    });
    const [example] = buildAsyncApiDocument([Odd]).components.messages[Odd.type].examples;
    expect(example.headers).toBeUndefined();
    expect(example.payload).toEqual({ note: 'x' });
  });

  it('rejects a type defined twice', () => {
    expect(() => buildAsyncApiDocument([UnitCreated, UnitCreated])).toThrow(
      'event type "tequio.catalog.unit.created" is defined twice',
    );
  });

  it('names the event whose schema JSON Schema cannot express', () => {
    const Dated = defineEvent({
      type: 'tequio.agenda.activity.dated',
      topic: Topic.AgendaActivityV1,
      summary: 'Uses a Date.',
      data: z.object({ activityId: z.uuid(), at: z.date() }),
      example: { activityId: '0d6f5c3e-2b1a-4c8d-9e7f-1a2b3c4d5e6f', at: new Date(0) },
    });
    expect(() => buildAsyncApiDocument([Dated])).toThrow(
      /tequio\.agenda\.activity\.dated: schema cannot be written as JSON Schema/,
    );
  });

  it('moves schemas with $refs into components.schemas, with refs that resolve in the document', () => {
    type Item = { label: string; children: Item[] };
    const item: z.ZodType<Item> = z.object({
      label: z.string(),
      get children() {
        return z.array(item);
      },
    });
    const money = z.object({ cents: z.int() }).meta({ id: 'Money' });
    const Tree = defineEvent({
      type: 'tequio.reporting.report.outlined',
      topic: Topic.ReportingReportV1,
      summary: 'Recursive outline.',
      data: z.object({ reportId: z.uuid(), outline: z.array(item), budget: money, default: money }),
      example: {
        reportId: '0d6f5c3e-2b1a-4c8d-9e7f-1a2b3c4d5e6f',
        outline: [{ label: 'a', children: [] }],
        budget: { cents: 1 },
        default: { cents: 0 },
      },
    } satisfies EventDefinition);
    const document = buildAsyncApiDocument([Tree]);
    expect(document.components.messages[Tree.type].payload).toEqual({ $ref: `#/components/schemas/${Tree.type}` });
    expect(Object.keys(document.components.schemas ?? {})).toEqual(
      expect.arrayContaining([Tree.type, `${Tree.type}.Money`]),
    );
    const pointers = refsIn(document);
    expect(pointers.some((pointer) => pointer.startsWith('#/definitions') || pointer === '#')).toBe(false);
    for (const pointer of pointers) expect(resolvePointer(document, pointer)).toBeDefined();
  });
});
