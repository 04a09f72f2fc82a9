import { Topic, UnitCreated } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.service';

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
});
