import { authConfigProblems } from '@tequio/auth';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');
const brokerList = z
  .string({ error: 'is required (e.g. kafka-0:9092,kafka-1:9092)' })
  .min(1)
  .transform((value) => value.split(',').map((b) => b.trim()).filter(Boolean))
  .refine((brokers) => brokers.length > 0 && brokers.every((b) => /^[^\s:]+:\d+$/.test(b)), {
    message: 'must be a comma-separated list of host:port',
  });

/** Browser origins allowed to call the API (CORS): `https://host[:port]`, comma-separated; empty allows none. */
const originList = z
  .string()
  .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
  .refine((origins) => origins.every((origin) => /^https?:\/\/[^/\s*]+$/.test(origin)), {
    message: 'must be a comma-separated list of origins such as https://tequio.example.gob.mx (scheme and host, no path, no *)',
  });

/** Exported so the deployment checks can compare the Helm chart with what a service really reads. */
export function serviceConfigSchema(service: string, defaultPort: number) {
  return z.object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(defaultPort),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z
      .string({ error: 'is required (e.g. postgres://user:pass@host:5432/tequio)' })
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL'),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
      .default(service),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    MIGRATIONS_RUN: booleanFlag.default(true),
    KAFKA_BROKERS: brokerList,
    KAFKA_CONSUMER_GROUP: z.string().min(1).default(`tequio.${service}`),
    // An idle fetch waits this long on the broker; stopping a consumer waits for it (kafkajs), so shutdowns do too.
    KAFKA_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(10).max(30_000).default(1000),
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(100).default(3),
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(7).default(1),
    // Production clusters declare their topics (Strimzi KafkaTopic or the chart's provisioning Job).
    KAFKA_PROVISION_TOPICS: booleanFlag.default(true),
    KAFKA_SASL_MECHANISM: z.enum(['none', 'plain', 'scram-sha-256', 'scram-sha-512']).default('none'),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    KAFKA_TLS: booleanFlag.default(false),
    KAFKA_TLS_CA_FILE: z.string().optional(),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(250),
    OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
    CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    CONSUMER_MAX_BACKOFF_MS: z.coerce.number().int().min(10).max(300_000).default(5000),
    OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).default(168),
    INBOX_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
    // Abuse limits of the HTTP API (docs/security.md).
    HTTP_JSON_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(100),
    HTTP_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    CORS_ORIGINS: originList.default([]),
    HTTP_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
    HTTP_PUBLIC_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  }).superRefine((config, context) => {
    if (config.KAFKA_SASL_MECHANISM === 'none') return;
    for (const key of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (!config[key]) context.addIssue({ code: 'custom', path: [key], message: `is required when KAFKA_SASL_MECHANISM is ${config.KAFKA_SASL_MECHANISM}` });
    }
  });
}

/** Injection token of the validated configuration. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>> & { SERVICE: string };

export class ConfigurationError extends Error {}

/**
 * Reads and validates the environment once at boot. A bad value stops the service with one line
 * naming the variable, instead of a stack trace minutes later.
 */
export function loadServiceConfig(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = serviceConfigSchema(service, defaultPort).safeParse(env);
  const problems = [...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)), ...authConfigProblems(env)];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration for ${service}: ${problems.join('; ')}`);
  }
  return { ...parsed.data, SERVICE: service };
}
