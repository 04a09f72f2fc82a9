import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DEFAULT_MUNICIPAL_TIME_ZONE, MetricMapping } from '@tequio/contracts';
import { createKafkaClient, MESSAGING_OPTIONS, MessagingOptions } from '@tequio/messaging';
import { SERVICE_CONFIG, ServiceConfig } from '@tequio/platform';
import { randomUUID } from 'node:crypto';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { FACT_MAPPINGS, FactIngestor, factTopics } from './fact-ingestor';
import { prepareBatch } from './fact-batch';
import { FactsRepository, REBUILD_TABLES } from './facts.repository';

export interface ReplayResult {
  events: number;
  records: number;
  facts: number;
  seconds: number;
}

/**
 * Rebuilds the facts from the producer topics, from the beginning, into fresh tables, then swaps them in. Live
 * ingestion of this instance pauses only for the final catch-up and the swap, so no event is applied to tables
 * that are about to be replaced. Run it with one reporting instance (others' ingestion is not paused).
 */
@Injectable()
export class FactReplay {
  private readonly logger = new Logger(FactReplay.name);
  private running = false;

  constructor(
    @Inject(FACT_MAPPINGS) private readonly mappings: readonly MetricMapping[],
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly facts: FactsRepository,
    private readonly snapshots: CatalogSnapshotsRepository,
    private readonly live: FactIngestor,
    private readonly moduleRef: ModuleRef,
  ) {}

  async run(): Promise<ReplayResult> {
    if (this.running) throw new Error('a replay is already running');
    this.running = true;
    const started = Date.now();
    try {
      await this.facts.createRebuildTables();
      const kafka = createKafkaClient(`tequio-${this.options.service}-replay`, this.options.brokers, this.options.security);
      const topics = factTopics(this.mappings);
      const byType = new Map(this.mappings.map((mapping) => [mapping.event.type, mapping]));
      const admin = kafka.admin();
      await admin.connect();
      const config = this.moduleRef.get<ServiceConfig>(SERVICE_CONFIG, { strict: false });
      const consumer = kafka.consumer({
        groupId: `${config.KAFKA_CONSUMER_GROUP}-replay-${randomUUID()}`,
        maxBytesPerPartition: 8 * 1024 * 1024,
        maxWaitTimeInMs: this.options.fetchMaxWaitMs,
      });
      let events = 0;
      let crashed: Error | undefined;
      consumer.on(consumer.events.CRASH, (event) => (crashed = event.payload.error));
      const position = new Map<string, bigint>();
      try {
        await consumer.connect();
        if (topics.length > 0) {
          await consumer.subscribe({ topics, fromBeginning: true });
          await consumer.run({
            eachBatchAutoResolve: false,
            partitionsConsumedConcurrently: 3,
            eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
              const zones = await this.snapshots.timeZones();
              // Invalid events were dead-lettered when they first arrived; the rebuild skips them the same way.
              const { updates } = prepareBatch(batch.topic, batch.messages, byType, (tenant) => zones.get(tenant) ?? DEFAULT_MUNICIPAL_TIME_ZONE);
              await this.facts.applyBatch(updates, REBUILD_TABLES);
              events += batch.messages.length;
              resolveOffset(batch.lastOffset());
              position.set(`${batch.topic}|${batch.partition}`, BigInt(batch.lastOffset()) + 1n);
              await heartbeat();
            },
          });
        }
        const caughtUp = async () => {
          for (const topic of topics) {
            for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
              if (BigInt(high) > BigInt(low) && (position.get(`${topic}|${partition}`) ?? BigInt(low)) < BigInt(high)) return false;
            }
          }
          return true;
        };
        const waitUntilCaughtUp = async () => {
          while (!(await caughtUp())) {
            if (crashed) throw new Error(`the replay consumer failed: ${crashed.message}`);
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        await waitUntilCaughtUp();
        // Final catch-up with live ingestion paused: everything live applied is now in the rebuilt tables too.
        await this.live.pause();
        try {
          await waitUntilCaughtUp();
          await this.facts.swapRebuildTables();
        } finally {
          this.live.resume();
        }
      } finally {
        await consumer.disconnect().catch(() => undefined);
        await admin.disconnect().catch(() => undefined);
      }
      const counts = await this.facts.counts();
      const result = { events, ...counts, seconds: (Date.now() - started) / 1000 };
      this.logger.log(`Replayed ${events} events into ${counts.records} records and ${counts.facts} facts in ${result.seconds} s`);
      return result;
    } finally {
      this.running = false;
    }
  }
}
