import type { KafkaConfig } from 'kafkajs';
import { readFileSync } from 'node:fs';
import { ServiceConfig } from './service-config';

type KafkaSecuritySettings = Pick<
  ServiceConfig,
  'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD' | 'KAFKA_TLS' | 'KAFKA_TLS_CA_FILE'
>;

type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** The brokers' listener security from the configuration: TLS (optionally with a private CA) and SASL PLAIN/SCRAM. */
export function kafkaSecurity(config: KafkaSecuritySettings): KafkaSecurity {
  const security: KafkaSecurity = {};
  if (config.KAFKA_TLS) {
    security.ssl = config.KAFKA_TLS_CA_FILE ? { ca: [readFileSync(config.KAFKA_TLS_CA_FILE, 'utf8')] } : true;
  }
  if (config.KAFKA_SASL_MECHANISM !== 'none') {
    security.sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME ?? '',
      password: config.KAFKA_SASL_PASSWORD ?? '',
    } as KafkaSecurity['sasl'];
  }
  return security;
}
