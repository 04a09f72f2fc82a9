import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig, logLevel, LogEntry } from 'kafkajs';

/** TLS and SASL settings of the brokers' listener; empty for a plaintext development broker. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

const nestLogger = new Logger('kafkajs');

/*
 * Answers a broker gives while it (or a topic, or a group coordinator) is still coming up. kafkajs retries them
 * itself, so on a first start they are noise, not errors; if they never clear, the retry that gives up logs. A
 * partition's new leader can also take a moment to serve it after the metadata names it ("not the leader").
 */
const STILL_STARTING =
  /coordinator is (not available|loading)|not the correct coordinator|leader(ship)? (is )?not available|There is no leader|does not host this topic-partition|This server does not host|not the leader for that topic-partition/i;

/** The level a kafkajs log line is worth: transient start-up answers are debug, the rest keeps its level. */
export function kafkaLogLevel(level: logLevel, log: { message?: string; error?: unknown }): logLevel {
  if (level === logLevel.ERROR && STILL_STARTING.test(`${log.error ?? ''} ${log.message ?? ''}`)) return logLevel.DEBUG;
  return level;
}

/** Routes kafkajs' own logs through Nest's logger (and so into the JSON logs). */
function logCreator() {
  return ({ level: reported, log }: LogEntry) => {
    const { message, ...extra } = log;
    const level = kafkaLogLevel(reported, log as { message?: string; error?: unknown });
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) nestLogger.error(line);
    else if (level === logLevel.WARN) nestLogger.warn(line);
    else nestLogger.debug(line);
  };
}

/**
 * Short client-level retries: during a broker outage callers (relay, dead-lettering) fail fast
 * and apply their own backoff instead of blocking for minutes.
 */
export function createKafkaClient(clientId: string, brokers: string[], security: KafkaSecurity = {}): Kafka {
  return new Kafka({
    clientId,
    brokers,
    ...security,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
  });
}

/** Kafka client options for Nest's Kafka transport (the consumer side). */
export function kafkaTransportClientOptions(clientId: string, brokers: string[], security: KafkaSecurity = {}) {
  return {
    clientId,
    brokers,
    ...security,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 5000 },
  };
}
