import { MunicipalityCreated, MunicipalityUpdated, Topic } from '@tequio/contracts';
import { ACTIVE_TENANT_CACHE_MS } from '@tequio/auth';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

describe('catalog municipalities (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const admin = bearer(['admin'], { sub: 'admin@oaxaca' });
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });

  beforeAll(async () => {
    database = await createTestDatabase();
    // These tests register municipalities through the API: start from an empty registry, not the test defaults.
    await database.query('DELETE FROM catalog.municipality');
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogMunicipalityV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  const http = () => catalog.http();
  const oaxaca = { id: 'oaxaca-de-juarez', name: 'Oaxaca de Juárez', state: 'Oaxaca', inegiCode: '20067' };
  const tule = { id: 'santa-maria-del-tule', name: 'Santa María del Tule', state: 'Oaxaca', inegiCode: '20409' };
  // Only municipality rows: the shared broker also brings other test files' report events, which catalog audits.
  const written = async () =>
    (
      await database.query<{ municipalities: number; outbox: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM catalog.municipality) AS municipalities, (SELECT count(*)::int FROM catalog.outbox) AS outbox,
                (SELECT count(*)::int FROM catalog.audit_entry WHERE entity_type = 'municipality') AS audit`,
      )
    )[0];

  /** The event this database's outbox recorded (matched by event id, so other runs on the broker never interfere). */
  async function publishedEvent(key: string, type: string) {
    const rows = await database.query<{ id: string }>(
      `SELECT id::text FROM catalog.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY occurred_at DESC LIMIT 1`,
      [key, type],
    );
    expect(rows).toHaveLength(1);
    return tap.waitFor((m) => m.headers['ce_id'] === rows[0].id, `${type} for ${key}`);
  }

  it('lets an admin register a municipality: event keyed by its id, audit entry, Spanish status label', async () => {
    const response = await http().post('/municipalities').set(admin).send(oaxaca);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ ...oaxaca, active: true, statusLabel: 'Activo', version: 1 });

    const event = await publishedEvent('oaxaca-de-juarez', MunicipalityCreated.type);
    expect(event.key).toBe('oaxaca-de-juarez');
    expect(event.headers).toMatchObject({ ce_type: MunicipalityCreated.type, ce_source: '/tequio/catalog', tenant: 'oaxaca-de-juarez' });
    expect(JSON.parse(event.value ?? '{}')).toEqual({
      municipalityId: 'oaxaca-de-juarez',
      name: 'Oaxaca de Juárez',
      state: 'Oaxaca',
      inegiCode: '20067',
      active: true,
      version: 1,
    });

    const trail = await http().get('/audit?entityType=municipality&entityId=oaxaca-de-juarez').set(admin).expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({ action: 'created', actor: 'admin@oaxaca', changes: expect.objectContaining({ inegiCode: { from: null, to: '20067' } }) }),
    ]);
  });

  it('lets only admins write: 403 for planning, and nothing written', async () => {
    const before = await written();
    await http().post('/municipalities').set(planning).send(tule).expect(403);
    await http().patch('/municipalities/oaxaca-de-juarez').set(planning).send({ name: 'Otro' }).expect(403);
    expect(await written()).toEqual(before);
  });

  it('refuses a taken id or INEGI key with 409, writing nothing', async () => {
    const tuleAdmin = bearer(['admin'], { tenant: tule.id, sub: 'admin@tule' });
    const before = await written();
    const sameId = await http().post('/municipalities').set(admin).send({ ...oaxaca, inegiCode: '20999' });
    expect(sameId.status).toBe(409);
    expect(sameId.body.message).toBe('id: ya existe el municipio oaxaca-de-juarez');
    const sameKey = await http().post('/municipalities').set(tuleAdmin).send({ ...tule, inegiCode: '20067' });
    expect(sameKey.status).toBe(409);
    // Another tenant's id stays hidden.
    expect(sameKey.body.message).toBe('inegiCode: la clave INEGI 20067 ya está registrada para otro municipio');
    expect(await written()).toEqual(before);
  });

  it('names every invalid field in a 400', async () => {
    const response = await http().post('/municipalities').set(bearer(['admin'], { tenant: 'Oaxaca de Juárez' })).send({ id: 'Oaxaca de Juárez', name: '', state: 'Oaxaca', inegiCode: '2067', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['(cuerpo)', 'id', 'inegiCode', 'name']);
    const empty = await http().patch('/municipalities/oaxaca-de-juarez').set(admin).send({});
    expect(empty.status).toBe(400);
  });

  it('keeps tenants apart: an admin neither writes nor sees another municipality', async () => {
    const before = await written();
    const foreign = await http().post('/municipalities').set(admin).send(tule);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toBe('No puede actuar por el municipio santa-maria-del-tule');
    expect(await written()).toEqual(before);

    const tuleAdmin = bearer(['admin'], { tenant: tule.id, sub: 'admin@tule' });
    await http().post('/municipalities').set(tuleAdmin).send(tule).expect(201);
    await http().patch('/municipalities/santa-maria-del-tule').set(admin).send({ active: false }).expect(403);

    const own = await http().get('/municipalities?sort=inegiCode&order=desc').set(admin).expect(200);
    expect(own.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(own.body.items.map((m: { id: string }) => m.id)).toEqual(['oaxaca-de-juarez']);
    await http().get('/municipalities/santa-maria-del-tule').set(admin).expect(404);
    await http().get('/municipalities/oaxaca-de-juarez').set(planning).expect(200);
    const fromTule = bearer(['clerk'], { tenant: 'santa-maria-del-tule' });
    expect((await http().get('/municipalities/santa-maria-del-tule').set(fromTule).expect(200)).body.name).toBe('Santa María del Tule');

    const filtered = await http().get('/municipalities?q=tule&limit=1').set(tuleAdmin).expect(200);
    expect(filtered.body.items.map((m: { id: string }) => m.id)).toEqual(['santa-maria-del-tule']);
    await http().get('/municipalities?limit=500').set(admin).expect(400);
  });

  it('updates a municipality: new version, event and audit entry with the change', async () => {
    const tuleAdmin = bearer(['admin'], { tenant: tule.id, sub: 'admin@tule' });
    const response = await http().patch('/municipalities/santa-maria-del-tule').set(tuleAdmin).send({ active: false });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ active: false, statusLabel: 'Inactivo', version: 2 });

    const event = await publishedEvent('santa-maria-del-tule', MunicipalityUpdated.type);
    expect(event.headers['tenant']).toBe('santa-maria-del-tule');
    expect(JSON.parse(event.value ?? '{}')).toMatchObject({ municipalityId: 'santa-maria-del-tule', active: false, version: 2 });

    // A deactivated municipality's tokens are refused once the guard stops trusting its earlier "active" answer ...
    const tuleAuditor = bearer(['auditor'], { tenant: 'santa-maria-del-tule' });
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_TENANT_CACHE_MS + 200));
    const refused = await http().get('/audit?entityType=municipality').set(tuleAuditor).expect(403);
    expect(refused.body.message).toBe('El municipio santa-maria-del-tule no está registrado o está inactivo');
    await http().get('/municipalities').set(tuleAdmin).expect(403);
    // ... except the admin's own PATCH, which can bring it back.
    const reactivated = await http().patch('/municipalities/santa-maria-del-tule').set(tuleAdmin).send({ active: true }).expect(200);
    expect(reactivated.body).toMatchObject({ active: true, statusLabel: 'Activo', version: 3 });

    const trail = await http().get('/audit?entityType=municipality').set(tuleAuditor).expect(200);
    expect(trail.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'updated', actor: 'admin@tule', changes: { active: { from: false, to: true } } }),
      expect.objectContaining({ action: 'updated', actor: 'admin@tule', changes: { active: { from: true, to: false } } }),
    ]);
    expect((await http().get('/audit?entityType=municipality').set(admin).expect(200)).body.items.every((e: { entityId: string }) => e.entityId === 'oaxaca-de-juarez')).toBe(true);

    const active = await http().get('/municipalities?active=true').set(tuleAdmin).expect(200);
    expect(active.body.items.map((m: { id: string }) => m.id)).toEqual(['santa-maria-del-tule']);
    await http().patch('/municipalities/san-pablo-etla').set(bearer(['admin'], { tenant: 'san-pablo-etla' })).send({ active: false }).expect(404);
  });

  it('serializes concurrent PATCHes: no update lost, one distinct version each, in order on the topic', async () => {
    const etla = { id: 'villa-de-etla', name: 'Villa de Etla', state: 'Oaxaca', inegiCode: '20338' };
    const etlaAdmin = bearer(['admin'], { tenant: etla.id, sub: 'admin@etla' });
    await http().post('/municipalities').set(etlaAdmin).send(etla).expect(201);
    const names = Array.from({ length: 6 }, (_, i) => `Villa de Etla ${i + 1}`);
    const responses = await Promise.all(names.map((name) => http().patch(`/municipalities/${etla.id}`).set(etlaAdmin).send({ name })));
    expect(responses.map((r) => r.status)).toEqual(names.map(() => 200));
    expect(responses.map((r) => r.body.version).sort((a: number, b: number) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);

    const deadline = Date.now() + 30_000;
    const versions = () =>
      tap.messages.filter((m) => m.key === etla.id && m.headers['ce_type'] === MunicipalityUpdated.type).map((m) => JSON.parse(m.value ?? '{}').version);
    while (versions().length < names.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(versions()).toEqual([2, 3, 4, 5, 6, 7]);
    const final = (await http().get(`/municipalities/${etla.id}`).set(etlaAdmin).expect(200)).body;
    expect(final.version).toBe(7);
    // The last writer's name is the one stored and the one in the version-7 event.
    const last = responses.find((r) => r.body.version === 7)?.body.name;
    expect(final.name).toBe(last);
  });
});
