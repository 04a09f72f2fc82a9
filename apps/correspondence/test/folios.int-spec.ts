import { bearer, createTestDatabase, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';
import { citizenDocument, publishUnits } from './support';

describe('folios under concurrency (two service instances sharing one database)', () => {
  let database: TestDatabase;
  let first: RunningService;
  let second: RunningService;
  const tenant = uniqueTenant('folios');
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'oficialia@folios' });
  const admin = bearer(['admin'], { tenant });

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    // 1,000 registrations at once queue for the pool far past the 5 s a request waits by default on a slow machine (they
    // then answer 503, the overload answer): this test is about folios, so requests wait for their turn.
    const patient = { DATABASE_CONNECT_TIMEOUT_MS: '60000' };
    [first, second] = await Promise.all([startServiceInProcess(correspondenceService, database, patient), startServiceInProcess(correspondenceService, database, patient)]);
    await publishUnits(database, tenant, [{ code: '402', name: 'Secretaría Particular' }]);
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('gives 1,000 concurrent registrations 1,000 distinct consecutive folios, in the municipality format', async () => {
    const settings = await first.http().put('/settings').set(admin).send({ folioFormat: 'OP-{year}-{seq:5}' });
    expect(settings.status).toBe(200);
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        (index % 2 === 0 ? first : second)
          .http()
          .post('/documents')
          .set(desk)
          .send(citizenDocument({ receivedAt: '2025-08-15T10:00:00-06:00' })),
      ),
    );
    expect(responses.filter((response) => response.status !== 201).map((response) => response.body)).toEqual([]);
    const folios = responses.map((response) => response.body.folio as string).sort();
    const expected = Array.from({ length: 1000 }, (_, index) => `OP-2025-${String(index + 1).padStart(5, '0')}`);
    expect(folios).toEqual(expected);
    const [{ documents, events }] = await database.query<{ documents: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM correspondence.document WHERE tenant = $1) AS documents,
              (SELECT count(*)::int FROM correspondence.outbox WHERE tenant = $1 AND event_type = 'tequio.correspondence.document.registered') AS events`,
      [tenant],
    );
    expect({ documents, events }).toEqual({ documents: 1000, events: 1000 });
  }, 180_000);

  it('starts a new sequence each year and keeps municipalities apart', async () => {
    const nextYear = await first.http().post('/documents').set(desk).send(citizenDocument({ receivedAt: '2026-01-02T09:00:00-06:00' })).expect(201);
    expect(nextYear.body.folio).toBe('OP-2026-00001');
    // 31 December 23:30 in Oaxaca is already 1 January in UTC: it still belongs to 2025.
    const newYearsEve = await second.http().post('/documents').set(desk).send(citizenDocument({ receivedAt: '2025-12-31T23:30:00-06:00' })).expect(201);
    expect(newYearsEve.body.folio).toBe('OP-2025-01001');
    const otherTenant = uniqueTenant('folios-otro');
    await registerTenants(database, otherTenant);
    await publishUnits(database, otherTenant, [{ code: '402', name: 'Secretaría Particular' }]);
    const other = await first.http().post('/documents').set(bearer(['clerk'], { tenant: otherTenant, units: ['402'] })).send(citizenDocument()).expect(201);
    expect(other.body.folio).toBe('OP/2025/000001');
  });

  it('refuses a folio format that could repeat numbers', async () => {
    const response = await first.http().put('/settings').set(admin).send({ folioFormat: 'OP/{seq:6}' });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^folioFormat: el formato "OP\/\{seq:6\}" debe llevar \{year\}/);
  });
});
