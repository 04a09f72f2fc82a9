import { Logger } from '@nestjs/common';
import { ALL_TOPICS, deadLetterTopic, Topic } from '@tequio/contracts';
import { EventProducer } from '@tequio/persistence';
import { ServiceConfig } from '../config/service-config';
import { consumedTopics, ServiceDefinition } from '../service-definition';

/** The topics a service writes (its own aggregates), reads, and dead-letters into. */
export function topicsOf(definition: ServiceDefinition): string[] {
  const produced = ALL_TOPICS.filter((topic) => topic.startsWith(`tequio.${definition.name}.`));
  const consumed = consumedTopics(definition).flatMap((topic: Topic) => [topic, deadLetterTopic(topic)]);
  return [...new Set([...produced, ...consumed])].sort();
}

/**
 * Creates missing topics so consumers can subscribe even where the broker does not auto-create them.
 * Failure is logged, not fatal: the service still starts and the consumer keeps retrying.
 */
export async function provisionTopics(producer: EventProducer, config: ServiceConfig, definition: ServiceDefinition): Promise<void> {
  if (!config.KAFKA_PROVISION_TOPICS) return;
  const logger = new Logger('Topics');
  const admin = producer.admin();
  try {
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const missing = topicsOf(definition).filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: config.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      })),
    });
    logger.log(`Created topics: ${missing.join(', ')}`);
  } catch (error) {
    logger.error(`Could not provision topics: ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
