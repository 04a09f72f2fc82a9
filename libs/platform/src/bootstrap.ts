import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestExpressApplication } from '@nestjs/platform-express';
import { EventProducer, kafkaTransportClientOptions, replayDeadLetters } from '@tequio/messaging';
import { Partitioners } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import { kafkaSecurity } from './config/kafka-security';
import { ConfigurationError, loadServiceConfig, ServiceConfig } from './config/service-config';
import { runMigrations } from './database/migrations';
import { useBodyParsers } from './http/request-body-errors';
import { useKeepAlive } from './http/keep-alive';
import { useHttpHardening } from './http/security-headers';
import { setupOpenApi } from './http/swagger';
import { collectConsumerLag } from './metrics/consumer-lag';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { provisionTopics } from './messaging/topics';
import { PlatformModule } from './platform.module';
import { consumedTopics, ServiceDefinition } from './service-definition';

/**
 * Builds the hybrid app (HTTP + Kafka consumer) without listening: `main.ts` and the integration tests
 * share this, so tests exercise the same wiring that production runs.
 */
export async function createServiceApp(definition: ServiceDefinition, config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(PlatformModule.forService(definition, config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.use(httpMetricsMiddleware);
  useHttpHardening(app, config);
  useBodyParsers(app, config.HTTP_JSON_LIMIT_KB);
  setupOpenApi(app, definition);
  await provisionTopics(app.get(EventProducer), config, definition);
  collectConsumerLag(app.get(EventProducer), config.KAFKA_CONSUMER_GROUP, consumedTopics(definition));
  if (consumedTopics(definition).length > 0) {
    app.connectMicroservice<MicroserviceOptions>(
      {
        transport: Transport.KAFKA,
        options: {
          client: kafkaTransportClientOptions(`tequio-${definition.name}-consumer`, config.KAFKA_BROKERS, kafkaSecurity(config)),
          consumer: { groupId: config.KAFKA_CONSUMER_GROUP, allowAutoTopicCreation: true, maxWaitTimeInMs: config.KAFKA_FETCH_MAX_WAIT_MS },
          subscribe: { fromBeginning: true },
          producer: { createPartitioner: Partitioners.DefaultPartitioner },
          // Keep the configured group id as is: Nest would otherwise append "-server".
          postfixId: '',
        },
      },
      { inheritAppConfig: true },
    );
  }
  return app;
}

/** Starts the app: migrations (unless disabled), Kafka consumer, then HTTP. */
export async function startServiceApp(definition: ServiceDefinition, config: ServiceConfig): Promise<INestApplication> {
  if (config.MIGRATIONS_RUN) await runMigrations(config, definition);
  const app = await createServiceApp(definition, config);
  await app.startAllMicroservices();
  useKeepAlive(app.getHttpServer());
  await app.listen(config.PORT, config.HOST);
  return app;
}

/** `dlq-replay <topic>`: sends a dead-letter topic's parked messages back to their source topic. */
async function replayDeadLetterTopic(definition: ServiceDefinition, config: ServiceConfig, topic: string | undefined): Promise<void> {
  if (!topic) throw new Error('dlq-replay needs a topic, e.g. "dlq-replay tequio.catalog.unit.v1.dlq"');
  const result = await replayDeadLetters(config.KAFKA_BROKERS, topic, definition.name);
  process.stdout.write(`Replayed ${result.replayed} message(s) from ${result.deadLetterTopic} to ${result.sourceTopic}\n`);
}

/**
 * The whole `main.ts` of a service. `node main migrate` only applies migrations (the Helm hook Job);
 * `node main dlq-replay <topic>` replays a dead-letter topic; no argument runs the service.
 */
export function runService(definition: ServiceDefinition): void {
  let config: ServiceConfig;
  try {
    config = loadServiceConfig(definition.name, definition.defaultPort);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const command = process.argv[2] ?? 'serve';
  const work =
    command === 'migrate'
      ? runMigrations(config, definition).then(() => process.exit(0))
      : command === 'dlq-replay'
        ? replayDeadLetterTopic(definition, config, process.argv[3]).then(() => process.exit(0))
        : command === 'serve'
          ? startServiceApp(definition, config).then((app) => app.get(Logger).log(`${definition.name} listening on port ${config.PORT}`))
          : Promise.reject(new Error(`Unknown command "${command}": use "serve" (default), "migrate" or "dlq-replay <topic>"`));
  work.catch((error: unknown) => {
    process.stderr.write(`${definition.name} failed to start: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
