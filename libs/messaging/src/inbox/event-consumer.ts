import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkEventData,
  deadLetterTopic,
  DLQ_CONSUMER_HEADER,
  DLQ_REASON_HEADER,
  EventAttributes,
  EventDefinition,
  fromKafkaHeaders,
} from '@tequio/contracts';
import { Counter, Histogram } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { EventProducer } from '../kafka/event-producer';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging-options';
import { metric } from '../metrics';
import { isTransientFailure } from './failure-kind';

export interface InboxContext {
  /** The transaction that also records the event id: the handler's writes and the dedup row commit together. */
  manager: EntityManager;
  event: EventAttributes;
}

export type InboxHandler<TData = unknown> = (data: TData, context: InboxContext) => Promise<void>;

/** Binds an event definition to its handler with the data typed from the definition's schema. */
export function on<TSchema extends z.ZodType>(definition: EventDefinition<TSchema>, handler: InboxHandler<z.infer<TSchema>>): [string, InboxHandler] {
  return [definition.type, handler as InboxHandler];
}

export type ConsumeOutcome = 'processed' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface ConsumeOptions {
  /**
   * Names the handler in the inbox, so two handlers of one topic in one service each apply the event once.
   * Without it the inbox key is the service alone: fine while a service has one handler per topic.
   */
  handler?: string;
}

const FIRST_RETRY_MS = 200;

const handlerDuration = metric(
  'tequio_event_handler_duration_seconds',
  () =>
    new Histogram({
      name: 'tequio_event_handler_duration_seconds',
      help: 'Time to apply one event (handler and inbox row, one transaction), by topic and outcome',
      labelNames: ['topic', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
    }),
);
const deadLettered = metric(
  'tequio_events_dead_lettered_total',
  () =>
    new Counter({
      name: 'tequio_events_dead_lettered_total',
      help: 'Events sent to a dead-letter topic',
      labelNames: ['topic'],
    }),
);
const transientRetries = metric(
  'tequio_event_transient_retries_total',
  () =>
    new Counter({
      name: 'tequio_event_transient_retries_total',
      help: 'Retries of events whose handler failed for a transient reason (database outage, lock timeout)',
      labelNames: ['topic'],
    }),
);
const consumed = metric(
  'tequio_events_consumed_total',
  () =>
    new Counter({
      name: 'tequio_events_consumed_total',
      help: 'Consumed events by outcome',
      labelNames: ['topic', 'outcome'],
    }),
);

/**
 * Idempotent, poison-proof consumption: validate every message of the topic against the contract (handled
 * type or not), then apply the handler and record the event id in one
 * transaction. Poison goes to `<topic>.dlq` at once with the reason: an invalid event, an `EventRejected`
 * rule, or a handler that keeps failing for a reason that is not transient. A transient failure (database
 * outage, lock timeout, serialization failure) is retried with capped backoff while the partition is paused,
 * for as long as it lasts: the offset is never committed past an event that was not applied.
 */
@Injectable()
export class EventConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async consume(context: KafkaContext, handlers: Iterable<[string, InboxHandler]>, options: ConsumeOptions = {}): Promise<ConsumeOutcome> {
    const consumer = options.handler ? `${this.options.service}.${options.handler}` : this.options.service;
    const end = handlerDuration.startTimer({ topic: context.getTopic() });
    const outcome = await this.process(context, new Map(handlers), consumer);
    end({ outcome });
    consumed.inc({ topic: context.getTopic(), outcome });
    return outcome;
  }

  private async process(context: KafkaContext, handlers: Map<string, InboxHandler>, consumer: string): Promise<ConsumeOutcome> {
    const topic = context.getTopic();
    const message = context.getMessage();
    const headers = fromKafkaHeaders(message.headers);
    if (!headers.success) return this.deadLetter(context, headers.reason);
    const { attributes } = headers;
    // Everything on a topic we read is checked against the contract, handled or not: an unknown type (a future
    // one included), a type of another topic or invalid data is poison for every consumer, not only for the
    // one that happens to handle it. Only a valid event of a type this service does not need is skipped.
    const checked = checkEventData(attributes.type, message.value, topic);
    if (!checked.success) return this.deadLetter(context, checked.reason);
    const handler = handlers.get(attributes.type);
    if (!handler) return 'ignored';

    let failedAttempts = 0;
    let transientFailures = 0;
    try {
      for (;;) {
        try {
          return await this.applyOnce(topic, consumer, attributes, checked.data, handler);
        } catch (error) {
          const message = (error as Error).message;
          if (isTransientFailure(error)) {
            if (this.stopping) throw error; // not committed: the next owner of the partition applies it
            if (transientFailures++ === 0) {
              this.logger.warn(`${attributes.type} ${attributes.id}: transient failure, retrying until it passes: ${message}`);
              this.pausePartition(context);
            }
            transientRetries.inc({ topic });
          } else {
            failedAttempts += 1;
            const reason = `handler failed after ${failedAttempts} attempt(s): ${message}`;
            if ((error as Error).name === 'EventRejected' || failedAttempts >= this.options.consumerMaxAttempts)
              return this.deadLetter(context, reason);
            this.logger.warn(`${attributes.type} ${attributes.id}: ${reason}; retrying`);
          }
          await this.waitBeforeRetry(context, failedAttempts + transientFailures);
        }
      }
    } finally {
      if (transientFailures > 0) {
        this.resumePartition(context);
        this.logger.log(`${attributes.type} ${attributes.id}: applied after ${transientFailures} transient failure(s)`);
      }
    }
  }

  /** Capped exponential backoff that keeps the group membership alive (a paused handler must not be evicted). */
  private async waitBeforeRetry(context: KafkaContext, attempt: number): Promise<void> {
    const delay = Math.min(this.options.consumerMaxBackoffMs ?? 5000, FIRST_RETRY_MS * 2 ** Math.min(attempt - 1, 10));
    await new Promise((r) => setTimeout(r, delay));
    await context
      .getHeartbeat?.()()
      .catch(() => undefined);
  }

  private pausePartition(context: KafkaContext): void {
    try {
      context.getConsumer?.()?.pause([{ topic: context.getTopic(), partitions: [context.getPartition()] }]);
    } catch {
      // Pausing only spares fetches; the blocked handler already holds the partition back.
    }
  }

  private resumePartition(context: KafkaContext): void {
    try {
      context.getConsumer?.()?.resume([{ topic: context.getTopic(), partitions: [context.getPartition()] }]);
    } catch {
      // See pausePartition.
    }
  }

  private applyOnce(topic: string, consumer: string, event: EventAttributes, data: unknown, handler: InboxHandler): Promise<ConsumeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (event_id, consumer, topic, event_type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, consumer, topic, event.type],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler(data, { manager, event });
      return 'processed';
    });
  }

  private async deadLetter(context: KafkaContext, reason: string): Promise<ConsumeOutcome> {
    const topic = context.getTopic();
    const message = context.getMessage();
    deadLettered.inc({ topic });
    this.logger.warn(`Dead-lettering a message from ${topic} (partition ${context.getPartition()}, offset ${message.offset}): ${reason}`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = String(value);
    }
    const value = typeof message.value === 'string' || Buffer.isBuffer(message.value) ? message.value : JSON.stringify(message.value);
    // If the DLQ itself cannot be written the error propagates and Kafka redelivers: nothing is lost.
    await this.producer.send([
      {
        topic: deadLetterTopic(topic),
        messages: [
          {
            key: message.key === null || message.key === undefined ? null : String(message.key),
            value,
            headers: {
              ...headers,
              [DLQ_REASON_HEADER]: reason,
              [DLQ_CONSUMER_HEADER]: this.options.service,
            },
          },
        ],
      },
    ]);
    return 'dead-lettered';
  }
}
