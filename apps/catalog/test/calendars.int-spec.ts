import { CalendarChanged, Topic } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

/** Oracle for the answers: the platform's Date, independent of the code under test. */
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
function datesAfter(fromExclusive: string, toInclusive: string): string[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${fromExclusive}T00:00:00Z`) + 86_400_000; ; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (date > toInclusive) return dates;
    dates.push(date);
  }
}

describe('catalog calendars of non-working days (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });
  const reader = bearer(['clerk'], { units: ['801'] });

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogCalendarV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  const http = () => catalog.http();
  const holidays2025 = [
    { date: '2025-09-16', name: 'Día de la Independencia' },
    { date: '2025-01-01', name: 'Año Nuevo' },
    { date: '2025-02-03', name: 'Día de la Constitución (primer lunes de febrero)' },
    { date: '2025-03-17', name: 'Natalicio de Benito Juárez (tercer lunes de marzo)' },
    { date: '2025-05-01', name: 'Día del Trabajo' },
    { date: '2025-11-02', name: 'Día de Muertos' },
    { date: '2025-11-17', name: 'Día de la Revolución (tercer lunes de noviembre)' },
    { date: '2025-12-25', name: 'Navidad' },
  ];
  // Report approvals other test files publish on the shared broker reach this instance's consumer at any time and
  // write quarter_lock audit entries: they are not what a refused calendar change could have written.
  const written = async () =>
    (
      await database.query<{ years: number; holidays: number; outbox: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM catalog.calendar_year) AS years, (SELECT count(*)::int FROM catalog.calendar_holiday) AS holidays,
                (SELECT count(*)::int FROM catalog.outbox) AS outbox, (SELECT count(*)::int FROM catalog.audit_entry WHERE entity_type <> 'quarter_lock') AS audit`,
      )
    )[0];

  /** The latest calendar.changed this database published for the key, read back from the broker. */
  async function lastPublished(key: string) {
    const rows = await database.query<{ id: string }>(
      `SELECT id::text FROM catalog.outbox WHERE message_key = $1 AND event_type = $2 ORDER BY occurred_at DESC LIMIT 1`,
      [key, CalendarChanged.type],
    );
    const message = await tap.waitFor((m) => m.headers['ce_id'] === rows[0]?.id, `calendar.changed for ${key}`);
    expect(message.key).toBe(key);
    return JSON.parse(message.value ?? '{}');
  }

  let defaults: { counts: { calendarDays: number; weekendDays: number; businessDays: number } };

  it('answers a year with nothing stored: weekends only, cut-off 15:00, flagged as default', async () => {
    const response = await http().get('/calendars/2025').set(reader).expect(200);
    defaults = response.body;
    expect(response.body).toMatchObject({ year: 2025, isDefault: true, cutoff: '15:00', timeZone: 'America/Mexico_City', holidays: [], version: 0 });
    expect(response.body.note).toMatch(/solo sábados y domingos/);
    const days = datesAfter('2024-12-31', '2025-12-31');
    expect(response.body.counts).toEqual({
      calendarDays: days.length,
      weekendDays: days.filter(isWeekend).length,
      holidays: 0,
      holidaysOnWeekdays: 0,
      businessDays: days.filter((d) => !isWeekend(d)).length,
    });
  });

  it('replaces the whole set: sorted, labelled, counted, published in full and audited', async () => {
    const response = await http().put('/calendars/2025').set(planning).send({ cutoff: '14:30', holidays: holidays2025 });
    expect(response.status).toBe(200);
    const sorted = [...holidays2025].sort((a, b) => a.date.localeCompare(b.date));
    expect(response.body.holidays.map((h: { date: string; name: string }) => ({ date: h.date, name: h.name }))).toEqual(sorted);
    expect(response.body.holidays.find((h: { date: string }) => h.date === '2025-09-16').weekday).toBe('martes');
    const onWeekdays = sorted.filter((h) => !isWeekend(h.date)).length;
    expect(onWeekdays).toBeLessThan(sorted.length); // one of them falls on a Sunday
    expect(response.body).toMatchObject({ isDefault: false, note: null, cutoff: '14:30', version: 1 });
    expect(response.body.counts).toEqual({
      ...defaults.counts,
      holidays: sorted.length,
      holidaysOnWeekdays: onWeekdays,
      businessDays: defaults.counts.businessDays - onWeekdays,
    });

    expect(await lastPublished('oaxaca-de-juarez:2025')).toEqual({
      calendarId: 'oaxaca-de-juarez:2025',
      year: 2025,
      cutoff: '14:30',
      timeZone: 'America/Mexico_City',
      holidays: sorted,
      version: 1,
    });
    const trail = await http().get('/audit?entityType=calendar&entityId=2025').set(planning).expect(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'replaced',
      actor: 'planeacion@oaxaca',
      changes: expect.objectContaining({ cutoff: { from: null, to: '14:30' }, '2025-09-16': { from: null, to: 'Día de la Independencia' } }),
    });
  });

  it('adds and removes single holidays, publishing the full set each time', async () => {
    const added = await http().post('/calendars/2025/holidays').set(planning).send({ date: '2025-12-12', name: 'Día de la Virgen de Guadalupe' });
    expect(added.status).toBe(201);
    expect(added.body.version).toBe(2);
    const afterAdd = await lastPublished('oaxaca-de-juarez:2025');
    expect(afterAdd.version).toBe(2);
    expect(afterAdd.holidays).toHaveLength(holidays2025.length + 1);
    expect(afterAdd.holidays).toContainEqual({ date: '2025-12-12', name: 'Día de la Virgen de Guadalupe' });
    expect(afterAdd.cutoff).toBe('14:30');

    const before = await written();
    const duplicate = await http().post('/calendars/2025/holidays').set(planning).send({ date: '2025-12-12', name: 'Otra vez' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe('date: ya hay un día inhábil el 2025-12-12 (Día de la Virgen de Guadalupe)');
    const outside = await http().post('/calendars/2025/holidays').set(planning).send({ date: '2026-01-01', name: 'Año Nuevo' });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe('date: la fecha 2026-01-01 no pertenece al año 2025');
    expect(await written()).toEqual(before);

    const removed = await http().delete('/calendars/2025/holidays/2025-12-12').set(planning).expect(200);
    expect(removed.body.holidays).toHaveLength(holidays2025.length);
    const afterRemove = await lastPublished('oaxaca-de-juarez:2025');
    expect(afterRemove.version).toBe(3);
    expect(afterRemove.holidays.map((h: { date: string }) => h.date)).not.toContain('2025-12-12');
    const missing = await http().delete('/calendars/2025/holidays/2025-12-12').set(planning);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('date: no hay día inhábil registrado el 2025-12-12');

    const trail = await http().get('/audit?entityType=calendar&entityId=2025').set(planning).expect(200);
    expect(trail.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'holiday_removed', changes: { '2025-12-12': { from: 'Día de la Virgen de Guadalupe', to: null } } }),
      expect.objectContaining({ action: 'holiday_added', changes: { '2025-12-12': { from: null, to: 'Día de la Virgen de Guadalupe' } } }),
    ]);
  });

  it('refuses invalid calendars naming the field, writing nothing and keeping the stored set', async () => {
    const before = await written();
    const stored = (await http().get('/calendars/2025').set(reader).expect(200)).body;

    const outside = await http().put('/calendars/2025').set(planning).send({ holidays: [holidays2025[0], { date: '2024-12-25', name: 'Navidad' }] });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe('holidays.1.date: la fecha 2024-12-25 no pertenece al año 2025');

    const repeated = await http()
      .put('/calendars/2025')
      .set(planning)
      .send({ holidays: [holidays2025[0], holidays2025[1], { date: '2025-09-16', name: 'Independencia' }] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.message).toBe('holidays.2.date: la fecha 2025-09-16 está repetida (ya aparece en holidays.0)');

    const badCutoff = await http().put('/calendars/2025').set(planning).send({ cutoff: '25:00', holidays: [] });
    expect(badCutoff.status).toBe(400);
    expect(badCutoff.body.errors.map((e: { field: string }) => e.field)).toEqual(['cutoff']);
    const badDate = await http().put('/calendars/2025').set(planning).send({ holidays: [{ date: '2025-02-30', name: 'x' }] });
    expect(badDate.body.errors.map((e: { field: string }) => e.field)).toEqual(['holidays.0.date']);
    const badYear = await http().get('/calendars/1999').set(planning);
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors.map((e: { field: string }) => e.field)).toEqual(['year']);

    // Fails after the year's row was created inside the transaction: the rollback takes it away too.
    const noCalendar = await http().delete('/calendars/2030/holidays/2030-01-01').set(planning);
    expect(noCalendar.status).toBe(404);

    await http().put('/calendars/2025').set(reader).send({ holidays: [] }).expect(403);
    await http().post('/calendars/2025/holidays').set(reader).send({ date: '2025-12-12', name: 'x' }).expect(403);
    await http().delete('/calendars/2025/holidays/2025-09-16').set(reader).expect(403);

    expect(await written()).toEqual(before);
    expect((await http().get('/calendars/2025').set(reader).expect(200)).body).toEqual(stored);
  });

  it('computes the date N business days after `from`, skipping weekends and the municipality’s holidays', async () => {
    const holidays = new Set(holidays2025.map((h) => h.date));
    for (const [from, days] of [['2025-09-12', 5], ['2025-09-13', 1], ['2025-11-14', 20], ['2025-03-14', 10]] as const) {
      const response = await http().get(`/calendars/2025/business-days?from=${from}&days=${days}`).set(reader).expect(200);
      const { date } = response.body;
      expect(isWeekend(date) || holidays.has(date)).toBe(false);
      const businessDays = datesAfter(from, date).filter((d) => !isWeekend(d) && !holidays.has(d));
      expect({ from, days, counted: businessDays.length }).toEqual({ from, days, counted: days });
      const skipped = datesAfter(from, date).filter((d) => isWeekend(d) || holidays.has(d));
      expect(response.body.skipped.map((s: { date: string }) => s.date)).toEqual(skipped);
    }
    const independence = await http().get('/calendars/2025/business-days?from=2025-09-12&days=5').set(reader).expect(200);
    expect(independence.body.skipped).toContainEqual({ date: '2025-09-16', reason: 'Día de la Independencia' });
    expect(independence.body.skipped).toContainEqual({ date: '2025-09-13', reason: 'sábado' });
    expect(independence.body.warnings).toEqual([]);

    // Another municipality has no holidays: only weekends are skipped there.
    const elsewhere = await http().get('/calendars/2025/business-days?from=2025-09-12&days=5').set(bearer(['clerk'], { tenant: 'santa-maria-del-tule' })).expect(200);
    expect(datesAfter('2025-09-12', elsewhere.body.date).filter((d) => !isWeekend(d))).toHaveLength(5);
    expect(elsewhere.body.date < independence.body.date).toBe(true);
  });

  it('crosses into the next year with that year’s holidays, and warns while it has no calendar', async () => {
    const across = () => http().get('/calendars/2025/business-days?from=2025-12-19&days=10').set(reader).expect(200);
    const without = (await across()).body;
    expect(without.date.startsWith('2026-')).toBe(true);
    expect(without.warnings).toEqual(['El año 2026 no tiene calendario registrado: de ese año solo se omitieron sábados y domingos']);

    await http().put('/calendars/2026').set(planning).send({ holidays: [{ date: '2026-01-01', name: 'Año Nuevo' }] }).expect(200);
    const withIt = (await across()).body;
    expect(withIt.warnings).toEqual([]);
    expect(withIt.skipped).toContainEqual({ date: '2026-01-01', reason: 'Año Nuevo' });
    expect(withIt.date > without.date).toBe(true);
    expect((await lastPublished('oaxaca-de-juarez:2026')).holidays).toEqual([{ date: '2026-01-01', name: 'Año Nuevo' }]);
  });

  it('checks the business-days query', async () => {
    const outside = await http().get('/calendars/2025/business-days?from=2026-01-05&days=3').set(reader);
    expect(outside.status).toBe(400);
    expect(outside.body.message).toBe('from: la fecha 2026-01-05 no pertenece al año 2025');
    const zero = await http().get('/calendars/2025/business-days?from=2025-01-05&days=0').set(reader);
    expect(zero.status).toBe(400);
    expect(zero.body.errors.map((e: { field: string }) => e.field)).toEqual(['days']);
  });
});
