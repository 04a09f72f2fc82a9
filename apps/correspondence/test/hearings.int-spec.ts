import { HearingCancelled, HearingUpdated } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';
import { CORRESPONDENCE_TOPICS, expectEventsFreeOfPersonalData, PERSONAL, publishUnits } from './support';

describe('hearing requests (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let tap: EventTap;
  const tenant = uniqueTenant('aud');
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'audiencias@aud' });
  const unit801 = bearer(['unit_head'], { tenant, units: ['801'], sub: 'servicios@aud' });
  const planning = bearer(['planning'], { tenant });
  const admin = bearer(['admin'], { tenant });

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    service = await startServiceInProcess(correspondenceService, database);
    tap = await EventTap.open(CORRESPONDENCE_TOPICS);
    await publishUnits(database, tenant);
  });

  afterAll(async () => {
    await tap?.close();
    await service?.close();
    await database?.drop();
  });

  const http = () => service.http();
  const request = (overrides: Record<string, unknown> = {}) => ({
    unitCode: '402',
    requester: { name: PERSONAL.hearingName, phone: PERSONAL.hearingPhone },
    subject: PERSONAL.subject,
    requesterCategory: 'grupo',
    groupSize: 12,
    topic: 'alumbrado_publico',
    requestedOn: '2025-07-08',
    ...overrides,
  });
  const hearingsWritten = async () => (await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM correspondence.hearing`))[0].count;
  const quarter = '/statistics/hearings?from=2025-07-01&to=2025-09-30';

  let hearingId: string;

  it('registers a request in process, then records its attention and outcome', async () => {
    const registered = await http().post('/hearings').set(desk).send(request());
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ outcome: 'en_proceso', outcomeLabel: 'En proceso', topicLabel: 'Alumbrado público', requester: { name: PERSONAL.hearingName } });
    hearingId = registered.body.id;
    const attended = await http().patch(`/hearings/${hearingId}`).set(desk).send({ outcome: 'dialogo_vecinal', attendedOn: '2025-07-19' });
    expect(attended.status).toBe(200);
    expect(attended.body).toMatchObject({ outcome: 'dialogo_vecinal', attendedOn: '2025-07-19', version: 2 });
    const event = await tap.waitFor((message) => message.key === hearingId && message.headers['ce_type'] === HearingUpdated.type, 'hearing.updated');
    expect(JSON.parse(event.value!)).toEqual({
      hearingId,
      unitCode: '402',
      requesterCategory: 'grupo',
      groupSize: 12,
      topic: 'alumbrado_publico',
      requestedOn: '2025-07-08',
      attendedOn: '2025-07-19',
      outcome: 'dialogo_vecinal',
      channelledUnitCode: null,
      cancelled: false,
      version: 2,
    });
  });

  it('refuses incoherent requests with a 400 naming the field, writing nothing', async () => {
    const before = await hearingsWritten();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ groupSize: null }, /^groupSize: obligatorio/],
      [{ outcome: 'presidente' }, /^attendedOn: obligatorio/],
      [{ outcome: 'canalizada', attendedOn: '2025-07-09', channelledUnitCode: '999' }, /^channelledUnitCode: la unidad 999 no existe/],
      [{ unitCode: '999' }, /^unitCode: la unidad 999 no existe|No puede actuar/],
      [{ topic: 'ovnis' }, /topic/],
    ];
    for (const [overrides, message] of cases) {
      const response = await http().post('/hearings').set(admin).send(request(overrides));
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(message);
    }
    const foreignUnit = await http().post('/hearings').set(unit801).send(request());
    expect(foreignUnit.status).toBe(403);
    expect(await hearingsWritten()).toBe(before);
  });

  it('only offers the topics the municipality enabled', async () => {
    await http().put('/settings').set(admin).send({ hearingTopics: ['obra_publica', 'alumbrado_publico', 'otro'] }).expect(200);
    const refused = await http().post('/hearings').set(desk).send(request({ topic: 'inspecciones' }));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^topic: el tema "inspecciones" no está habilitado/);
  });

  it('moves the counts when a hearing is reclassified or cancelled', async () => {
    const channelled = (await http().post('/hearings').set(desk).send(request({ requesterCategory: 'mujer', groupSize: null, outcome: 'canalizada', attendedOn: '2025-07-10', channelledUnitCode: '801' })).expect(201)).body;
    let stats = (await http().get(quarter).set(planning).expect(200)).body;
    expect(stats.byOutcome).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'dialogo_vecinal', count: 1 }), expect.objectContaining({ key: 'canalizada', count: 1 })]),
    );
    // The unit it was channelled to sees it; planning sees it without the requester.
    expect((await http().get(`/hearings/${channelled.id}`).set(unit801).expect(200)).body.requester.name).toBe(PERSONAL.hearingName);
    expect((await http().get(`/hearings/${channelled.id}`).set(planning).expect(200)).body).not.toHaveProperty('requester');

    await http().patch(`/hearings/${hearingId}`).set(desk).send({ outcome: 'presidente' }).expect(200);
    await http().post(`/hearings/${channelled.id}/cancellation`).set(desk).send({ reason: 'Registrada dos veces' }).expect(201);
    stats = (await http().get(quarter).set(planning).expect(200)).body;
    expect(stats).toMatchObject({ received: 1, attended: 1, people: 12, byOutcome: [{ key: 'presidente', count: 1 }], byRequesterCategory: [{ key: 'grupo', count: 1 }] });
    await tap.waitFor((message) => message.key === channelled.id && message.headers['ce_type'] === HearingCancelled.type, 'hearing.cancelled');
    // A cancelled hearing takes no further change: a conflict with its state, and nothing written.
    const version = (await http().get(`/hearings/${channelled.id}`).set(desk).expect(200)).body.version;
    const again = await http().post(`/hearings/${channelled.id}/cancellation`).set(desk).send({ reason: 'Otra vez' }).expect(409);
    expect(again.body.message).toBe('status: la audiencia está cancelada; no admite cambios');
    await http().patch(`/hearings/${channelled.id}`).set(desk).send({ outcome: 'presidente' }).expect(409);
    expect((await http().get(`/hearings/${channelled.id}`).set(desk).expect(200)).body.version).toBe(version);
  });

  it('lists hearings without personal data', async () => {
    const list = await http().get('/hearings').set(planning).expect(200);
    expect(list.body.total).toBe(2);
    for (const personal of Object.values(PERSONAL)) expect(JSON.stringify(list.body)).not.toContain(personal);
  });

  it('publishes no personal data in any correspondence event', async () => {
    const [{ count }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM correspondence.outbox`);
    await expectEventsFreeOfPersonalData(tap, count);
  });
});
