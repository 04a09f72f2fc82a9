import { Body, ConflictException, Controller, Get, Module, NotFoundException, Post, Query } from '@nestjs/common';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Roles } from '@tequio/auth';
import { ServiceDefinition } from '@tequio/platform';
import { bearer, createTestDatabase, registerTenants, RunningService, startTestServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';

class EchoBody extends createZodDto(z.object({ name: z.string().max(50), tags: z.array(z.string()).default([]) }).strict()) {}
class EchoQuery extends createZodDto(z.object({ q: z.string().optional() }).strict()) {}

@Controller('probe')
class ProbeController {
  @Post('echo')
  @Roles('planning')
  @ApiOperation({ summary: 'Echoes a validated body' })
  @ApiOkResponse({ schema: { example: { name: 'x', tags: [] } } })
  echo(@Body() body: EchoBody) {
    return body;
  }

  @Get('search')
  @Roles('planning')
  @ApiOperation({ summary: 'Echoes a validated query' })
  @ApiOkResponse({ schema: { example: { q: 'x' } } })
  search(@Query() query: EchoQuery) {
    return query;
  }

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
    // After the start, which migrates the probe's own schema (its municipality replica included).
    await registerTenants(database, tenant);
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

  it('answers 400 naming the field for a NUL character anywhere, and names the query (not the body) when a query is wrong', async () => {
    const planning = bearer(['planning'], { tenant });
    const nulName = await probe.http().post('/probe/echo').set(planning).send({ name: 'Obras\u0000', tags: ['ok', 'a\u0000b'] }).expect(400);
    expect(nulName.body.errors).toEqual([
      { field: 'name', message: 'no admite el carácter NUL (\\u0000)' },
      { field: 'tags.1', message: 'no admite el carácter NUL (\\u0000)' },
    ]);
    const nulQuery = await probe.http().get('/probe/search').query({ q: 'x\u0000' }).set(planning).expect(400);
    expect(nulQuery.body.errors).toEqual([{ field: 'q', message: 'no admite el carácter NUL (\\u0000)' }]);
    await probe.http().post('/probe/echo').set(planning).send({ name: 'Obras', tags: ['ok'] }).expect(201, { name: 'Obras', tags: ['ok'] });
    const unknownParameter = await probe.http().get('/probe/search?other=1').set(planning).expect(400);
    expect(unknownParameter.body.errors.map((e: { field: string }) => e.field)).toEqual(['(consulta)']);
    const unknownField = await probe.http().post('/probe/echo').set(planning).send({ name: 'x', other: 1 }).expect(400);
    expect(unknownField.body.errors.map((e: { field: string }) => e.field)).toEqual(['(cuerpo)']);
  });
});
