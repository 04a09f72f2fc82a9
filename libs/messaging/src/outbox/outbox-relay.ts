import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toKafkaHeaders } from '@tequio/contracts';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventProducer } from '../kafka/event-producer';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging-options';
import { metric } from '../metrics';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  tenant: string;
  source: string;
  occurred_at: Date;
  payload: unknown;
}

/*
 * Takes only the oldest unsent row of each aggregate: with several replicas (SKIP LOCKED lets them
 * share the work) a later event of an aggregate can never overtake an earlier one.
 */
const CLAIM_BATCH = `
  SELECT o.id, o.topic, o.message_key, o.event_type, o.tenant, o.source, o.occurred_at, o.payload
  FROM outbox o
  WHERE o.sent_at IS NULL
    AND NOT EXISTS (
      SELECT 1 FROM outbox earlier
      WHERE earlier.topic = o.topic AND earlier.message_key = o.message_key
        AND earlier.sent_at IS NULL AND earlier.seq < o.seq)
  ORDER BY o.seq
  LIMIT $1
  FOR UPDATE OF o SKIP LOCKED`;

const MAX_BACKOFF_MS = 30_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

const published = metric('tequio_outbox_published_total', () =>
  new Counter({ name: 'tequio_outbox_published_total', help: 'Events published from the outbox', labelNames: ['topic'] }),
);
const failures = metric('tequio_outbox_publish_failures_total', () =>
  new Counter({ name: 'tequio_outbox_publish_failures_total', help: 'Failed outbox publish attempts' }),
);

/** Publishes outbox rows to Kafka, marking them sent in the same transaction that claimed them. */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private consecutiveFailures = 0;
  private lastPrune = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.relayEnabled) return;
    this.running = true;
    this.loop = this.runLoop();
  }

  /** Lets the in-flight batch finish (and be marked sent) before the process exits. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Ask for an immediate pass, e.g. right after a transaction that wrote events commits. */
  nudge(): void {
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many events were sent. Exposed for tests and benchmarks. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(CLAIM_BATCH, [this.options.outboxBatchSize]);
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, OutboxRow[]>();
      for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
      await this.producer.send(
        [...byTopic].map(([topic, topicRows]) => ({
          topic,
          messages: topicRows.map((row) => ({
            key: row.message_key,
            value: JSON.stringify(row.payload),
            headers: toKafkaHeaders({
              id: row.id,
              type: row.event_type,
              source: row.source,
              time: new Date(row.occurred_at).toISOString(),
              specversion: '1.0',
              subject: row.message_key,
              tenant: row.tenant,
            }),
          })),
        })),
      );
      await manager.query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
      for (const [topic, topicRows] of byTopic) published.inc({ topic }, topicRows.length);
      return rows.length;
    });
  }

  /** Deletes sent outbox rows and processed inbox ids past their retention; returns how many of each. */
  async pruneProcessed(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.dataSource.query(
      `DELETE FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(hours => $1)`,
      [this.options.outboxRetentionHours ?? 168],
    );
    const inbox = await this.dataSource.query(`DELETE FROM inbox WHERE processed_at < now() - make_interval(days => $1)`, [
      this.options.inboxRetentionDays ?? 30,
    ]);
    return { outbox: outbox[1] ?? 0, inbox: inbox[1] ?? 0 };
  }

  private async runLoop(): Promise<void> {
    while (this.running) {
      if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
        this.lastPrune = Date.now();
        await this.pruneProcessed().catch((error: unknown) => this.logger.warn(`Pruning processed events failed: ${(error as Error).message}`));
      }
      let sent = 0;
      try {
        sent = await this.publishBatch();
        if (this.consecutiveFailures > 0) this.logger.log(`Outbox relay recovered after ${this.consecutiveFailures} failed attempts`);
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        failures.inc();
        this.logger.warn(`Outbox publish failed (attempt ${this.consecutiveFailures}), events stay queued: ${(error as Error).message}`);
      }
      if (sent > 0 && this.consecutiveFailures === 0) continue;
      const delay =
        this.consecutiveFailures === 0
          ? this.options.outboxPollMs
          : Math.min(MAX_BACKOFF_MS, this.options.outboxPollMs * 2 ** Math.min(this.consecutiveFailures, 10));
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
