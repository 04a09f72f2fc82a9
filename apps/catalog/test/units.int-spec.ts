import { Topic, UnitCreated, UnitDeactivated } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

describe('catalog units (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const admin = bearer(['admin'], { sub: 'admin@oaxaca' });

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogUnitV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  const create = (body: object, auth = admin) => catalog.http().post('/units').set(auth).send(body);

  it('creates a unit and publishes its snapshot, keyed by id, with CloudEvents headers and no personal data', async () => {
    const response = await create({ code: '402', name: 'Secretaría Particular', kind: 'secretaria', headName: 'Lic. Ana Pérez', activeFrom: '2025-01-01' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ code: '402', kindLabel: 'Secretaría', version: 1, tenant: 'oaxaca-de-juarez' });

    const event = await tap.waitFor((m) => m.key === response.body.id, 'the unit.created event');
    expect(event.headers).toMatchObject({ ce_type: UnitCreated.type, ce_source: '/tequio/catalog', ce_specversion: '1.0', tenant: 'oaxaca-de-juarez' });
    const data = JSON.parse(event.value ?? '{}');
    expect(data).toEqual({ unitId: response.body.id, code: '402', name: 'Secretaría Particular', kind: 'secretaria', parentId: null, activeFrom: '2025-01-01', activeTo: null, version: 1 });
    expect(event.value).not.toContain('Ana Pérez');
  });

  it('refuses a duplicate code with 409 and writes nothing', async () => {
    await create({ code: '500', name: 'Tesorería', kind: 'secretaria' }).expect(201);
    const before = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.outbox`);
    const response = await create({ code: '500', name: 'Otra', kind: 'direccion' });
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('code: ya existe una unidad con la clave 500');
    expect(await database.query(`SELECT count(*)::int AS n FROM catalog.outbox`)).toEqual(before);
  });

  it('answers 409, not 500, when concurrent requests race for the same code', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () => create({ code: '700', name: 'Carrera', kind: 'direccion' }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const loser = await create({ code: '700', name: 'Tarde', kind: 'direccion' });
    expect(loser.body.message).toMatch(/^code: /);
    expect(await database.query(`SELECT count(*)::int AS n FROM catalog.unit WHERE code = '700'`)).toEqual([{ n: 1 }]);
  });

  it('names every invalid field in a 400, in Spanish', async () => {
    const response = await create({ code: '', name: 'x', kind: 'ministerio', extra: true });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['(cuerpo)', 'code', 'kind']);
    expect(response.body.message).toMatch(/^Datos no válidos: /);
  });

  it('refuses a move that would close a cycle, and records moves in the audit trail', async () => {
    const root = (await create({ code: '100', name: 'Presidencia', kind: 'secretaria' }).expect(201)).body;
    const child = (await create({ code: '110', name: 'Oficina', kind: 'direccion', parentId: root.id }).expect(201)).body;
    const grandchild = (await create({ code: '111', name: 'Departamento', kind: 'departamento', parentId: child.id }).expect(201)).body;

    const cycle = await catalog.http().patch(`/units/${root.id}`).set(admin).send({ parentId: grandchild.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.message).toMatch(/^parentId: .*ciclo/);

    await catalog.http().patch(`/units/${grandchild.id}`).set(admin).send({ parentId: root.id }).expect(200);
    const trail = await catalog.http().get(`/audit?entityType=unit&entityId=${grandchild.id}`).set(admin).expect(200);
    expect(trail.body.items[0]).toMatchObject({ action: 'moved', actor: 'admin@oaxaca', changes: { parentId: { from: child.id, to: root.id } } });
    expect(trail.body.items[1]).toMatchObject({ action: 'created' });
  });

  it('lets only admin and planning write, and scopes reads to the caller’s municipality', async () => {
    await create({ code: '600', name: 'Obras', kind: 'secretaria' }, bearer(['clerk'], { units: ['600'] })).expect(403);
    await create({ code: '601', name: 'Obras', kind: 'secretaria' }, bearer(['planning'])).expect(201);
    const other = await catalog.http().get('/units?q=Obras').set(bearer(['planning'], { tenant: 'santa-lucia' })).expect(200);
    expect(other.body.total).toBe(0);
  });

  it('paginates, filters and sorts lists', async () => {
    const page = await catalog.http().get('/units?sort=code&order=desc&limit=2&offset=0').set(admin).expect(200);
    expect(page.body.limit).toBe(2);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    const codes = page.body.items.map((u: { code: string }) => u.code);
    expect([...codes].sort().reverse()).toEqual(codes);
    const filtered = await catalog.http().get('/units?kind=departamento').set(admin).expect(200);
    expect(filtered.body.items.every((u: { kind: string }) => u.kind === 'departamento')).toBe(true);
    await catalog.http().get('/units?limit=1000').set(admin).expect(400);
  });

  it('never lets concurrent moves close a cycle', async () => {
    const a = (await create({ code: '800', name: 'A', kind: 'direccion' }).expect(201)).body;
    const b = (await create({ code: '801', name: 'B', kind: 'direccion' }).expect(201)).body;
    const [ab, ba] = await Promise.all([
      catalog.http().patch(`/units/${a.id}`).set(admin).send({ parentId: b.id }),
      catalog.http().patch(`/units/${b.id}`).set(admin).send({ parentId: a.id }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 409]);
    const parents = await database.query<{ code: string; parent: string | null }>(
      `SELECT u.code, p.code AS parent FROM catalog.unit u LEFT JOIN catalog.unit p ON p.id = u.parent_id WHERE u.code IN ('800', '801') ORDER BY u.code`,
    );
    expect(parents.filter((row) => row.parent !== null)).toHaveLength(1);
  });

  it('keeps the tree sound around deactivation: no active children under an inactive unit', async () => {
    const parent = (await create({ code: '900', name: 'Dirección', kind: 'direccion', activeFrom: '2025-01-01' }).expect(201)).body;
    const child = (await create({ code: '901', name: 'Departamento', kind: 'departamento', parentId: parent.id, activeFrom: '2025-01-01' }).expect(201)).body;

    const refused = await catalog.http().post(`/units/${parent.id}/deactivate`).set(admin).send({ activeTo: '2025-06-30' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('activeTo: la unidad 900 tiene unidades dependientes activas (901); délas de baja o muévalas primero');
    await catalog.http().patch(`/units/${parent.id}`).set(admin).send({ activeTo: '2025-06-30' }).expect(409);
    expect((await catalog.http().get(`/units/${parent.id}`).set(admin).expect(200)).body.activeTo).toBeNull();

    // Deactivating through PATCH is still a deactivation for consumers and the trail.
    await catalog.http().patch(`/units/${child.id}`).set(admin).send({ activeTo: '2025-06-30' }).expect(200);
    const event = await tap.waitFor((m) => m.key === child.id && m.headers['ce_type'] === UnitDeactivated.type, 'the unit.deactivated event');
    expect(JSON.parse(event.value ?? '{}')).toMatchObject({ activeTo: '2025-06-30', version: 2 });
    const trail = await catalog.http().get(`/audit?entityType=unit&entityId=${child.id}`).set(admin).expect(200);
    expect(trail.body.items[0].action).toBe('deactivated');

    await catalog.http().post(`/units/${parent.id}/deactivate`).set(admin).send({ activeTo: '2025-06-30' }).expect(200);
    const orphan = await create({ code: '902', name: 'Nueva', kind: 'unidad', parentId: parent.id });
    expect(orphan.status).toBe(400);
    expect(orphan.body.message).toBe('parentId: la unidad superior 900 está dada de baja desde 2025-06-30');
  });

  it('shows the audit trail only to roles that may read past values', async () => {
    await catalog.http().get('/audit?entityType=unit').set(bearer(['clerk'], { units: ['402'] })).expect(403);
    await catalog.http().get('/audit?entityType=unit').set(bearer(['auditor'])).expect(200);
  });
});
