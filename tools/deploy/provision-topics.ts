/**
 * Creates every topic of the platform with the partitions and configuration declared in `libs/contracts`
 * (TOPIC_CONFIGURATIONS), for clusters where topics are not managed by an operator. Idempotent: existing topics get
 * missing partitions added and their configuration set again. The Helm chart runs it as a pre-install/pre-upgrade
 * Job from the service image (`node provision-topics/main.js`); it reads the same KAFKA_* variables as the services.
 */
import { TOPIC_CONFIGURATIONS, TopicConfiguration } from '@tequio/contracts';
import { ensureTopics } from '@tequio/messaging';
import { kafkaSecurity, ServiceConfig, serviceConfigSchema } from '@tequio/platform';
import { Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';

type KafkaSettings = Pick<ServiceConfig, 'KAFKA_BROKERS' | 'KAFKA_REPLICATION_FACTOR'> & Parameters<typeof kafkaSecurity>[0];

/** The services' own KAFKA_* variables and rules, without the rest of their configuration. */
function kafkaSettings(env: NodeJS.ProcessEnv): KafkaSettings {
  const shape = serviceConfigSchema('topics', 1).shape;
  const kafkaOnly = Object.fromEntries(Object.entries(shape).filter(([key]) => key.startsWith('KAFKA_')));
  return z.object(kafkaOnly).parse(env) as KafkaSettings;
}

export interface ProvisioningResult {
  created: string[];
  partitionsAdded: string[];
  configured: string[];
}

export async function provisionAllTopics(
  admin: Admin,
  replicationFactor: number,
  topics: readonly TopicConfiguration[] = TOPIC_CONFIGURATIONS,
): Promise<ProvisioningResult> {
  // Tolerates services creating the same topics at the same moment, and waits until every partition has a leader.
  const missing = new Set(
    await ensureTopics(
      admin,
      topics.map((t) => ({ topic: t.topic, numPartitions: t.partitions, replicationFactor, configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })) })),
    ),
  );
  const present = topics.filter((t) => !missing.has(t.topic));
  const partitionsAdded: string[] = [];
  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((t) => t.topic) });
    const grow = present.filter((t) => (metadata.topics.find((m) => m.name === t.topic)?.partitions.length ?? 0) < t.partitions);
    if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow.map((t) => ({ topic: t.topic, count: t.partitions })) });
    partitionsAdded.push(...grow.map((t) => t.topic));
    await admin.alterConfigs({
      validateOnly: false,
      resources: present.map((t) => ({
        type: ConfigResourceTypes.TOPIC,
        name: t.topic,
        configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  return { created: [...missing], partitionsAdded, configured: present.map((t) => t.topic) };
}

/** The Job's entry point. */
export async function main(): Promise<void> {
  const settings = kafkaSettings(process.env);
  const kafka = new Kafka({ clientId: 'tequio-provision-topics', brokers: settings.KAFKA_BROKERS, logLevel: logLevel.WARN, ...kafkaSecurity(settings) });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = await provisionAllTopics(admin, settings.KAFKA_REPLICATION_FACTOR);
    process.stdout.write(
      `${JSON.stringify({ msg: 'topics provisioned', created: result.created, partitionsAdded: result.partitionsAdded, configured: result.configured.length })}\n`,
    );
  } finally {
    await admin.disconnect();
  }
}

export function runTopicProvisioning(): void {
  main().catch((error: unknown) => {
    process.stderr.write(`provision-topics failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

if (require.main === module) runTopicProvisioning();
