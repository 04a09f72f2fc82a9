import { SemaphoreChanged, Topic } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

describe('catalog semáforo bands (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });
  const reader = bearer(['unit_head'], { units: ['402'] });

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogSemaphoreV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  const http = () => catalog.http();
  const band = (color: string, min: number, max: number | null, minInclusive: boolean, maxInclusive: boolean) => ({ color, min, max, minInclusive, maxInclusive });
  /** A stricter scale than the defaults, with fractional limits to check numbers survive the round trip. */
  const strict = [
    band('rojo', 0, 80, true, false),
    band('amarillo', 80, 92.5, true, false),
    band('verde', 92.5, 105.25, true, true),
    band('amarillo', 105.25, null, false, false),
  ];
  // DOMAIN.md: green 90–110, yellow 70–<90 or >110–130, red otherwise.
  const domainDefaults = [
    band('rojo', 0, 70, true, false),
    band('amarillo', 70, 90, true, false),
    band('verde', 90, 110, true, true),
    band('amarillo', 110, 130, false, true),
    band('rojo', 130, null, false, false),
  ];
  const bare = (bands: object[]) =>
    bands.map((b) => {
      const { color, min, max, minInclusive, maxInclusive } = b as ReturnType<typeof band>;
      return { color, min, max, minInclusive, maxInclusive };
    });
  const written = async () =>
    (
      await database.query<{ scales: number; bands: number; outbox: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM catalog.semaphore_scale) AS scales, (SELECT count(*)::int FROM catalog.semaphore_band) AS bands,
                (SELECT count(*)::int FROM catalog.outbox) AS outbox, (SELECT count(*)::int FROM catalog.audit_entry WHERE entity_type <> 'quarter_lock') AS audit`,
      )
    )[0];

  async function lastPublished(key: string) {
    const rows = await database.query<{ id: string }>(
      `SELECT id::text FROM catalog.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY occurred_at DESC LIMIT 1`,
      [key, SemaphoreChanged.type],
    );
    const message = await tap.waitFor((m) => m.headers['ce_id'] === rows[0]?.id, `semaphore.changed for ${key}`);
    expect(message.key).toBe(key);
    return JSON.parse(message.value ?? '{}');
  }

  it('answers the DOMAIN.md defaults, flagged and explained, while nothing is stored', async () => {
    const response = await http().get('/semaphore/2025').set(reader).expect(200);
    expect(response.body).toMatchObject({ year: 2025, isDefault: true, note: 'Valores por omisión; no se encontró fuente oficial de Oaxaca', decimals: 2, version: 0 });
    expect(bare(response.body.bands)).toEqual(domainDefaults);
    expect(response.body.bands.map((b: { colorLabel: string; label: string }) => `${b.colorLabel} ${b.label}`)).toEqual([
      'Rojo ≥ 0 y < 70',
      'Amarillo ≥ 70 y < 90',
      'Verde ≥ 90 y ≤ 110',
      'Amarillo > 110 y ≤ 130',
      'Rojo > 130',
    ]);
  });

  it('replaces the bands of a year: stored, published and audited together', async () => {
    const response = await http().put('/semaphore/2025').set(planning).send({ decimals: 1, bands: strict });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ isDefault: false, note: null, decimals: 1, version: 1 });

    const stored = (await http().get('/semaphore/2025').set(reader).expect(200)).body;
    expect(bare(stored.bands)).toEqual(strict);
    expect(stored).toMatchObject({ isDefault: false, decimals: 1, version: 1 });

    expect(await lastPublished('oaxaca-de-juarez:2025')).toEqual({
      semaphoreId: 'oaxaca-de-juarez:2025',
      year: 2025,
      isDefault: false,
      decimals: 1,
      bands: strict,
      version: 1,
    });
    const trail = await http().get('/audit?entityType=semaphore&entityId=2025').set(planning).expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'replaced',
      actor: 'planeacion@oaxaca',
      changes: expect.objectContaining({ 'banda 3': { from: null, to: 'verde ≥ 92.5 y ≤ 105.25' } }),
    });

    // Other years and other municipalities keep the defaults.
    expect((await http().get('/semaphore/2026').set(reader).expect(200)).body.isDefault).toBe(true);
    expect((await http().get('/semaphore/2025').set(bearer(['planning'], { tenant: 'santa-maria-del-tule' })).expect(200)).body.isDefault).toBe(true);
  });

  it.each([
    ['a gap', [band('rojo', 0, 70, true, false), band('verde', 75, null, true, false)], 'bands.1.min', /hueco entre 70 y 75/],
    ['an overlap', [band('rojo', 0, 70, true, false), band('verde', 60, null, true, false)], 'bands.1.min', /traslapa/],
    ['a limit in two bands', [band('rojo', 0, 70, true, true), band('verde', 70, null, true, false)], 'bands.1.minInclusive', /dos bandas/],
    ['a limit in no band', [band('rojo', 0, 70, true, false), band('verde', 70, null, false, false)], 'bands.1.minInclusive', /ninguna banda/],
    ['no start at 0', [band('verde', 10, null, true, false)], 'bands.0.min', /empezar en 0/],
    ['no end at infinity', [band('verde', 0, 150, true, true)], 'bands.0.max', /infinito/],
    ['an unknown colour', [band('azul', 0, null, true, false)], 'bands.0.color', /./],
    ['a negative limit', [band('rojo', -10, null, true, false)], 'bands.0.min', /negativo/],
  ])('refuses %s with a 400 naming the band, writing nothing', async (_case, bands, field, message) => {
    const before = await written();
    const response = await http().put('/semaphore/2025').set(planning).send({ bands });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(response.body.message).toMatch(new RegExp(`^Datos no válidos: ${field.replace(/\./g, '\\.')}: `));
    expect(await written()).toEqual(before);
    expect(bare((await http().get('/semaphore/2025').set(reader).expect(200)).body.bands)).toEqual(strict);
  });

  it('lets only admin and planning change the bands', async () => {
    const before = await written();
    await http().put('/semaphore/2025').set(reader).send({ bands: domainDefaults }).expect(403);
    await http().delete('/semaphore/2025').set(reader).expect(403);
    await http().put('/semaphore/1999').set(planning).send({ bands: domainDefaults }).expect(400);
    expect(await written()).toEqual(before);
  });

  it('restores the defaults on DELETE, publishing them; a second DELETE changes nothing', async () => {
    const response = await http().delete('/semaphore/2025').set(planning).expect(200);
    expect(response.body).toMatchObject({ isDefault: true, decimals: 2, version: 2, note: 'Valores por omisión; no se encontró fuente oficial de Oaxaca' });
    expect(bare(response.body.bands)).toEqual(domainDefaults);
    expect(await database.query(`SELECT * FROM catalog.semaphore_band`)).toEqual([]);

    expect(await lastPublished('oaxaca-de-juarez:2025')).toEqual({
      semaphoreId: 'oaxaca-de-juarez:2025',
      year: 2025,
      isDefault: true,
      decimals: 2,
      bands: domainDefaults,
      version: 2,
    });
    const trail = await http().get('/audit?entityType=semaphore&entityId=2025').set(planning).expect(200);
    expect(trail.body.items[0]).toMatchObject({ action: 'reset', changes: expect.objectContaining({ isDefault: { from: false, to: true } }) });

    const before = await written();
    const again = await http().delete('/semaphore/2025').set(planning).expect(200);
    expect(again.body).toMatchObject({ isDefault: true, version: 2 });
    expect(await written()).toEqual(before);

    // Custom bands again continue the version, so consumers never mistake them for stale.
    const replaced = await http().put('/semaphore/2025').set(planning).send({ bands: strict }).expect(200);
    expect(replaced.body).toMatchObject({ version: 3, decimals: 2 });
  });
});
