import { Logger } from '@nestjs/common';
import { ALL_TOPICS, deadLetterTopic, Topic, topicConfiguration } from '@tequio/contracts';
import { ensureTopics, EventProducer } from '@tequio/messaging';
import { Admin, ConfigResourceTypes, ConfigSource } from 'kafkajs';
import { ServiceConfig } from '../config/service-config';
import { consumedTopics, ServiceDefinition } from '../service-definition';

/** The topics a service writes (its own aggregates), reads, and dead-letters into. */
export function topicsOf(definition: ServiceDefinition): string[] {
  const produced = ALL_TOPICS.filter((topic) => topic.startsWith(`tequio.${definition.name}.`));
  const consumed = consumedTopics(definition).flatMap((topic: Topic) => [topic, deadLetterTopic(topic)]);
  return [...new Set([...produced, ...consumed])].sort();
}

/**
 * Creates missing topics with the configuration declared in `@tequio/contracts` (compacted state topics,
 * dead-letter retention), and corrects existing topics whose configuration differs (e.g. auto-created ones with
 * the broker's 7-day delete retention), so a replica can always be rebuilt from the beginning. Services starting
 * together create the same topics at once: a topic someone else created counts, and provisioning returns only when
 * every partition of every topic the service uses has a leader (its consumer cannot join the group before that).
 * Failure is logged, not fatal: the service still starts and the consumer keeps retrying.
 */
export async function provisionTopics(producer: EventProducer, config: ServiceConfig, definition: ServiceDefinition): Promise<void> {
  if (!config.KAFKA_PROVISION_TOPICS) return;
  const logger = new Logger('Topics');
  const admin = producer.admin();
  try {
    await admin.connect();
    const wanted = topicsOf(definition);
    const missing = await ensureTopics(
      admin,
      wanted.map((topic) => ({
        topic,
        numPartitions: topicConfiguration(topic)?.partitions ?? config.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: config.KAFKA_REPLICATION_FACTOR,
        configEntries: Object.entries(topicConfiguration(topic)?.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    );
    if (missing.length > 0) logger.log(`Created topics (here or by a service starting alongside): ${missing.join(', ')}`);
    const corrected = await alignTopicConfigurations(
      admin,
      wanted.filter((topic) => !missing.includes(topic)),
    );
    if (corrected.length > 0) logger.log(`Corrected the configuration of topics: ${corrected.join(', ')}`);
  } catch (error) {
    logger.warn(`Could not provision topics (the consumer keeps retrying): ${(error as Error).message}`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Sets the declared entries on existing topics where they differ; other entries the operator set stay. Returns the topics changed. */
export async function alignTopicConfigurations(admin: Admin, topics: string[]): Promise<string[]> {
  const declared = topics.flatMap((topic) => {
    const configuration = topicConfiguration(topic);
    return configuration ? [configuration] : [];
  });
  if (declared.length === 0) return [];
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: declared.map(({ topic }) => ({ type: ConfigResourceTypes.TOPIC, name: topic })),
  });
  const changes = declared.flatMap(({ topic, config }) => {
    const current = described.resources.find((resource) => resource.resourceName === topic)?.configEntries ?? [];
    const differs = Object.entries(config).some(([name, value]) => current.find((entry) => entry.configName === name)?.configValue !== value);
    if (!differs) return [];
    // alterConfigs replaces the topic's whole dynamic configuration: keep what others set explicitly.
    const kept = current.filter((entry) => entry.configSource === ConfigSource.TOPIC_CONFIG && !(entry.configName in config));
    return [
      {
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configEntries: [
          ...kept.map((entry) => ({ name: entry.configName, value: entry.configValue })),
          ...Object.entries(config).map(([name, value]) => ({ name, value })),
        ],
      },
    ];
  });
  if (changes.length === 0) return [];
  await admin.alterConfigs({ validateOnly: false, resources: changes });
  return changes.map((change) => change.name);
}
