import { Topic, UnitDeleted } from '@tequio/contracts';
import { todayInMexico } from '@tequio/platform';
import {
  bearer,
  createTestDatabase,
  EventTap,
  RunningService,
  ServiceProcess,
  spawnService,
  startServiceInProcess,
  TestDatabase,
} from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

/*
 * Unit history, tree and deletion. A municipality of its own keeps these units apart from other test files that
 * publish on the same topic (reporting replicates every tenant's units).
 */
const TENANT = 'santa-maria-del-tule';

interface TreeNode {
  id: string;
  code: string;
  kindLabel: string;
  children: TreeNode[];
}

/** "code" per node, indented by depth: the shape of a tree in one comparable value. */
function outline(nodes: TreeNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.code}`, ...outline(node.children, depth + 1)]);
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

describe('catalog units: parent history, tree and deletion (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let reporting: ServiceProcess;
  let tap: EventTap;
  const planning = bearer(['planning'], { tenant: TENANT, sub: 'planeacion@tule' });
  const today = todayInMexico();
  const yesterday = dayBefore(today);

  beforeAll(async () => {
    database = await createTestDatabase();
    [catalog, reporting] = await Promise.all([
      startServiceInProcess(catalogService, database),
      spawnService('reporting', { DATABASE_URL: database.url }),
    ]);
    tap = await EventTap.open([Topic.CatalogUnitV1]);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await reporting?.stop();
    await database?.drop();
  }, 60_000);

  const http = () => catalog.http();
  async function create(body: object): Promise<{ id: string; code: string }> {
    return (await http().post('/units').set(planning).send({ kind: 'secretaria', activeFrom: '2025-01-01', ...body }).expect(201)).body;
  }
  const move = (id: string, parentId: string | null) => http().patch(`/units/${id}`).set(planning).send({ parentId }).expect(200);
  const history = async (id: string) => (await http().get(`/units/${id}/history`).set(planning).expect(200)).body;
  const tree = async (query = '') => (await http().get(`/units/tree${query}`).set(planning).expect(200)).body;
  // quarter_lock entries come from report approvals other test files publish on the shared broker, at any time.
  const counts = async () =>
    (
      await database.query<{ outbox: number; audit: number; units: number; periods: number }>(
        `SELECT (SELECT count(*)::int FROM catalog.outbox) AS outbox, (SELECT count(*)::int FROM catalog.audit_entry WHERE entity_type <> 'quarter_lock') AS audit,
                (SELECT count(*)::int FROM catalog.unit) AS units, (SELECT count(*)::int FROM catalog.unit_parent_history) AS periods`,
      )
    )[0];

  let presidencia: { id: string; code: string };
  let gobierno: { id: string; code: string };
  let particular: { id: string; code: string };

  it('keeps the parent history when a unit moves, and the tree of any day follows it', async () => {
    presidencia = await create({ code: '100', name: 'Presidencia Municipal' });
    gobierno = await create({ code: '200', name: 'Secretaría de Gobierno' });
    particular = await create({ code: '110', name: 'Secretaría Particular', kind: 'direccion', parentId: presidencia.id });

    expect((await history(particular.id)).items).toEqual([
      {
        parentId: presidencia.id,
        parentCode: '100',
        parentName: 'Presidencia Municipal',
        validFrom: '2025-01-01',
        validTo: null,
        current: true,
        label: 'Depende de 100 - Presidencia Municipal desde el 2025-01-01',
      },
    ]);

    await move(particular.id, gobierno.id);
    const moved = await history(particular.id);
    expect(moved).toMatchObject({ unitId: particular.id, code: '110', name: 'Secretaría Particular' });
    expect(moved.items).toEqual([
      expect.objectContaining({
        parentId: presidencia.id,
        validFrom: '2025-01-01',
        validTo: yesterday,
        current: false,
        label: `Dependió de 100 - Presidencia Municipal del 2025-01-01 al ${yesterday}`,
      }),
      expect.objectContaining({ parentId: gobierno.id, parentCode: '200', validFrom: today, validTo: null, current: true }),
    ]);

    const now = await tree();
    expect(now.activeOn).toBeNull();
    expect(now.total).toBe(3);
    expect(outline(now.roots)).toEqual(['100', '200', '  110']);
    expect(now.roots[1].children[0]).toMatchObject({ id: particular.id, kindLabel: 'Dirección', parentId: gobierno.id });

    expect(outline((await tree(`?activeOn=${yesterday}`)).roots)).toEqual(['100', '  110', '200']);
    expect(outline((await tree(`?activeOn=${today}`)).roots)).toEqual(['100', '200', '  110']);
    expect(await tree('?activeOn=2024-12-31')).toEqual({ activeOn: '2024-12-31', total: 0, roots: [] });
    await http().get('/units/tree?activeOn=2025-13-01').set(planning).expect(400);
  });

  it('a move undone the same day leaves one continuous period, while the audit trail keeps both moves', async () => {
    await move(particular.id, presidencia.id);
    expect((await history(particular.id)).items).toEqual([
      expect.objectContaining({ parentId: presidencia.id, validFrom: '2025-01-01', validTo: null, current: true }),
    ]);
    const trail = await http().get(`/audit?entityType=unit&entityId=${particular.id}`).set(planning).expect(200);
    expect(trail.body.items.map((entry: { action: string }) => entry.action)).toEqual(['moved', 'moved', 'created']);
  });

  it('shows a whole tenant’s tree only to that tenant', async () => {
    const other = await catalog.http().get('/units/tree').set(bearer(['planning'], { tenant: 'san-pablo-etla' })).expect(200);
    expect(other.body).toEqual({ activeOn: null, total: 0, roots: [] });
    await http().get(`/units/${particular.id}/history`).set(bearer(['planning'], { tenant: 'san-pablo-etla' })).expect(404);
  });

  it('refuses to delete a unit with dependent units: 409 saying why, and nothing written', async () => {
    const before = await counts();
    const response = await http().delete(`/units/${presidencia.id}`).set(planning);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('id: la unidad 100 tiene unidades dependientes; solo puede darse de baja');
    expect(await counts()).toEqual(before);
  });

  it('refuses to delete a former parent, because another unit’s history references it', async () => {
    const former = await create({ code: '300', name: 'Oficina de la Presidencia' });
    const child = await create({ code: '310', name: 'Coordinación de Gabinete', kind: 'coordinacion', parentId: former.id });
    await move(child.id, presidencia.id);

    const before = await counts();
    const response = await http().delete(`/units/${former.id}`).set(planning);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe(
      'id: la unidad 300 tiene registros que dependen de ella (historial de unidades superiores de otras unidades); solo puede darse de baja',
    );
    expect(await counts()).toEqual(before);
    // Deactivating stays possible: that is what the message points to.
    await http().post(`/units/${former.id}/deactivate`).set(planning).send({ activeTo: '2025-12-31' }).expect(200);
  });

  it('refuses to delete a unit that a record elsewhere references (a foreign key), rolling everything back', async () => {
    // Stands for another feature's table (programs, indicators) that references units with a foreign key.
    await database.query(`CREATE TABLE catalog.test_program (id serial PRIMARY KEY, unit_id uuid NOT NULL REFERENCES catalog.unit (id))`);
    const unit = await create({ code: '400', name: 'Tesorería Municipal' });
    await database.query(`INSERT INTO catalog.test_program (unit_id) VALUES ($1)`, [unit.id]);

    const before = await counts();
    const response = await http().delete(`/units/${unit.id}`).set(planning);
    expect(response.status).toBe(409);
    expect(response.body.message).toBe('id: la unidad 400 tiene registros que dependen de ella (registros en test_program); solo puede darse de baja');
    expect(await counts()).toEqual(before);
    expect((await history(unit.id)).items).toHaveLength(1);
  });

  it('refuses an activeFrom later than the unit’s first change of parent', async () => {
    const [child] = await database.query<{ id: string }>(`SELECT id FROM catalog.unit WHERE tenant = $1 AND code = '310'`, [TENANT]);
    const late = await http().patch(`/units/${child.id}`).set(planning).send({ activeFrom: today });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe(`activeFrom: la unidad 310 cambió de unidad superior después del ${yesterday}; no puede iniciar después de esa fecha`);
    await http().patch(`/units/${child.id}`).set(planning).send({ activeFrom: '2025-02-01' }).expect(200);
    expect((await history(child.id)).items[0]).toMatchObject({ validFrom: '2025-02-01', validTo: yesterday });
  });

  it('deletes a unit without dependents nor records: unit.deleted is published and consumers drop their replica', async () => {
    const unit = await create({ code: '500', name: 'Unidad registrada por error' });
    await replicaState('500', (items) => items.length === 1);

    await http().delete(`/units/${unit.id}`).set(bearer(['clerk'], { tenant: TENANT, units: ['500'] })).expect(403);
    await http().delete(`/units/${unit.id}`).set(bearer(['admin'], { tenant: 'san-pablo-etla' })).expect(404);
    await http().delete(`/units/${unit.id}`).set(planning).expect(204);

    await http().get(`/units/${unit.id}`).set(planning).expect(404);
    expect(await database.query(`SELECT * FROM catalog.unit_parent_history WHERE unit_id = $1`, [unit.id])).toEqual([]);
    const event = await tap.waitFor((m) => m.key === unit.id && m.headers['ce_type'] === UnitDeleted.type, 'the unit.deleted event');
    expect(event.headers['tenant']).toBe(TENANT);
    expect(JSON.parse(event.value ?? '{}')).toMatchObject({ unitId: unit.id, code: '500', version: 2 });
    const trail = await http().get(`/audit?entityType=unit&entityId=${unit.id}`).set(planning).expect(200);
    expect(trail.body.items[0]).toMatchObject({ action: 'deleted', actor: 'planeacion@tule', changes: { code: { from: '500', to: null } } });

    await replicaState('500', (items) => items.length === 0);
    // The code is free again, in the catalog and in the replicas.
    const again = await create({ code: '500', name: 'Unidad de Mejora Regulatoria' });
    const [replica] = await replicaState('500', (items) => items.length === 1);
    expect(replica).toMatchObject({ id: again.id, name: 'Unidad de Mejora Regulatoria' });
  }, 90_000);

  /** Polls reporting's replica (fed by the catalog's events through Kafka) until it satisfies `done`. */
  async function replicaState(code: string, done: (items: { id: string; name: string }[]) => boolean): Promise<{ id: string; name: string }[]> {
    const deadline = Date.now() + 45_000;
    for (;;) {
      const response = await fetch(`${reporting.url}/catalog-units?code=${code}`, { headers: planning });
      const items = ((await response.json()) as { items: { id: string; name: string }[] }).items;
      if (done(items)) return items;
      if (Date.now() > deadline) throw new Error(`reporting's replica of ${code} never reached the expected state: ${JSON.stringify(items)}\n${reporting.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
});
