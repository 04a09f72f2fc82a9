import { deadLetterTopic, DLQ_CONSUMER_HEADER, DLQ_REASON_HEADER, EVENT_DEFINITIONS, EventDefinition } from '@tequio/contracts';
import { consumedTopics, ServiceDefinition } from '@tequio/platform';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './database';
import { startServiceInProcess } from './in-process-service';
import { cloudEventMessage, EventTap, produceRaw } from './kafka';
import { uniqueTenant } from './test-environment';

/** One poison message sent to a topic, what the dead-letter reason must say, and what it said. */
export interface PoisonCase {
  topic: string;
  kind: string;
  id: string;
  expected: RegExp;
  /** The `tequio_dlq_reason` of its dead-letter copy; null when it never reached the dead-letter topic. */
  reason: string | null;
  /** The `tequio_dlq_consumer` of that copy. */
  consumer: string | null;
}

export interface PoisonDrillResult {
  topics: string[];
  cases: PoisonCase[];
  /** Per topic: whether a valid event sent after the poison (same key, same partition) was applied. */
  applied: Record<string, boolean>;
}

/** A valid event the drill sent after the poison, as a probe of "was it applied" sees it. */
export interface SentEvent {
  topic: string;
  id: string;
  type: string;
  tenant: string;
  data: unknown;
}

/**
 * Which of the sent events the service applied (their ids). The default reads the service's inbox; a consumer that
 * proves "applied" otherwise (reporting's facts keep records' versions, not event ids) gives its own.
 */
export type AppliedProbe = (database: TestDatabase, schema: string, sent: SentEvent[]) => Promise<Set<string>>;

/** The default probe: the sent events whose ids are in the service's inbox. */
export const appliedByInbox: AppliedProbe = async (database, schema, sent) => {
  const rows = await database.query<{ event_id: string }>(`SELECT DISTINCT event_id FROM ${schema}.inbox WHERE event_id = ANY($1)`, [sent.map((event) => event.id)]);
  return new Set(rows.map((row) => row.event_id));
};

type Message = { key: string; value: string; headers: Record<string, string> };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The contract's example, moved to the drill's own tenant: examples name the default test municipality (its id, its
 * calendar `oaxaca-de-juarez:2025`), and every later test file's services read these topics from the beginning, so a
 * valid example left on the shared broker would deactivate that municipality or change its calendar for them.
 */
function exampleFor(definition: EventDefinition, tenant: string): unknown {
  return JSON.parse(JSON.stringify(definition.example).replaceAll('oaxaca-de-juarez', tenant));
}

function messageOf(definition: EventDefinition, tenant: string, key: string, patch: Record<string, string> = {}, value?: string): Message {
  const message = cloudEventMessage(definition, { subject: key, data: exampleFor(definition, tenant), tenant });
  return { key, value: value ?? message.value, headers: { ...message.headers, ...patch } };
}

/** Everything a consumer of `topic` must refuse, each with the reason it must give. */
function poisonFor(topic: string, tenant: string, key: string): { kind: string; message: Message; expected: RegExp }[] {
  const own = EVENT_DEFINITIONS.filter((definition) => definition.topic === topic);
  const foreign = EVENT_DEFINITIONS.find((definition) => definition.topic !== topic);
  if (own.length === 0 || !foreign) throw new Error(`no event type is declared on ${topic}`);
  const base = own[0];
  const unknownType = `${topic.replace(/\.v\d+$/, '')}.not-in-the-contract`;
  return [
    // A malformed event of every type of the topic: the consumer must not skip the types it does not handle.
    ...own.map((definition) => ({
      kind: `malformed ${definition.type}`,
      message: messageOf(definition, tenant, key, {}, JSON.stringify({ notTheContract: true })),
      expected: new RegExp(`^invalid data for ${escape(definition.type)}: `),
    })),
    {
      kind: 'unknown type',
      message: messageOf(base, tenant, key, { ce_type: unknownType }),
      expected: new RegExp(`^unknown event type "${escape(unknownType)}" on ${escape(topic)}$`),
    },
    {
      kind: 'future type version',
      message: messageOf(base, tenant, key, { ce_type: `${base.type}.v2` }),
      expected: new RegExp(`^unknown event type "${escape(base.type)}\\.v2" on ${escape(topic)}$`),
    },
    {
      kind: 'future CloudEvents version',
      message: messageOf(base, tenant, key, { ce_specversion: '2.0' }),
      expected: /^invalid CloudEvents headers: specversion: /,
    },
    {
      kind: `type of another topic (${foreign.type})`,
      message: messageOf(foreign, tenant, key),
      expected: new RegExp(`does not belong on topic "${escape(topic)}"$`),
    },
  ];
}

/**
 * The poison drill of one service, over the real broker: on every topic the service definition says it consumes,
 * sends malformed, unknown-type, future-version and misplaced events, then a valid example of every type of the
 * topic with the same key (so the same partition, after the poison). Reports the dead-letter reason of each poison
 * message and whether a valid event was applied afterwards (by default: its id in the service's inbox).
 */
export async function runPoisonDrill(definition: ServiceDefinition, options: { env?: Record<string, string>; timeoutMs?: number; applied?: AppliedProbe } = {}): Promise<PoisonDrillResult> {
  const { env = {}, timeoutMs = 90_000, applied: appliedProbe = appliedByInbox } = options;
  const topics = consumedTopics(definition);
  const tenant = uniqueTenant(`poison-${definition.name}`);
  const database = await createTestDatabase();
  const tap = await EventTap.open(topics.map(deadLetterTopic));
  const service = await startServiceInProcess(definition, database, env);
  try {
    const cases: PoisonCase[] = [];
    const sent: SentEvent[] = [];
    for (const topic of topics) {
      const key = randomUUID();
      const poison = poisonFor(topic, tenant, key);
      const valid = EVENT_DEFINITIONS.filter((d) => d.topic === topic).map((d) => messageOf(d, tenant, key));
      await produceRaw(topic, [...poison.map((p) => p.message), ...valid]);
      for (const p of poison) cases.push({ topic, kind: p.kind, id: p.message.headers['ce_id'], expected: p.expected, reason: null, consumer: null });
      for (const m of valid) sent.push({ topic, id: m.headers['ce_id'], type: m.headers['ce_type'], tenant, data: JSON.parse(m.value) });
    }
    const schema = service.config.DATABASE_SCHEMA;
    const applied: Record<string, boolean> = Object.fromEntries(topics.map((topic) => [topic, false]));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const c of cases.filter((c) => c.reason === null)) {
        const parked = tap.messages.find((m) => m.topic === deadLetterTopic(c.topic) && m.headers['ce_id'] === c.id);
        if (parked) {
          c.reason = parked.headers[DLQ_REASON_HEADER] ?? '';
          c.consumer = parked.headers[DLQ_CONSUMER_HEADER] ?? '';
        }
      }
      const seen = await appliedProbe(database, schema, sent);
      for (const event of sent) if (seen.has(event.id)) applied[event.topic] = true;
      const done = cases.every((c) => c.reason !== null) && Object.values(applied).every(Boolean);
      if (done || Date.now() > deadline) return { topics, cases, applied };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await service.close();
    await tap.close();
    await database.drop();
  }
}

/**
 * The poison drill as a test of a service: every poison message is dead-lettered by the service with the reason
 * the contract check gives, and a valid event after the poison is applied on every consumed topic.
 */
export function describePoisonDrill(definition: ServiceDefinition, applied?: AppliedProbe): void {
  describe(`${definition.name}: poison on every consumed topic (real PostgreSQL and Kafka)`, () => {
    it('dead-letters malformed, unknown-type, future-version and misplaced events with their reason, and applies the valid event after them', async () => {
      const drill = await runPoisonDrill(definition, { applied });
      expect(drill.topics.length).toBeGreaterThan(0);
      const outcome = (c: PoisonCase) => ({ topic: c.topic, kind: c.kind, reason: c.reason, consumer: c.consumer });
      expect(drill.cases.map(outcome)).toEqual(drill.cases.map((c) => ({ ...outcome(c), reason: expect.stringMatching(c.expected), consumer: definition.name })));
      expect(drill.applied).toEqual(Object.fromEntries(drill.topics.map((topic) => [topic, true])));
    }, 180_000);
  });
}
