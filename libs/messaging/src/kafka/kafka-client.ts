import { Logger } from '@nestjs/common';
import { Kafka, KafkaConfig, logLevel, LogEntry } from 'kafkajs';

/** TLS and SASL settings of the brokers' listener; empty for a plaintext development broker. */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

const nestLogger = new Logger('kafkajs');

/** Routes kafkajs' own logs through Nest's logger (and so into the JSON logs). */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
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
