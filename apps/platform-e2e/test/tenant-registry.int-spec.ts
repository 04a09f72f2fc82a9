import { Controller, Get, Module } from '@nestjs/common';
import { ACTIVE_TENANT_CACHE_MS, CurrentUser, TequioClaims } from '@tequio/auth';
import { MunicipalityCreated, MunicipalitySnapshot, MunicipalityUpdated, Topic } from '@tequio/contracts';
import { consumedTopics, loadServiceConfig, runMigrations, ServiceDefinition } from '@tequio/platform';
import { bearer, cloudEventMessage, createTestDatabase, produceRaw, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';

@Controller('probe')
class WhoAmIController {
  @Get('me')
  me(@CurrentUser() user: TequioClaims) {
    return { tenant: user.tenant };
  }
}

@Module({ controllers: [WhoAmIController] })
class ProbeModule {}

// A service that is not catalog: the platform gives it the municipality replica as its tenant registry.
const probe: ServiceDefinition = {
  name: 'tenant_probe',
  title: 'tenant probe',
  description: 'A service with one authenticated route, for this test.',
  defaultPort: 3998,
  features: [{ module: ProbeModule }],
};

describe('tenant registry of a service other than catalog (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const tenant = uniqueTenant('registro');
  const token = bearer(['clerk'], { tenant });
  const snapshot = (version: number, active: boolean): MunicipalitySnapshot => ({
    municipalityId: tenant,
    name: 'San Juan Bautista Tuxtepec',
    state: 'Oaxaca',
    inegiCode: '20184',
    active,
    version,
  });

  async function statusUntil(expected: number): Promise<{ status: number; body: { message?: string; tenant?: string } }> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await service.http().get('/probe/me').set(token);
      if (response.status === expected || Date.now() > deadline) return response;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(loadServiceConfig(probe.name, probe.defaultPort, { ...process.env, DATABASE_URL: database.url }), probe);
    service = await startServiceInProcess(probe, database);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it("subscribes every service but catalog to catalog's municipalities", () => {
    expect(consumedTopics(probe)).toEqual([Topic.CatalogMunicipalityV1]);
  });

  it('refuses a well-signed token of a tenant no municipality event announced, naming the tenant', async () => {
    const response = await service.http().get('/probe/me').set(token).expect(403);
    expect(response.body.message).toBe(`El municipio ${tenant} no está registrado o está inactivo`);
  });

  it('accepts the tenant once its municipality arrives, and refuses it again when it is deactivated', async () => {
    await produceRaw(Topic.CatalogMunicipalityV1, [cloudEventMessage(MunicipalityCreated, { subject: tenant, data: snapshot(1, true), tenant })]);
    const accepted = await statusUntil(200);
    expect(accepted).toMatchObject({ status: 200, body: { tenant } });

    await produceRaw(Topic.CatalogMunicipalityV1, [
      cloudEventMessage(MunicipalityUpdated, { subject: tenant, data: snapshot(2, false), tenant }),
      // Redelivered late: the older, active snapshot must not bring the tenant back.
      cloudEventMessage(MunicipalityCreated, { subject: tenant, data: snapshot(1, true), tenant }),
    ]);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const rows = await database.query<{ active: boolean; version: number }>(`SELECT active, version FROM tenant_probe.municipality_replica WHERE id = $1`, [tenant]);
      if (rows[0]?.version === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Inbox ids differ per message: wait until the late one was applied (or skipped) too.
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_TENANT_CACHE_MS + 500));
    expect(await database.query(`SELECT active, version FROM tenant_probe.municipality_replica WHERE id = $1`, [tenant])).toEqual([{ active: false, version: 2 }]);
    const refused = await service.http().get('/probe/me').set(token).expect(403);
    expect(refused.body.message).toContain(tenant);
  });
});
