import { Logger } from '@nestjs/common';
import { EventProducer, metric } from '@tequio/messaging';
import { Gauge } from 'prom-client';

const TIMEOUT_MS = 3000;

const lag = metric('tequio_consumer_lag', () => new Gauge({ name: 'tequio_consumer_lag', help: 'Messages not yet consumed by the service’s group, per partition', labelNames: ['topic', 'partition'] }));

/**
 * Computes the consumer group's lag when Prometheus scrapes (end offset minus committed offset per partition),
 * so the figure is current and nothing polls the broker between scrapes. A broker outage leaves the last values.
 */
export function collectConsumerLag(producer: EventProducer, groupId: string, topics: string[]): void {
  if (topics.length === 0) return;
  const logger = new Logger('ConsumerLag');
  (lag as unknown as { collect?: () => Promise<void> }).collect = async () => {
    const admin = producer.admin();
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
      await Promise.race([
        (async () => {
          await admin.connect();
          const committed = await admin.fetchOffsets({ groupId, topics });
          for (const { topic, partitions } of committed) {
            const ends = await admin.fetchTopicOffsets(topic);
            for (const { partition, high } of ends) {
              const done = partitions.find((p) => p.partition === partition)?.offset ?? '-1';
              const low = ends.find((e) => e.partition === partition)?.low ?? '0';
              const from = done === '-1' ? BigInt(low) : BigInt(done);
              lag.set({ topic, partition: String(partition) }, Number(BigInt(high) - from));
            }
          }
        })(),
        timeout,
      ]);
    } catch (error) {
      logger.debug(`Consumer lag not measured: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    }
  };
}
