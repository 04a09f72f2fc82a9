import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@tequio/auth';
import { metric } from '@tequio/messaging';
import { Gauge } from 'prom-client';
import { KafkaHealthIndicator } from './kafka.health';

const kafkaReachable = metric('tequio_kafka_reachable', () =>
  new Gauge({ name: 'tequio_kafka_reachable', help: '1 when a broker answered the last health check, 0 when none did' }),
);

@ApiTags('Salud')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Estado detallado: PostgreSQL y Kafka (Kafka caído no impide escribir: el outbox guarda los eventos)' })
  @ApiOkResponse({
    schema: {
      example: { status: 'ok', details: { database: { status: 'up' }, kafka: { status: 'down', message: 'no answer within 3000 ms' } } },
    },
  })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL no responde' })
  async details(@Res({ passthrough: true }) response: { status(code: number): unknown }) {
    const [database, kafka] = await Promise.all([
      this.database.pingCheck('database', { timeout: 3000 }).catch((error: { causes?: unknown }) => error.causes ?? { database: { status: 'down' } }),
      this.kafka.isHealthy('kafka'),
    ]);
    const details = { ...database, ...kafka } as Record<string, { status: string }>;
    kafkaReachable.set(details['kafka']?.status === 'up' ? 1 : 0);
    const ok = details['database']?.status === 'up';
    if (!ok) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', details };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  /** Only the database: during a broker outage writes keep working (the outbox holds their events). */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL is reachable (Kafka is not required: see /health)' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up' } } } } })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL is down' })
  // Innermost, so the documented example above takes precedence over terminus' generic schema.
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }
}
