import './http/zod-locale';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@tequio/auth';
import { MessagingModule } from '@tequio/messaging';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { kafkaSecurity } from './config/kafka-security';
import { SERVICE_CONFIG, ServiceConfig } from './config/service-config';
import { dataSourceOptions } from './database/migrations';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { DatabaseErrorFilter } from './http/database-error.filter';
import { PersonalDataAuditInterceptor } from './http/personal-data-audit.interceptor';
import { RateLimitGuard } from './http/rate-limit';
import { RequestValidationPipe } from './http/request-validation.pipe';
import { ValidationErrorFilter } from './http/validation-error.filter';
import { MetricsController } from './metrics/metrics.controller';
import { VersionedWriter } from './database/versioned-writer';
import { OutboxAdminController } from './messaging/outbox-admin.controller';
import { featureModules, ServiceDefinition } from './service-definition';

const QUIET_PATHS = ['/health/live', '/health/ready', '/metrics'];

/** The root module of every service: its features plus logging, database, messaging, auth, health and metrics. */
@Module({})
export class PlatformModule {
  static forService(definition: ServiceDefinition, config: ServiceConfig): DynamicModule {
    return {
      module: PlatformModule,
      // Its exports (the service config, the versioned writer) reach every feature module.
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            base: { service: definition.name },
            // Honour a caller's request id so one id follows a request across services.
            genReqId: (request: IncomingMessage, response: ServerResponse) => {
              const header = request.headers['x-request-id'];
              const id = (Array.isArray(header) ? header[0] : header) || randomUUID();
              response.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.includes(request.url ?? '') },
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config, definition), autoLoadEntities: true }),
        MessagingModule.forRoot({
          service: definition.name,
          brokers: config.KAFKA_BROKERS,
          security: kafkaSecurity(config),
          fetchMaxWaitMs: config.KAFKA_FETCH_MAX_WAIT_MS,
          outboxPollMs: config.OUTBOX_POLL_MS,
          outboxBatchSize: config.OUTBOX_BATCH_SIZE,
          outboxMaxAttempts: config.OUTBOX_MAX_ATTEMPTS,
          relayEnabled: true,
          consumerMaxAttempts: config.CONSUMER_MAX_ATTEMPTS,
          consumerMaxBackoffMs: config.CONSUMER_MAX_BACKOFF_MS,
          outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
          inboxRetentionDays: config.INBOX_RETENTION_DAYS,
        }),
        AuthModule,
        TerminusModule,
        ...featureModules(definition),
      ],
      controllers: [HealthController, MetricsController, OutboxAdminController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        KafkaHealthIndicator,
        VersionedWriter,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: PersonalDataAuditInterceptor },
        // Nest tries the last registered global filter first: the catch-all database filter stays before the others.
        { provide: APP_FILTER, useClass: DatabaseErrorFilter },
        { provide: APP_FILTER, useClass: ValidationErrorFilter },
      ],
      exports: [SERVICE_CONFIG, VersionedWriter],
    };
  }
}
