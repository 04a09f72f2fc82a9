import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { toKafkaHeaders } from '@tequio/contracts';
import { Message } from 'kafkajs';
import { Counter, Gauge } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { EventProducer } from '../kafka/event-producer';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging-options';
import { metric } from '../metrics';
import { isBrokerUnavailable } from './kafka-failure';

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  event_type: string;
  tenant: string;
  source: string;
  occurred_at: Date;
  payload: unknown;
  attempts: number;
}

export interface ParkedOutboxRow {
  id: string;
  topic: string;
  messageKey: string;
  eventType: string;
  tenant: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  parkedAt: Date;
}

interface PassResult {
  sent: number;
  /** Set when the broker itself was unreachable: the whole relay backs off. */
  brokerError?: Error;
}

/*
 * Takes only the oldest unsent row of each aggregate: with several replicas (SKIP LOCKED lets them
 * share the work) a later event of an aggregate can never overtake an earlier one. A row waiting for its
 * next attempt, or parked, holds back the later rows of its own key only. This relies on writers locking the
 * aggregate before inserting its outbox row (ADR 0003): seq order is then the order of the changes.
 */
const CLAIM_BATCH = `
  SELECT o.id, o.topic, o.message_key, o.event_type, o.tenant, o.source, o.occurred_at, o.payload, o.attempts
  FROM outbox o
  WHERE o.sent_at IS NULL AND o.parked_at IS NULL
    AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
    AND NOT EXISTS (
      SELECT 1 FROM outbox earlier
      WHERE earlier.topic = o.topic AND earlier.message_key = o.message_key
        AND earlier.sent_at IS NULL AND earlier.seq < o.seq)
  ORDER BY o.seq
  LIMIT $1
  FOR UPDATE OF o SKIP LOCKED`;

const MAX_BACKOFF_MS = 30_000;
/** Short, so delivery resumes within seconds of the broker's return; one failed connect every 5 s costs nothing. */
const OUTAGE_BACKOFF_MS = 5_000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const GAUGES_EVERY_MS = 5000;
const DEFAULT_MAX_ATTEMPTS = 10;

const published = metric('tequio_outbox_published_total', () =>
  new Counter({ name: 'tequio_outbox_published_total', help: 'Events published from the outbox', labelNames: ['topic'] }),
);
const failures = metric('tequio_outbox_publish_failures_total', () =>
  new Counter({ name: 'tequio_outbox_publish_failures_total', help: 'Failed outbox publish attempts' }),
);

const backlog = metric('tequio_outbox_backlog', () => new Gauge({ name: 'tequio_outbox_backlog', help: 'Unsent outbox rows that are not parked' }));
const oldestUnsentAge = metric('tequio_outbox_oldest_unsent_age_seconds', () =>
  new Gauge({ name: 'tequio_outbox_oldest_unsent_age_seconds', help: 'Age of the oldest unsent, unparked outbox row (0 when none)' }),
);
const parked = metric('tequio_outbox_parked', () =>
  new Gauge({ name: 'tequio_outbox_parked', help: 'Outbox rows parked after repeated refusals by Kafka; see GET /outbox/parked' }),
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
  private lastGauges = 0;

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

  /**
   * Publishes one batch; returns how many events were sent. Throws when the broker is unreachable (after
   * recording the error on the rows). Exposed for tests and benchmarks.
   */
  async publishBatch(): Promise<number> {
    const result = await this.publishPass();
    if (result.brokerError) throw result.brokerError;
    return result.sent;
  }

  private publishPass(): Promise<PassResult> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(CLAIM_BATCH, [this.options.outboxBatchSize]);
      if (rows.length === 0) return { sent: 0 };
      try {
        await this.send(rows);
        await this.markSent(manager, rows);
        return { sent: rows.length };
      } catch (error) {
        if (isBrokerUnavailable(error)) {
          await this.recordFailure(manager, rows, error as Error, false);
          return { sent: 0, brokerError: error as Error };
        }
      }
      // Kafka refused something in the batch: find out which row, so the others go on.
      const sent: OutboxRow[] = [];
      for (const row of rows) {
        try {
          await this.send([row]);
          sent.push(row);
        } catch (error) {
          await this.recordFailure(manager, [row], error as Error, !isBrokerUnavailable(error));
        }
      }
      await this.markSent(manager, sent);
      return { sent: sent.length };
    });
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), messageOf(row)]);
    await this.producer.send([...byTopic].map(([topic, messages]) => ({ topic, messages })));
  }

  private async markSent(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(`UPDATE outbox SET sent_at = now(), attempts = attempts + 1, next_attempt_at = NULL WHERE id = ANY($1::uuid[])`, [
      rows.map((r) => r.id),
    ]);
    const byTopic = new Map<string, number>();
    for (const row of rows) byTopic.set(row.topic, (byTopic.get(row.topic) ?? 0) + 1);
    for (const [topic, count] of byTopic) published.inc({ topic }, count);
  }

  /** A refused row waits longer each time and is parked after `outboxMaxAttempts`; a broker outage blames no row. */
  private async recordFailure(manager: EntityManager, rows: OutboxRow[], error: Error, blameRow: boolean): Promise<void> {
    const maxAttempts = this.options.outboxMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    for (const row of rows) {
      const attempts = row.attempts + 1;
      const park = blameRow && attempts >= maxAttempts;
      const delayMs = blameRow ? Math.min(MAX_BACKOFF_MS, this.options.outboxPollMs * 2 ** Math.min(attempts, 10)) : 0;
      await manager.query(
        `UPDATE outbox SET attempts = $2, last_error = $3,
           next_attempt_at = CASE WHEN $4::int > 0 THEN now() + make_interval(secs => $4::int / 1000.0) END,
           parked_at = CASE WHEN $5::boolean THEN now() END
         WHERE id = $1`,
        [row.id, attempts, error.message.slice(0, 2000), delayMs, park],
      );
      if (park) this.logger.error(`Outbox row ${row.id} (${row.event_type}, key ${row.message_key}) parked after ${attempts} attempts: ${error.message}`);
      else if (blameRow) this.logger.warn(`Kafka refused outbox row ${row.id} (${row.event_type}), attempt ${attempts}: ${error.message}`);
    }
  }

  /** A tenant's parked rows, oldest first, for the admin endpoint. */
  async parkedRows(tenant: string, limit = 100): Promise<ParkedOutboxRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id, topic, message_key, event_type, tenant, attempts, last_error, created_at, parked_at
       FROM outbox WHERE parked_at IS NOT NULL AND sent_at IS NULL AND tenant = $1 ORDER BY seq LIMIT $2`,
      [tenant, limit],
    );
    return rows.map((row) => ({
      id: row['id'] as string,
      topic: row['topic'] as string,
      messageKey: row['message_key'] as string,
      eventType: row['event_type'] as string,
      tenant: row['tenant'] as string,
      attempts: row['attempts'] as number,
      lastError: row['last_error'] as string | null,
      createdAt: row['created_at'] as Date,
      parkedAt: row['parked_at'] as Date,
    }));
  }

  /** Puts a parked row back in line (e.g. after raising the broker's size limit); false when no such parked row. */
  async retryParked(tenant: string, id: string): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE outbox SET parked_at = NULL, next_attempt_at = NULL, attempts = 0
       WHERE id = $1 AND tenant = $2 AND parked_at IS NOT NULL AND sent_at IS NULL`,
      [id, tenant],
    );
    this.nudge();
    return (result[1] ?? 0) > 0;
  }

  /** Refreshes the backlog, oldest-unsent-age and parked gauges. */
  async updateGauges(): Promise<void> {
    const [row]: { backlog: number; parked: number; oldest: number | null }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS backlog,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
              extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL))::float AS oldest
       FROM outbox WHERE sent_at IS NULL`,
    );
    backlog.set(row.backlog);
    parked.set(row.parked);
    oldestUnsentAge.set(row.oldest ?? 0);
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
      if (Date.now() - this.lastGauges > GAUGES_EVERY_MS) {
        this.lastGauges = Date.now();
        await this.updateGauges().catch(() => undefined);
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
      await this.sleep(relayPauseMs(this.options.outboxPollMs, this.consecutiveFailures));
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

/** The relay's pause before its next pass: the poll interval, or after failed passes (broker or database away) a doubling backoff. */
export function relayPauseMs(pollMs: number, consecutiveFailures: number): number {
  if (consecutiveFailures === 0) return pollMs;
  return Math.min(OUTAGE_BACKOFF_MS, pollMs * 2 ** Math.min(consecutiveFailures, 10));
}

function messageOf(row: OutboxRow): Message {
  return {
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
  };
}
