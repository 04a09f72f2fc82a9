import { CalendarChanged, deadLetterTopic, Topic } from '@tequio/contracts';
import { bearer, cloudEventMessage, createTestDatabase, EventTap, produceRaw, registerTenants, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { DeadlineJobService } from '../src/deadline-jobs/deadline-job.service';
import { transparencyService } from '../src/transparency.definition';
import { newFolio, publishCalendar, seedUnits, tokens, waitUntil } from './support';

/** Its own municipality, so calendar changes here move nobody else's deadlines. */
const TENANT = 'municipio-de-plazos';

describe('deadlines over real PostgreSQL and Kafka: calendar changes, due-soon, overdue and lapsed clarifications', () => {
  let database: TestDatabase;
  let service: RunningService;
  const { staff } = tokens(TENANT);
  const admin = bearer(['admin'], { tenant: TENANT, sub: 'admin@plazos' });
  const http = () => service.http();
  const job = () => service.app.get(DeadlineJobService);

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, TENANT);
    service = await startServiceInProcess(transparencyService, database, { TRANSPARENCY_DEADLINE_JOB_MS: '0' });
    await seedUnits(service, database, TENANT);
    await publishCalendar(database, 2024, [], 1, TENANT);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const register = (receivedAt: string) =>
    http()
      .post('/requests')
      .set(staff)
      .send({ folio: newFolio(), channel: 'escrito', receivedAt, requesterCategory: 'hombre', informationRequested: 'Nómina 2024' })
      .expect(201)
      .then((response) => response.body);
  const events = (requestId: string, type: string) =>
    database.query<{ payload: { businessDaysLeft?: number } & Record<string, unknown> }>(`SELECT payload FROM transparency.outbox WHERE message_key = $1 AND event_type = $2`, [requestId, type]);

  it('a holiday added to the calendar moves the due dates of open requests, says so in an event, and leaves answered ones alone', async () => {
    const open = await register('2024-04-08T10:00:00-06:00');
    const answered = await register('2024-04-08T11:00:00-06:00');
    await http().post(`/requests/${answered.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-04-09' }).expect(201);
    await http().post(`/requests/${answered.id}/answer`).set(staff).send({ answerType: 'entrega_informacion', answeredOn: '2024-04-20' }).expect(201);
    expect(open.answerDue).toBe('2024-05-06');

    await publishCalendar(database, 2024, [{ date: '2024-04-22', name: 'Día inhábil por acuerdo de Cabildo' }], 2, TENANT);
    await waitUntil(async () => (await http().get(`/requests/${open.id}`).set(staff)).body.answerDue === '2024-05-07', 'recomputed due date');
    const recomputed = await events(open.id, 'tequio.transparency.request.due-dates-recomputed');
    expect(recomputed).toHaveLength(1);
    expect(recomputed[0].payload).toMatchObject({ answerDue: '2024-05-07', firstTermDue: '2024-05-07' });
    const explained = await http().get(`/requests/${open.id}/deadlines`).set(staff).expect(200);
    expect(explained.body.skipped).toContainEqual({ date: '2024-04-22', kind: 'holiday', reason: 'Día inhábil por acuerdo de Cabildo' });
    expect((await http().get(`/requests/${answered.id}`).set(staff)).body.answerDue).toBe('2024-05-06');
    expect(await events(answered.id, 'tequio.transparency.request.due-dates-recomputed')).toHaveLength(0);
  });

  it('marks overdue requests once, closes unanswered clarifications, and sends each due-soon notice once per due date', async () => {
    await http()
      .put('/settings')
      .set(admin)
      .send({ dueSoonDays: 3, terms: { informacion: { answerDays: 3, extensionDays: 10, clarificationRequestDays: 5, clarificationReplyDays: 10, appealDays: 15 } } })
      .expect(200);
    const overdue = await register('2024-06-03T10:00:00-06:00');
    const lapsing = await register('2024-06-03T10:00:00-06:00');
    await http().post(`/requests/${lapsing.id}/clarification`).set(staff).send({ requestedOn: '2024-06-04' }).expect(201);
    // Due Thursday 2024-06-20; the job runs on Wednesday 2024-06-19 (a fixed day: a request received "now" after the
    // 15:00 cut-off would count from tomorrow and fall outside the notice).
    const dueSoon = await register('2024-06-17T10:00:00-06:00');
    const now = new Date('2024-06-19T16:00:00Z');

    // Two replicas running at once: the advisory lock lets one work and the other skip.
    const [first, second] = await Promise.all([job().run(now), job().run(now)]);
    const ran = first.skipped ? second : first;
    expect([first.skipped, second.skipped].filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(ran.overdue).toBeGreaterThanOrEqual(1);
    const again = await job().run(now);
    expect(again).toMatchObject({ skipped: false, dueSoon: 0, lapsed: 0 });

    expect((await http().get(`/requests/${overdue.id}`).set(staff)).body).toMatchObject({ overdue: true, status: 'recibida' });
    expect(await events(overdue.id, 'tequio.transparency.request.overdue')).toHaveLength(1);
    expect((await http().get(`/requests/${lapsing.id}`).set(staff)).body.status).toBe('no_presentada');
    const history = await http().get(`/requests/${lapsing.id}/history`).set(staff).expect(200);
    expect(history.body.map((row: { to: string }) => row.to)).toEqual(['recibida', 'en_prevencion', 'no_presentada']);
    const notices = await events(dueSoon.id, 'tequio.transparency.request.due-soon');
    expect(notices).toHaveLength(1);
    expect(notices[0].payload).toMatchObject({ businessDaysLeft: 1, answerDue: '2024-06-20' });

    // Answered after its due date: no longer overdue, and marked late for good.
    await http().post(`/requests/${overdue.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-06-04' }).expect(201);
    const answered = await http().post(`/requests/${overdue.id}/answer`).set(staff).send({ answerType: 'parcial', answeredOn: '2024-07-01' }).expect(201);
    expect(answered.body).toMatchObject({ overdue: false, late: true, status: 'respondida' });
  });

  it('a malformed calendar event goes to the dead-letter topic and the consumer lives on', async () => {
    const tap = await EventTap.open([deadLetterTopic(Topic.CatalogCalendarV1)]);
    try {
      const calendarId = `${TENANT}:2023`;
      const bad = cloudEventMessage(CalendarChanged, {
        subject: calendarId,
        tenant: TENANT,
        data: { calendarId, year: 2023, cutoff: '25:99', timeZone: 'America/Mexico_City', holidays: [], version: 1 },
      });
      await produceRaw(Topic.CatalogCalendarV1, [bad]);
      await tap.waitFor((message) => message.headers['ce_id'] === bad.headers['ce_id'], 'the malformed calendar event in the dead-letter topic');
      await publishCalendar(database, 2023, [{ date: '2023-12-25', name: 'Navidad' }], 1, TENANT);
    } finally {
      await tap.close();
    }
  });
});
