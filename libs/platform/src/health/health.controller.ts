import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@tequio/auth';
import { KafkaHealthIndicator } from './kafka.health';

@ApiTags('Salud')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Kafka are reachable' })
  @ApiOkResponse({ schema: { example: { status: 'ok', info: { database: { status: 'up' }, kafka: { status: 'up', brokers: 1 } } } } })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body says which' })
  // Innermost, so the documented example above takes precedence over terminus' generic schema.
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 }), () => this.kafka.isHealthy('kafka')]);
  }
}
