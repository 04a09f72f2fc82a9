import { createTestDatabase, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { transparencyService } from '../src/transparency.definition';
import { newFolio, publishCalendar, seedUnits, tokens } from './support';

describe('transparency requests over real PostgreSQL and Kafka', () => {
  let database: TestDatabase;
  let service: RunningService;
  const { staff, works, treasury, planning } = tokens();
  const http = () => service.http();

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startServiceInProcess(transparencyService, database);
    await seedUnits(service, database);
    await publishCalendar(database, 2024, [{ date: '2024-05-01', name: 'Día del Trabajo' }], 1);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const counts = async () =>
    (
      await database.query<{ requests: number; turns: number; outbox: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM transparency.transparency_request) AS requests, (SELECT count(*)::int FROM transparency.oficio_turn) AS turns,
                (SELECT count(*)::int FROM transparency.outbox) AS outbox, (SELECT count(*)::int FROM transparency.audit_entry) AS audit`,
      )
    )[0];

  const register = (overrides: Record<string, unknown> = {}) =>
    http()
      .post('/requests')
      .set(staff)
      .send({
        folio: newFolio(),
        channel: 'plataforma_nacional',
        receivedAt: '2024-04-08T10:00:00-06:00',
        requesterCategory: 'mujer',
        requesterName: 'María López',
        requesterContact: 'maria@example.org',
        informationRequested: 'Contratos de obra pública de 2023',
        ...overrides,
      });

  it('registers a request with its due date on the municipality calendar, explained day by day', async () => {
    const created = await register().expect(201);
    expect(created.body).toMatchObject({ status: 'recibida', receiptDate: '2024-04-08', answerDue: '2024-05-07', unitCode: '801', version: 1 });
    expect(created.body).not.toHaveProperty('requesterName');
    const deadlines = await http().get(`/requests/${created.body.id}/deadlines`).set(staff).expect(200);
    expect(deadlines.body).toMatchObject({ receiptDate: '2024-04-08', dayOne: '2024-04-09', answerDue: '2024-05-07', clarificationRequestDue: '2024-04-15' });
    expect(deadlines.body.skipped).toContainEqual({ date: '2024-05-01', kind: 'holiday', reason: 'Día del Trabajo' });
  });

  it('turns by consecutive oficios, takes each unit’s answer, answers, and keeps the status history', async () => {
    const { body: request } = await register({ receivedAt: '2024-04-12T16:30:00-06:00' }).expect(201);
    expect(request).toMatchObject({ receiptDate: '2024-04-15', answerDue: '2024-05-14' });
    const first = await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-04-15' }).expect(201);
    const second = await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '301', turnedOn: '2024-04-15' }).expect(201);
    const [a, b] = second.body.turns.map((turn: { oficioNumber: string }) => Number(turn.oficioNumber.split('/')[1]));
    expect(b).toBe(a + 1);
    expect(first.body.status).toBe('turnada');
    const worksTurn = second.body.turns.find((turn: { unitCode: string }) => turn.unitCode === '501');
    // A unit sees its own turns, and what was asked, never who asked.
    const visible = await http().get('/turns').set(works).expect(200);
    expect(visible.body.items.every((turn: { unitCode: string }) => turn.unitCode === '501')).toBe(true);
    expect(JSON.stringify(visible.body)).not.toContain('María');
    await http().post(`/turns/${worksTurn.id}/answer`).set(works).send({ answerOficioNumber: 'SOP/0231/2024', answeredOn: '2024-04-22' }).expect(201);
    const answered = await http().post(`/requests/${request.id}/answer`).set(staff).send({ answerType: 'entrega_informacion', answeredOn: '2024-04-30' }).expect(201);
    expect(answered.body).toMatchObject({ status: 'respondida', late: false, answerType: 'entrega_informacion' });
    const history = await http().get(`/requests/${request.id}/history`).set(staff).expect(200);
    expect(history.body.map((row: { to: string }) => row.to)).toEqual(['recibida', 'turnada', 'respondida']);
  });

  it('a unit user cannot read or answer another unit’s turn, nor list it', async () => {
    const { body: request } = await register().expect(201);
    const turned = await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '301', turnedOn: '2024-04-09' }).expect(201);
    const turnId = turned.body.turns[0].id;
    const before = await counts();
    const read = await http().get(`/turns/${turnId}`).set(works).expect(403);
    expect(read.body.message).toMatch(/^turnId: .*unidad 301/);
    await http().post(`/turns/${turnId}/answer`).set(works).send({ answerOficioNumber: 'X/1/2024', answeredOn: '2024-04-10' }).expect(403);
    await http().get('/turns?unitCode=301').set(works).expect(403);
    expect(await counts()).toEqual(before);
    // The turn carries what the citizen asked: the unit's read of it is on record.
    await http().get(`/turns/${turnId}`).set(treasury).expect(200);
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('personal data is readable only by the transparency unit, and each read is audited', async () => {
    const { body: request } = await register().expect(201);
    await http().get(`/requests/${request.id}/requester`).set(works).expect(403);
    await http().get(`/requests/${request.id}/requester`).set(planning).expect(403);
    const read = await http().get(`/requests/${request.id}/requester`).set(staff).expect(200);
    expect(read.body).toMatchObject({ requesterName: 'María López', requesterContact: 'maria@example.org' });
    const audit = await database.query<{ actor: string }>(
      `SELECT actor FROM transparency.audit_entry WHERE entity_id = $1 AND action = 'personal_data_read'`,
      [request.id],
    );
    expect(audit).toEqual([{ actor: 'ut@oaxaca' }]);
  });

  it('bad input gets a precise 4xx naming the field and writes nothing', async () => {
    const { body: request } = await register().expect(201);
    const folio = request.folio;
    const before = await counts();
    const duplicate = await register({ folio }).expect(409);
    expect(duplicate.body.message).toBe(`folio: ya está registrada la solicitud con folio ${folio}`);
    const malformed = await register({ folio: '12-AB' }).expect(400);
    expect(JSON.stringify(malformed.body)).toMatch(/folio/);
    const early = await http().post(`/requests/${request.id}/answer`).set(staff).send({ answerType: 'inexistencia', answeredOn: '2024-04-10' }).expect(409);
    expect(early.body).toMatchObject({ currentStatus: 'recibida' });
    expect(early.body.message).toMatch(/^status: .*primero debe turnarse/);
    const unknown = await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '999', turnedOn: '2024-04-09' }).expect(400);
    expect(unknown.body.message).toBe('unitCode: la unidad 999 no existe en el catálogo');
    const late = await http().post(`/requests/${request.id}/extension`).set(staff).send({ requestedOn: '2024-05-08', days: 10, reason: 'Volumen' }).expect(400);
    expect(late.body.message).toBe('requestedOn: la prórroga debe notificarse antes de que venza el primer plazo (venció el 2024-05-07)');
    await http().post('/requests').set(works).send({ folio: newFolio() }).expect((response) => expect([400, 403]).toContain(response.status));
    expect(await counts()).toEqual(before);
  });

  it('one extension only: the second is refused and writes nothing', async () => {
    const { body: request } = await register().expect(201);
    const extended = await http().post(`/requests/${request.id}/extension`).set(staff).send({ requestedOn: '2024-05-07', days: 10, reason: 'Volumen' }).expect(201);
    expect(extended.body.answerDue).toBe('2024-05-21');
    const before = await counts();
    const second = await http().post(`/requests/${request.id}/extension`).set(staff).send({ requestedOn: '2024-05-08', days: 5, reason: 'Más' }).expect(409);
    expect(second.body.message).toBe('extension: ya se concedió una prórroga el 2024-05-07; solo se permite una');
    expect(await counts()).toEqual(before);
  });

  it('a clarification stops the clock and the reply restarts it', async () => {
    const { body: request } = await register().expect(201);
    const asked = await http().post(`/requests/${request.id}/clarification`).set(staff).send({ requestedOn: '2024-04-10' }).expect(201);
    expect(asked.body).toMatchObject({ status: 'en_prevencion', answerDue: null });
    const replied = await http().post(`/requests/${request.id}/clarification/reply`).set(staff).send({ repliedOn: '2024-04-17' }).expect(201);
    expect(replied.body).toMatchObject({ status: 'recibida', answerDue: '2024-05-14' });
  });

  it('an ARCO request is answered only after the identity is verified', async () => {
    const { body: request } = await register({ kind: 'arco', arcoRight: 'rectificacion' }).expect(201);
    await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-04-09' }).expect(201);
    const refused = await http().post(`/requests/${request.id}/answer`).set(staff).send({ answerType: 'entrega_informacion', answeredOn: '2024-04-20' }).expect(409);
    expect(refused.body.message).toMatch(/^identityVerifiedOn: /);
    await http().post(`/requests/${request.id}/identity-verification`).set(staff).send({ verifiedOn: '2024-04-10' }).expect(201);
    await http().post(`/requests/${request.id}/answer`).set(staff).send({ answerType: 'entrega_informacion', answeredOn: '2024-04-22' }).expect(201);
  });

  it('a review appeal filed after 15 business days of the answer, or of the missed deadline, is refused with the last allowed day', async () => {
    const { body: answered } = await register().expect(201);
    await http().post(`/requests/${answered.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-04-09' }).expect(201);
    await http().post(`/requests/${answered.id}/answer`).set(staff).send({ answerType: 'parcial', answeredOn: '2024-04-30' }).expect(201);
    const { body: unanswered } = await register().expect(201);
    const appeal = (folio: string, filedOn: string, fileNumber: string) =>
      http().post('/appeals').set(staff).send({ fileNumber, requestFolio: folio, filedOn, ground: 'informacion_incompleta', requesterCategories: ['mujer'] });
    const before = await counts();
    // Answered Tuesday 2024-04-30: fifteen business days (May 1st is a holiday) end on Wednesday 2024-05-22.
    const late = await appeal(answered.folio, '2024-05-23', `RRA/${answered.folio}/1`).expect(400);
    expect(late.body.message).toBe(
      'filedOn: el recurso se interpuso fuera de plazo; el último día para interponerlo fue el 2024-05-22 (15 días hábiles desde la respuesta del 2024-04-30)',
    );
    // Never answered, due 2024-05-07: the window ends 2024-05-28.
    const missed = await appeal(unanswered.folio, '2024-05-29', `RRA/${unanswered.folio}/1`).expect(400);
    expect(missed.body.message).toBe(
      'filedOn: el recurso se interpuso fuera de plazo; el último día para interponerlo fue el 2024-05-28 (15 días hábiles desde el vencimiento del plazo de respuesta (2024-05-07))',
    );
    expect(await counts()).toEqual(before);
    await appeal(answered.folio, '2024-05-22', `RRA/${answered.folio}/2`).expect(201);
    await appeal(unanswered.folio, '2024-05-28', `RRA/${unanswered.folio}/2`).expect(201);
  });

  it('answered after the due date stays marked late', async () => {
    const { body: request } = await register().expect(201);
    await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-04-09' }).expect(201);
    const answered = await http().post(`/requests/${request.id}/answer`).set(staff).send({ answerType: 'parcial', answeredOn: '2024-05-10' }).expect(201);
    expect(answered.body).toMatchObject({ status: 'respondida', late: true, overdue: false });
  });
});
