import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Public, Roles } from '@tequio/auth';
import { paginationFields, RateLimited, SECURITY_HEADERS, ServiceDefinition } from '@tequio/platform';
import { bearer, createTestDatabase, registerTenants, RunningService, startTestServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

class PageQuery extends createZodDto(z.object(paginationFields).strict()) {}
class NoteBody extends createZodDto(z.object({ text: z.string().max(100_000) }).strict()) {}

@Controller('limits')
class LimitsController {
  @Get('public')
  @Public()
  @RateLimited()
  @ApiOperation({ summary: 'A public, rate-limited route' })
  @ApiOkResponse({ schema: { example: { ok: true } } })
  limited() {
    return { ok: true };
  }

  @Get('public-too')
  @Public()
  @RateLimited()
  @ApiOperation({ summary: 'Another public, rate-limited route: its own budget' })
  @ApiOkResponse({ schema: { example: { ok: true } } })
  limitedToo() {
    return { ok: true };
  }

  @Get('page')
  @Roles('planning')
  @ApiOperation({ summary: 'A list page with the shared pagination' })
  @ApiOkResponse({ schema: { example: { limit: 50, offset: 0 } } })
  page(@Query() query: PageQuery) {
    return query;
  }

  @Post('notes')
  @Roles('planning')
  @ApiOperation({ summary: 'Accepts a JSON body' })
  @ApiOkResponse({ schema: { example: { length: 1 } } })
  note(@Body() body: NoteBody) {
    return { length: body.text.length };
  }
}

@Module({ controllers: [LimitsController] })
class LimitsModule {}

const limitsService: ServiceDefinition = {
  name: 'limits',
  title: 'Limits probe',
  description: 'Routes to exercise the platform abuse limits.',
  defaultPort: 3997,
  features: [{ module: LimitsModule }],
};

const ALLOWED = 'https://tequio.example.gob.mx';

/** What every service gets from the platform against abuse: body limit, rate limits, CORS, headers, page caps. */
describe('platform HTTP abuse limits (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const tenant = uniqueTenant('limits');
  const planning = bearer(['planning'], { tenant });

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startTestServiceInProcess(limitsService, database, {
      HTTP_JSON_LIMIT_KB: '2',
      HTTP_PUBLIC_RATE_LIMIT: '3',
      HTTP_PUBLIC_RATE_WINDOW_SECONDS: '60',
      HTTP_TRUST_PROXY_HOPS: '1',
      CORS_ORIGINS: `${ALLOWED}, http://localhost:4200`,
    });
    // After the start, which migrates the probe's own schema (its municipality replica included).
    await registerTenants(database, tenant);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('answers 413 in Spanish and English for a JSON body over HTTP_JSON_LIMIT_KB, and accepts one under it', async () => {
    const tooLarge = await service.http().post('/limits/notes').set(planning).send({ text: 'x'.repeat(3 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: '(cuerpo): excede el máximo de 2 KB (body too large: over 2 KB)' });
    await service.http().post('/limits/notes').set(planning).send({ text: 'x'.repeat(1024) }).expect(201, { length: 1024 });
  });

  it('answers 429 with Retry-After past the limit of a public route, per client IP and per route', async () => {
    const from = (ip: string, path = '/limits/public') => service.http().get(path).set('X-Forwarded-For', ip);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await from('203.0.113.7')).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await from('203.0.113.7');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.body.message).toBe(`Demasiadas consultas: intente de nuevo en ${wait} s (too many requests: retry in ${wait} s)`);
    // Another client (one trusted proxy hop: its X-Forwarded-For) and another route keep their own budgets.
    await from('203.0.113.8').expect(200);
    await from('203.0.113.7', '/limits/public-too').expect(200);
    // A route without @RateLimited is not counted.
    for (let i = 0; i < 5; i++) await service.http().get('/limits/page').set(planning).expect(200);
  });

  it('allows CORS from the configured origins only', async () => {
    const allowed = await service.http().get('/limits/page').set(planning).set('Origin', ALLOWED).expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    const preflight = await service
      .http()
      .options('/limits/notes')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);

    const refused = await service.http().get('/limits/page').set(planning).set('Origin', 'https://evil.example.com');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const refusedPreflight = await service.http().options('/limits/notes').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'POST');
    expect(refusedPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the security headers on every answer, errors included, and no X-Powered-By', async () => {
    const answers = [
      await service.http().get('/limits/page').set(planning).expect(200),
      await service.http().get('/limits/page').expect(401),
      await service.http().get('/limits/nothing-here').set(planning).expect(404),
      await service.http().get('/health/live').expect(200),
    ];
    for (const answer of answers) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect({ name, value: answer.headers[name.toLowerCase()] }).toEqual({ name, value });
      expect(answer.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('refuses a page limit above 200 naming the field, and accepts 200', async () => {
    const tooMany = await service.http().get('/limits/page').query({ limit: 201 }).set(planning).expect(400);
    expect(tooMany.body.errors.map((error: { field: string }) => error.field)).toEqual(['limit']);
    await service.http().get('/limits/page').query({ limit: 200 }).set(planning).expect(200, { limit: 200, offset: 0 });
  });
});
