import { DLQ_CONSUMER_HEADER, DLQ_REASON_HEADER } from '@tequio/contracts';
import { Kafka, Message, Partitioners } from 'kafkajs';
import { createKafkaClient } from '../kafka/kafka-client';

const DLQ_SUFFIX = '.dlq';

export interface DeadLetterReplayResult {
  deadLetterTopic: string;
  sourceTopic: string;
  replayed: number;
}

/**
 * Sends every parked message of a dead-letter topic back to its source topic (same key, same CloudEvents
 * headers, the dead-letter reason removed), e.g. after fixing the bug that rejected them. The replay group
 * commits what it has sent, so running it again only replays messages parked since. Consumers are
 * idempotent, so an event that already made it through is not applied twice.
 */
export async function replayDeadLetters(brokers: string[], topic: string, service: string): Promise<DeadLetterReplayResult> {
  const deadLetterTopic = topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`;
  const sourceTopic = deadLetterTopic.slice(0, -DLQ_SUFFIX.length);
  const kafka: Kafka = createKafkaClient(`tequio-${service}-dlq-replay`, brokers);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `tequio.dlq-replay.${deadLetterTopic}`;
  let ends: Map<number, bigint>;
  let starts: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(deadLetterTopic);
    ends = new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    const [committed] = await admin.fetchOffsets({
      groupId,
      topics: [deadLetterTopic],
    });
    starts = new Map(
      offsets.map((o) => {
        const done = committed?.partitions.find((p) => p.partition === o.partition)?.offset ?? '-1';
        return [o.partition, BigInt(done === '-1' ? o.low : done)];
      }),
    );
  } finally {
    await admin.disconnect();
  }
  const pending = [...ends].filter(([partition, end]) => end > (starts.get(partition) ?? 0n));
  if (pending.length === 0) return { deadLetterTopic, sourceTopic, replayed: 0 };

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId });
  await producer.connect();
  await consumer.connect();
  let replayed = 0;
  try {
    await consumer.subscribe({
      topics: [deadLetterTopic],
      fromBeginning: true,
    });
    const remaining = new Set(pending.map(([partition]) => partition));
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition) ?? 0n;
            // Only what was parked when the replay started: a message that fails again waits for the next run.
            if (BigInt(message.offset) >= end) return;
            const headers: Message['headers'] = {};
            for (const [name, value] of Object.entries(message.headers ?? {})) {
              if (name !== DLQ_REASON_HEADER && name !== DLQ_CONSUMER_HEADER && value !== undefined) headers[name] = value as Buffer;
            }
            await producer.send({
              topic: sourceTopic,
              acks: -1,
              messages: [{ key: message.key, value: message.value, headers }],
            });
            replayed += 1;
            const next = BigInt(message.offset) + 1n;
            await consumer.commitOffsets([{ topic: deadLetterTopic, partition, offset: next.toString() }]);
            if (next >= end && remaining.delete(partition) && remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  return { deadLetterTopic, sourceTopic, replayed };
}
