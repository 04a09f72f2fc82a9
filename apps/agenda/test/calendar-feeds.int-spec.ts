import { bearer } from '@tequio/testing';
import ICAL from 'ical.js';
import { AgendaFixture, startAgenda } from './agenda-fixture';

describe('iCalendar feeds (real PostgreSQL)', () => {
  let fixture: AgendaFixture;
  const http = () => fixture.agenda.http();
  const clerkOf = (unit: string) => bearer(['clerk'], { tenant: fixture.tenant, units: [unit] });
  // Feeds show a year back and everything ahead: the activities are set a few weeks from now.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const activity = (title: string, offset: number, extra: Record<string, unknown> = {}) =>
    http()
      .post('/activities')
      .set(fixture.office)
      .send({ title, category: 'evento_gobierno', organizerUnitCode: '402', startsAt: `${day(offset)}T10:00:00-06:00`, endsAt: `${day(offset)}T11:00:00-06:00`, ...extra })
      .expect(201)
      .then((response) => response.body as { id: string });

  async function events(path: string) {
    const response = await http().get(path).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(response.text));
    return new Map(
      calendar.getAllSubcomponents('vevent').map((event) => [
        String(event.getFirstPropertyValue('uid')).replace('@agenda.tequio', ''),
        { summary: event.getFirstPropertyValue('summary'), sequence: event.getFirstPropertyValue('sequence'), status: event.getFirstPropertyValue('status') },
      ]),
    );
  }

  beforeAll(async () => {
    fixture = await startAgenda('feeds', ['501', '602']);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('serves the public feed to any calendar client: stable UIDs, SEQUENCE bumped on each change, cancelled ones marked, private ones absent', async () => {
    const inauguration = await activity('Inauguración del mercado', 20);
    const privateMeeting = await activity('Reunión privada', 21, { visibility: 'privada' });
    const cancelled = await activity('Recorrido de obra', 22);
    await http().post(`/activities/${cancelled.id}/status`).set(fixture.office).send({ status: 'cancelada', reason: 'Lluvia' }).expect(201);

    const created = (await http().post('/calendar-feeds').set(fixture.office).send({ audience: 'publica', label: 'Sitio web' }).expect(201)).body;
    expect(created.path).toBe(`/feeds/${created.token}.ics`);
    const stored = await fixture.database.query<{ token_hash: string }>(`SELECT token_hash FROM agenda.calendar_feed WHERE id = $1`, [created.id]);
    expect(stored[0].token_hash).not.toContain(created.token);

    let feed = await events(created.path);
    expect(feed.get(inauguration.id)).toEqual({ summary: 'Inauguración del mercado', sequence: 0, status: 'TENTATIVE' });
    expect(feed.get(cancelled.id)).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(feed.has(privateMeeting.id)).toBe(false);

    // A client that has the current version gets a 304; after a change it gets the new calendar.
    const etag = (await http().get(created.path).expect(200)).headers['etag'];
    await http().get(created.path).set('If-None-Match', etag).expect(304);
    await http().post(`/activities/${inauguration.id}/status`).set(fixture.office).send({ status: 'confirmada' }).expect(201);
    expect((await http().get(created.path).set('If-None-Match', etag).expect(200)).headers['etag']).not.toBe(etag);
    await http().patch(`/activities/${inauguration.id}`).set(fixture.office).send({ title: 'Inauguración del mercado de abasto' }).expect(200);
    feed = await events(created.path);
    expect(feed.get(inauguration.id)).toEqual({ summary: 'Inauguración del mercado de abasto', sequence: 2, status: 'CONFIRMED' });
  });

  it('serves a unit its own activities, private ones included; only that unit or the office manage its feed', async () => {
    const involved = await activity('Mesa de trabajo con Obras', 25, { visibility: 'privada', involvedUnitCodes: ['501'] });
    const other = await activity('Reunión con Servicios', 26, { involvedUnitCodes: ['602'] });
    await http().post('/calendar-feeds').set(clerkOf('602')).send({ audience: 'unidad', unitCode: '501', label: 'Ajeno' }).expect(403);
    await http().post('/calendar-feeds').set(clerkOf('501')).send({ audience: 'publica', label: 'Público' }).expect(403);
    const missingUnit = await http().post('/calendar-feeds').set(clerkOf('501')).send({ audience: 'unidad', label: 'Sin unidad' });
    expect(missingUnit.status).toBe(400);
    expect(missingUnit.body.errors).toEqual([{ field: 'unitCode', message: 'es obligatoria para un calendario de unidad' }]);

    const created = (await http().post('/calendar-feeds').set(clerkOf('501')).send({ audience: 'unidad', unitCode: '501', label: 'Outlook de Obras' }).expect(201)).body;
    const feed = await events(created.path);
    expect(feed.get(involved.id)).toMatchObject({ summary: 'Mesa de trabajo con Obras' });
    expect(feed.has(other.id)).toBe(false);
    expect((await http().get('/calendar-feeds').set(clerkOf('501')).expect(200)).body.map((f: { id: string }) => f.id)).toEqual([created.id]);
  });

  it('answers 404 to a revoked or unknown token', async () => {
    const created = (await http().post('/calendar-feeds').set(fixture.office).send({ audience: 'publica', label: 'Para revocar' }).expect(201)).body;
    await http().get(created.path).expect(200);
    const revoked = (await http().delete(`/calendar-feeds/${created.id}`).set(fixture.office).expect(200)).body;
    expect(revoked.revokedAt).not.toBeNull();
    await http().get(created.path).expect(404);
    await http().get(`/feeds/${'x'.repeat(43)}.ics`).expect(404);
  });
});
