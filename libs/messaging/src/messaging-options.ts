import type { KafkaSecurity } from './kafka/kafka-client';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  /** Service name: kafkajs client id, CloudEvents `source` (`/tequio/<service>`) and inbox consumer name. */
  service: string;
  brokers: string[];
  /** TLS/SASL of the brokers' listener. */
  security?: KafkaSecurity;
  /** How long an idle fetch waits on the broker; a consumer's disconnect waits for it (default: kafkajs' 5000). */
  fetchMaxWaitMs?: number;
  /** How often the relay looks for unsent outbox rows when idle. */
  outboxPollMs: number;
  outboxBatchSize: number;
  /** Failed publish attempts of one outbox row (Kafka refused it) before it is parked; later rows of its key wait. */
  outboxMaxAttempts?: number;
  /** Publishing can be switched off, e.g. in a migrations-only process. */
  relayEnabled: boolean;
  /** Attempts of a handler failing for a non-transient reason before the event is dead-lettered. */
  consumerMaxAttempts: number;
  /** Longest wait between retries of an event (transient failures are retried until they pass). */
  consumerMaxBackoffMs?: number;
  /** Sent outbox rows are kept this long (for inspection), then deleted. */
  outboxRetentionHours?: number;
  /**
   * Processed event ids are kept this long; it must exceed the topics' retention, or a replayed
   * event older than it would be applied again.
   */
  inboxRetentionDays?: number;
}
