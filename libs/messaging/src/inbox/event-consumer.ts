import { Inject, Injectable, Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkEventData,
  deadLetterTopic,
  DLQ_CONSUMER_HEADER,
  DLQ_REASON_HEADER,
  EventAttributes,
  EventDefinition,
  findEventDefinition,
  fromKafkaHeaders,
} from '@tequio/contracts';
import { Counter } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { EventProducer } from '../kafka/event-producer';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging-options';
import { metric } from '../metrics';

export interface InboxContext {
  /** The transaction that also records the event id: the handler's writes and the dedup row commit together. */
  manager: EntityManager;
  event: EventAttributes;
}

export type InboxHandler<TData = unknown> = (data: TData, context: InboxContext) => Promise<void>;

/** Binds an event definition to its handler with the data typed from the definition's schema. */
export function on<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  handler: InboxHandler<z.infer<TSchema>>,
): [string, InboxHandler] {
  return [definition.type, handler as InboxHandler];
}

export type ConsumeOutcome = 'processed' | 'duplicate' | 'ignored' | 'dead-lettered';

const consumed = metric('tequio_events_consumed_total', () =>
  new Counter({ name: 'tequio_events_consumed_total', help: 'Consumed events by outcome', labelNames: ['topic', 'outcome'] }),
);

/**
 * Idempotent, poison-proof consumption: validate, then apply the handler and record the event id in one
 * transaction. Invalid events, and events whose handler keeps failing, go to `<topic>.dlq` with the reason.
 */
@Injectable()
export class EventConsumer {
  private readonly logger = new Logger(EventConsumer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: EventProducer,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async consume(context: KafkaContext, handlers: Iterable<[string, InboxHandler]>): Promise<ConsumeOutcome> {
    const outcome = await this.process(context, new Map(handlers));
    consumed.inc({ topic: context.getTopic(), outcome });
    return outcome;
  }

  private async process(context: KafkaContext, handlers: Map<string, InboxHandler>): Promise<ConsumeOutcome> {
    const topic = context.getTopic();
    const message = context.getMessage();
    const headers = fromKafkaHeaders(message.headers);
    if (!headers.success) return this.deadLetter(context, headers.reason);
    const { attributes } = headers;
    const handler = handlers.get(attributes.type);
    if (!handler) {
      // A known event this service does not need is fine; an unknown one on our topic is not.
      if (findEventDefinition(attributes.type)?.topic === topic) return 'ignored';
      return this.deadLetter(context, `unknown event type "${attributes.type}" on ${topic}`);
    }
    const checked = checkEventData(attributes.type, message.value, topic);
    if (!checked.success) return this.deadLetter(context, checked.reason);

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.applyOnce(topic, attributes, checked.data, handler);
      } catch (error) {
        const reason = `handler failed after ${attempt} attempt(s): ${(error as Error).message}`;
        if (attempt >= this.options.consumerMaxAttempts) return this.deadLetter(context, reason);
        this.logger.warn(`${attributes.type} ${attributes.id}: ${reason}; retrying`);
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private applyOnce(topic: string, event: EventAttributes, data: unknown, handler: InboxHandler): Promise<ConsumeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (event_id, consumer, topic, event_type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, this.options.service, topic, event.type],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler(data, { manager, event });
      return 'processed';
    });
  }

  private async deadLetter(context: KafkaContext, reason: string): Promise<ConsumeOutcome> {
    const topic = context.getTopic();
    const message = context.getMessage();
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
            headers: { ...headers, [DLQ_REASON_HEADER]: reason, [DLQ_CONSUMER_HEADER]: this.options.service },
          },
        ],
      },
    ]);
    return 'dead-lettered';
  }
}
