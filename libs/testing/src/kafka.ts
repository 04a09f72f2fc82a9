import { EventDefinition, toKafkaHeaders, Topic, UnitCreated, UnitKind } from '@tequio/contracts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Consumer, IHeaders, Kafka, KafkaMessage, logLevel, Partitioners } from 'kafkajs';
import { LocalKafka, localKafka } from '@tequio/devstack';
import { ensureTopics } from '@tequio/messaging';
import { KAFKA_CACHE_DIR, requireEnv, TEST_ENV, TEST_FETCH_MAX_WAIT_MS, uniqueGroup } from './test-environment';

export interface TappedMessage {
  topic: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

function kafka(): Kafka {
  return new Kafka({ clientId: 'tequio-tests', brokers: requireEnv('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING });
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name, String(value)]));
}

/** Reads topics from the beginning with its own group, collecting what a consumer of ours would see. */
export class EventTap {
  readonly messages: TappedMessage[] = [];
  private constructor(private readonly consumer: Consumer) {}

  static async open(topics: string[]): Promise<EventTap> {
    const client = kafka();
    const admin = client.admin();
    await admin.connect();
    // Subscribing to a topic that does not exist yet, or whose partitions have no leader yet (a service has just
    // created it), fails: create what is missing and wait for every partition's leader, as a service does.
    await ensureTopics(
      admin,
      topics.map((topic) => ({ topic, numPartitions: 3 })),
      { timeoutMs: 30_000 },
    ).finally(() => admin.disconnect());
    const consumer = client.consumer({ groupId: uniqueGroup('tap'), allowAutoTopicCreation: true, maxWaitTimeInMs: TEST_FETCH_MAX_WAIT_MS });
    const tap = new EventTap(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }: { topic: string; message: KafkaMessage }) => {
        tap.messages.push({ topic, key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers: headersOf(message.headers) });
      },
    });
    return tap;
  }

  async waitFor(predicate: (message: TappedMessage) => boolean, what: string, timeoutMs = 30_000): Promise<TappedMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; saw ${this.messages.length} message(s)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** Publishes raw messages, e.g. malformed events, as a misbehaving producer would. */
export async function produceRaw(topic: string, messages: { key?: string; value: string; headers?: Record<string, string> }[]): Promise<void> {
  const producer = kafka().producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/** The broker the test run started (stop it, start it again on the same port); undefined against an external broker. */
export function localBrokerControl(): LocalKafka | undefined {
  const dataDir = process.env[TEST_ENV.kafkaDir];
  if (!dataDir) return undefined;
  return localKafka({
    dataDir,
    port: Number(requireEnv(TEST_ENV.kafkaPort)),
    controllerPort: Number(requireEnv(TEST_ENV.kafkaControllerPort)),
    cacheDir: KAFKA_CACHE_DIR,
  });
}

/** The `source` of events tests inject themselves, unlike those a service publishes. */
export const TEST_EVENT_SOURCE = '/tequio/tests';

/** A well-formed CloudEvents message, as one of our producers would publish it. */
export function cloudEventMessage<TData>(
  definition: EventDefinition<z.ZodType<TData>>,
  event: { subject: string; data: TData; tenant?: string; id?: string; source?: string },
): { key: string; value: string; headers: Record<string, string> } {
  return {
    key: event.subject,
    value: JSON.stringify(event.data),
    headers: toKafkaHeaders({
      id: event.id ?? randomUUID(),
      type: definition.type,
      source: event.source ?? TEST_EVENT_SOURCE,
      time: new Date().toISOString(),
      specversion: '1.0',
      subject: event.subject,
      tenant: event.tenant ?? 'oaxaca-de-juarez',
    }),
  };
}

/** Units as the catalog announces them on its topic: how a service's unit replica learns them (its real path). */
export async function publishCatalogUnits(tenant: string, units: readonly { code: string; name?: string; kind?: UnitKind; activeFrom?: string }[]): Promise<void> {
  await produceRaw(
    Topic.CatalogUnitV1,
    units.map((unit) => {
      const unitId = randomUUID();
      return cloudEventMessage(UnitCreated, {
        subject: unitId,
        tenant,
        data: { unitId, code: unit.code, name: unit.name ?? `Unidad ${unit.code}`, kind: unit.kind ?? 'direccion', parentId: null, activeFrom: unit.activeFrom ?? '2020-01-01', activeTo: null, version: 1 },
      });
    }),
  );
}

/**
 * Publishes units as catalog does, then waits until a service's replica knows every one of these codes: not just as
 * many units, since other tests may have published other units of the same municipality.
 */
export async function publishCatalogUnitsAndWait(
  tenant: string,
  units: Parameters<typeof publishCatalogUnits>[1],
  knownCodes: () => Promise<readonly string[]>,
  timeoutMs: number,
): Promise<void> {
  await publishCatalogUnits(tenant, units);
  const codes = units.map((unit) => unit.code);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const known = await knownCodes();
    if (codes.every((code) => known.includes(code))) return;
    if (Date.now() > deadline) throw new Error(`the unit replica of ${tenant} never received the units ${codes.join(', ')} (has ${known.join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
