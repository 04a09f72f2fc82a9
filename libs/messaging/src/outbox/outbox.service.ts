import { Inject, Injectable } from '@nestjs/common';
import { describeIssues, EventDefinition } from '@tequio/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging-options';

export interface OutgoingEvent<TData> {
  /** Aggregate id: the Kafka message key and CloudEvents `subject`. */
  subject: string;
  tenant: string;
  data: TData;
}

/**
 * Records events in the same transaction as the state change that caused them;
 * the relay publishes them later, so a write and its event never diverge.
 */
@Injectable()
export class OutboxService {
  private readonly source: string;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.source = `/tequio/${options.service}`;
  }

  /** Must be called with the transaction's EntityManager. Returns the event id. */
  async publish<TSchema extends z.ZodType>(
    manager: EntityManager,
    definition: EventDefinition<TSchema>,
    event: OutgoingEvent<z.infer<TSchema>>,
  ): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox publish of ${definition.type} outside a transaction would break atomicity`);
    }
    const parsed = definition.data.safeParse(event.data);
    if (!parsed.success) {
      // A producer bug, not user input: refuse to emit what consumers would dead-letter.
      throw new Error(`Refusing to publish invalid ${definition.type}: ${describeIssues(parsed.error)}`);
    }
    const id = randomUUID();
    await manager.query(
      `INSERT INTO outbox (id, topic, message_key, event_type, tenant, source, occurred_at, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, definition.topic, event.subject, definition.type, event.tenant, this.source, new Date().toISOString(), JSON.stringify(parsed.data)],
    );
    return id;
  }

  /** Many events of one type in one statement (bulk recomputations); same checks as `publish`. Returns the ids. */
  async publishMany<TSchema extends z.ZodType>(
    manager: EntityManager,
    definition: EventDefinition<TSchema>,
    events: OutgoingEvent<z.infer<TSchema>>[],
  ): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox publish of ${definition.type} outside a transaction would break atomicity`);
    }
    if (events.length === 0) return [];
    const payloads = events.map((event) => {
      const parsed = definition.data.safeParse(event.data);
      if (!parsed.success) throw new Error(`Refusing to publish invalid ${definition.type}: ${describeIssues(parsed.error)}`);
      return parsed.data;
    });
    const ids = events.map(() => randomUUID());
    const occurredAt = new Date().toISOString();
    // The payloads travel as one JSON array, not a text[] of JSON strings: no per-element array escaping in the driver
    // nor array-literal parsing in PostgreSQL (the bulk of a large batch's cost).
    await manager.query(
      `INSERT INTO outbox (id, topic, message_key, event_type, tenant, source, occurred_at, payload)
       SELECT id, $1, message_key, $2, tenant, $3, $4, payload
       FROM ROWS FROM (unnest($5::uuid[]), unnest($6::text[]), unnest($7::text[]), jsonb_array_elements($8::jsonb)) AS e(id, message_key, tenant, payload)`,
      [definition.topic, definition.type, this.source, occurredAt, ids, events.map((e) => e.subject), events.map((e) => e.tenant), JSON.stringify(payloads)],
    );
    return ids;
  }
}
