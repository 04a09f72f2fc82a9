import { ActivityStatusChanged, ActivityScheduled, Topic } from '@tequio/contracts';
import { bearer, EventTap } from '@tequio/testing';
import { AgendaFixture, startAgenda } from './agenda-fixture';

describe('agenda activities (real PostgreSQL and Kafka)', () => {
  let fixture: AgendaFixture;
  let tap: EventTap;
  const http = () => fixture.agenda.http();
  const count = async (table: string) => (await fixture.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM agenda.${table}`))[0].n;
  const writes = async () => ({ activity: await count('activity'), history: await count('activity_status_change'), outbox: await count('outbox'), audit: await count('audit_entry') });

  const base = {
    title: 'Diálogo vecinal en la colonia Reforma',
    category: 'dialogo_vecinal',
    place: 'Parque de la colonia Reforma',
    organizerUnitCode: '402',
    involvedUnitCodes: ['402', '501'],
    involvedRoles: [{ unitCode: '501', role: 'Titular' }],
    startsAt: '2025-07-14T10:00:00-06:00',
    endsAt: '2025-07-14T12:00:00-06:00',
  };

  beforeAll(async () => {
    fixture = await startAgenda('activities', ['501', '602']);
    // After the service: it has provisioned the agenda topics, so the tap never subscribes to one still being created.
    tap = await EventTap.open([Topic.AgendaActivityV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await fixture?.close();
  });

  it('schedules, confirms, reschedules and holds an activity; every status change reaches the broker addressed to the involved actors', async () => {
    const created = await http().post('/activities').set(fixture.office).send(base).expect(201);
    expect(created.body).toMatchObject({ status: 'programada', statusLabel: 'Programada', categoryLabel: 'Diálogos vecinales', version: 1, warnings: [] });
    const id = created.body.id;

    const confirmed = await http().post(`/activities/${id}/status`).set(fixture.office).send({ status: 'confirmada' }).expect(201);
    expect(confirmed.body).toMatchObject({ status: 'confirmada', previousStatus: 'programada', version: 2 });
    const moved = await http()
      .post(`/activities/${id}/status`)
      .set(fixture.office)
      .send({ status: 'reprogramada', reason: 'Cambio de sede por lluvia', startsAt: '2025-07-15T10:00:00-06:00', endsAt: '2025-07-15T12:00:00-06:00' })
      .expect(201);
    expect(moved.body).toMatchObject({ status: 'reprogramada', startsAt: '2025-07-15T16:00:00.000Z', version: 3 });
    await http().post(`/activities/${id}/status`).set(fixture.office).send({ status: 'realizada' }).expect(201);

    const history = (await http().get(`/activities/${id}/history`).set(fixture.office).expect(200)).body;
    expect(history.map((step: { fromStatus: string | null; toStatus: string; reason: string | null }) => [step.fromStatus, step.toStatus, step.reason])).toEqual([
      [null, 'programada', null],
      ['programada', 'confirmada', null],
      ['confirmada', 'reprogramada', 'Cambio de sede por lluvia'],
      ['reprogramada', 'realizada', null],
    ]);

    const events = async (version: number) => {
      const message = await tap.waitFor((m) => m.key === id && JSON.parse(m.value ?? '{}').version === version, `activity v${version}`);
      return { type: message.headers['ce_type'], tenant: message.headers['tenant'], data: JSON.parse(message.value ?? '{}') };
    };
    const first = await events(1);
    expect(first).toMatchObject({ type: ActivityScheduled.type, tenant: fixture.tenant });
    for (const [version, status, previous] of [
      [2, 'confirmada', 'programada'],
      [3, 'reprogramada', 'confirmada'],
      [4, 'realizada', 'reprogramada'],
    ] as const) {
      const event = await events(version);
      expect(event.type).toBe(ActivityStatusChanged.type);
      expect(event.data).toMatchObject({
        activityId: id,
        status,
        previousStatus: previous,
        organizerUnitCode: '402',
        involvedUnitCodes: ['402', '501'],
        involvedRoles: [{ unitCode: '501', role: 'Titular' }],
      });
    }
  });

  it('keeps the title and place of a private activity out of its events', async () => {
    const created = await http().post('/activities').set(fixture.office).send({ ...base, visibility: 'privada', title: 'Reunión privada', startsAt: '2025-08-01T10:00:00-06:00', endsAt: '2025-08-01T11:00:00-06:00' }).expect(201);
    const message = await tap.waitFor((m) => m.key === created.body.id, 'private activity scheduled');
    expect(JSON.parse(message.value ?? '{}')).toMatchObject({ visibility: 'privada', title: null, place: null, involvedUnitCodes: ['402', '501'] });
    // Another unit's clerk does not see it; the involved unit's clerk does.
    await http().get(`/activities/${created.body.id}`).set(bearer(['clerk'], { tenant: fixture.tenant, units: ['602'] })).expect(404);
    await http().get(`/activities/${created.body.id}`).set(bearer(['clerk'], { tenant: fixture.tenant, units: ['501'] })).expect(200);
  });

  it('warns about an overlap with another activity of the president without refusing it', async () => {
    const first = await http().post('/activities').set(fixture.office).send({ ...base, title: 'Reunión con el Gobernador', category: 'reunion_gobernador', startsAt: '2025-09-01T10:00:00-06:00', endsAt: '2025-09-01T12:00:00-06:00' }).expect(201);
    const second = await http().post('/activities').set(fixture.office).send({ ...base, startsAt: '2025-09-01T11:30:00-06:00', endsAt: '2025-09-01T13:00:00-06:00' }).expect(201);
    expect(second.body.warnings).toEqual([expect.objectContaining({ code: 'traslape', activityId: first.body.id, message: expect.stringContaining('Reunión con el Gobernador') })]);
    const apart = await http().post('/activities').set(fixture.office).send({ ...base, startsAt: '2025-09-01T12:00:00-06:00', endsAt: '2025-09-01T12:30:00-06:00' }).expect(201);
    expect(apart.body.warnings).toEqual([expect.objectContaining({ activityId: second.body.id })]);
  });

  it('refuses bad input with a precise 4xx and writes nothing', async () => {
    const held = (await http().post('/activities').set(fixture.office).send({ ...base, startsAt: '2025-07-20T10:00:00-06:00', endsAt: '2025-07-20T11:00:00-06:00' }).expect(201)).body;
    await http().post(`/activities/${held.id}/status`).set(fixture.office).send({ status: 'realizada' }).expect(201);
    const before = await writes();

    const backwards = await http().post(`/activities/${held.id}/status`).set(fixture.office).send({ status: 'programada' });
    expect(backwards.status).toBe(409);
    expect(backwards.body.message).toBe('status: una actividad realizada no puede pasar a programada (es un estado final)');

    const reversed = await http().post('/activities').set(fixture.office).send({ ...base, startsAt: '2025-07-14T12:00:00-06:00', endsAt: '2025-07-14T10:00:00-06:00' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([{ field: 'endsAt', message: 'debe ser posterior a startsAt' }]);

    const noReason = await http().post(`/activities/${held.id}/status`).set(fixture.office).send({ status: 'cancelada' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason: es obligatorio');

    const unknownUnit = await http().post('/activities').set(fixture.office).send({ ...base, involvedUnitCodes: ['402', '999'] });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.message).toBe('involvedUnitCodes.1: no existe la unidad 999 en el catálogo');

    const unknownCategory = await http().post('/activities').set(fixture.office).send({ ...base, category: 'fiesta' });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.message).toMatch(/^category: "fiesta" no es una categoría activa/);

    const outsider = await http().post('/activities').set(bearer(['clerk'], { tenant: fixture.tenant, units: ['501'] })).send(base);
    expect(outsider.status).toBe(403);

    expect(await writes()).toEqual(before);
  });

  it('lets the municipality rename, switch off and add categories that count as registry categories', async () => {
    const categories = (await http().put('/activity-categories/recorrido_colonias').set(fixture.office).send({ label: 'Recorridos en colonias', reportCategory: 'recorrido' }).expect(200)).body;
    expect(categories).toHaveLength(17);
    await http().put('/activity-categories/rueda_prensa').set(fixture.office).send({ label: 'Conferencias', reportCategory: 'rueda_prensa', active: false }).expect(200);
    const created = await http().post('/activities').set(fixture.office).send({ ...base, category: 'recorrido_colonias', startsAt: '2025-10-01T10:00:00-06:00', endsAt: '2025-10-01T11:00:00-06:00' }).expect(201);
    expect(created.body).toMatchObject({ category: 'recorrido_colonias', reportCategory: 'recorrido', categoryLabel: 'Recorridos en colonias' });
    await http().post('/activities').set(fixture.office).send({ ...base, category: 'rueda_prensa' }).expect(400);
  });
});
