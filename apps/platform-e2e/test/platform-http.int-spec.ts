import { ConflictException, Controller, Get, Module, NotFoundException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles } from '@tequio/auth';
import { ServiceDefinition } from '@tequio/platform';
import { bearer, createTestDatabase, RunningService, startTestServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';

@Controller('probe')
class ProbeController {
  @Get('missing')
  @Roles('planning')
  @ApiOperation({ summary: 'Always 404' })
  @ApiOkResponse({ schema: { example: {} } })
  missing(): never {
    throw new NotFoundException('id: no existe');
  }

  @Get('conflict')
  @Roles('planning')
  @ApiOperation({ summary: 'Always 409' })
  @ApiOkResponse({ schema: { example: {} } })
  conflict(): never {
    throw new ConflictException('code: ya existe');
  }

  @Get('boom')
  @Roles('planning')
  @ApiOperation({ summary: 'Always 500' })
  @ApiOkResponse({ schema: { example: {} } })
  boom(): never {
    throw new Error('a bug');
  }

  @Get('admin-only')
  @Roles('admin')
  @ApiOperation({ summary: 'Admins only' })
  @ApiOkResponse({ schema: { example: { ok: true } } })
  adminOnly() {
    return { ok: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const probeService: ServiceDefinition = {
  name: 'probe',
  title: 'Probe',
  description: 'Routes that fail on purpose, for the platform tests.',
  defaultPort: 3998,
  features: [{ module: ProbeModule }],
};

/** What every service gets from the platform: true HTTP metrics, readiness without Kafka. */
describe('platform HTTP: metrics and health (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let probe: RunningService;
  const tenant = uniqueTenant('probe');

  beforeAll(async () => {
    database = await createTestDatabase();
    probe = await startTestServiceInProcess(probeService, database);
  });

  afterAll(async () => {
    await probe?.close();
    await database?.drop();
  });

  function countOf(metrics: string, route: string, status: number): number {
    const line = metrics.split('\n').find((l) => l.startsWith(`tequio_http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('records the status the client got: 401, 403, 404, 409 and 500 included', async () => {
    const planning = bearer(['planning'], { tenant });
    await probe.http().get('/probe/missing').set(planning).expect(404);
    await probe.http().get('/probe/conflict').set(planning).expect(409);
    await probe.http().get('/probe/boom').set(planning).expect(500);
    await probe.http().get('/probe/missing').expect(401);
    await probe.http().get('/probe/admin-only').set(planning).expect(403);
    await probe.http().get('/probe/admin-only').set(bearer(['admin'], { tenant })).expect(200);

    const metrics = (await probe.http().get('/metrics').expect(200)).text;
    expect(countOf(metrics, '/probe/missing', 404)).toBe(1);
    expect(countOf(metrics, '/probe/conflict', 409)).toBe(1);
    expect(countOf(metrics, '/probe/boom', 500)).toBe(1);
    expect(countOf(metrics, '/probe/missing', 401)).toBe(1);
    expect(countOf(metrics, '/probe/admin-only', 403)).toBe(1);
    expect(countOf(metrics, '/probe/admin-only', 200)).toBe(1);
    expect(countOf(metrics, '/probe/missing', 200)).toBe(0);
  });

  it('is ready on the database alone, and shows Kafka in /health', async () => {
    const ready = (await probe.http().get('/health/ready').expect(200)).body;
    expect(ready).toEqual({ status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } });
    const details = (await probe.http().get('/health').expect(200)).body;
    expect(details).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, kafka: { status: 'up' } } });
  });

  it('exposes the outbox gauges', async () => {
    const metrics = (await probe.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^tequio_outbox_backlog 0$/m);
    expect(metrics).toMatch(/^tequio_outbox_parked 0$/m);
    expect(metrics).toMatch(/^tequio_outbox_oldest_unsent_age_seconds 0$/m);
  });
});
