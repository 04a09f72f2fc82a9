import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DEFAULT_MUNICIPAL_TIME_ZONE, deadLetterTopic, DLQ_CONSUMER_HEADER, DLQ_REASON_HEADER, MetricMapping } from '@tequio/contracts';
import { createKafkaClient, EventProducer, MESSAGING_OPTIONS, MessagingOptions } from '@tequio/messaging';
import { SERVICE_CONFIG, ServiceConfig } from '@tequio/platform';
import { Consumer, EachBatchPayload, Message } from 'kafkajs';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { prepareBatch } from './fact-batch';
import { FactsRepository } from './facts.repository';

/** The mappings reporting applies; METRIC_MAPPINGS in production, a test may provide its own. */
export const FACT_MAPPINGS = Symbol('FACT_MAPPINGS');

/** The producer topics to ingest: those of every mapped event, so a producer that lands is ingested as it is. */
export function factTopics(mappings: readonly MetricMapping[]): string[] {
  return [...new Set(mappings.map((mapping) => mapping.event.topic))].sort();
}

/**
 * Consumes every producer topic in batches (kafkajs `eachBatch`): validates and maps each event, parks the invalid
 * ones in `<topic>.dlq` with the reason, and applies the rest in one statement. A database failure throws, so kafkajs
 * retries the batch from its last resolved offset: the records' stored versions make that safe.
 */
@Injectable()
export class FactIngestor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FactIngestor.name);
  private readonly byType: Map<string, MetricMapping>;
  private consumer?: Consumer;
  private paused = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    @Inject(FACT_MAPPINGS) private readonly mappings: readonly MetricMapping[],
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly facts: FactsRepository,
    private readonly snapshots: CatalogSnapshotsRepository,
    private readonly producer: EventProducer,
    private readonly moduleRef: ModuleRef,
  ) {
    this.byType = new Map(mappings.map((mapping) => [mapping.event.type, mapping]));
  }

  async onApplicationBootstrap(): Promise<void> {
    const topics = factTopics(this.mappings);
    if (topics.length === 0) return;
    const config = this.moduleRef.get<ServiceConfig>(SERVICE_CONFIG, { strict: false });
    const consumer = createKafkaClient(`tequio-${this.options.service}-facts`, this.options.brokers, this.options.security).consumer({
      groupId: `${config.KAFKA_CONSUMER_GROUP}-facts`,
      allowAutoTopicCreation: true,
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => {
        const work = this.ingest(payload);
        this.inFlight = this.inFlight.then(() => work).catch(() => undefined);
        return work;
      },
    });
    this.logger.log(`Ingesting facts from ${topics.join(', ')}`);
  }

  /** Stops taking new batches and waits for those being applied (for a replay's swap). */
  async pause(): Promise<void> {
    this.paused = true;
    const topics = factTopics(this.mappings);
    if (this.consumer && topics.length > 0) this.consumer.pause(topics.map((topic) => ({ topic })));
    await this.inFlight;
  }

  resume(): void {
    this.paused = false;
    const topics = factTopics(this.mappings);
    if (this.consumer && topics.length > 0) this.consumer.resume(topics.map((topic) => ({ topic })));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
  }

  private async ingest({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    // A paused batch is left unresolved: kafkajs fetches it again after resume.
    if (this.paused || !isRunning() || isStale() || batch.messages.length === 0) return;
    const zones = await this.snapshots.timeZones();
    const timeZoneOf = (tenant: string) => zones.get(tenant) ?? DEFAULT_MUNICIPAL_TIME_ZONE;
    const { updates, rejected } = prepareBatch(batch.topic, batch.messages, this.byType, timeZoneOf);
    if (rejected.length > 0) {
      const parked: Message[] = rejected.map(({ message, reason }) => {
        this.logger.warn(`Dead-lettering ${batch.topic} partition ${batch.partition} offset ${message.offset}: ${reason}`);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(value);
        return { key: message.key, value: message.value, headers: { ...headers, [DLQ_REASON_HEADER]: reason, [DLQ_CONSUMER_HEADER]: this.options.service } };
      });
      await this.producer.send([{ topic: deadLetterTopic(batch.topic), messages: parked }]);
    }
    await this.facts.applyBatch(updates);
    resolveOffset(batch.lastOffset());
    await heartbeat();
  }
}
