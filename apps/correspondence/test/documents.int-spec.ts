import { CalendarChanged, DocumentRescheduled, DocumentTurned, Topic } from '@tequio/contracts';
import { bearer, cloudEventMessage, createTestDatabase, EventTap, produceRaw, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';
import { citizenDocument, CORRESPONDENCE_TOPICS, expectEventsFreeOfPersonalData, PERSONAL, publishUnits } from './support';

describe('front desk documents (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let tap: EventTap;
  const tenant = uniqueTenant('op');
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'oficialia@op' });
  const otherDesk = bearer(['clerk'], { tenant, units: ['120'], sub: 'tesoreria@op' });
  const unit801 = bearer(['unit_head'], { tenant, units: ['801'], sub: 'servicios@op' });
  const unit305 = bearer(['clerk'], { tenant, units: ['305'], sub: 'obras@op' });
  const planning = bearer(['planning'], { tenant, sub: 'planeacion@op' });
  const admin = bearer(['admin'], { tenant, sub: 'admin@op' });
  const foreignTenant = uniqueTenant('otro');
  const foreignAdmin = bearer(['admin'], { tenant: foreignTenant, sub: 'admin@otro' });

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant, foreignTenant);
    service = await startServiceInProcess(correspondenceService, database, { HTTP_PUBLIC_RATE_LIMIT: '40' });
    tap = await EventTap.open(CORRESPONDENCE_TOPICS);
    await publishUnits(database, tenant);
  });

  afterAll(async () => {
    await tap?.close();
    await service?.close();
    await database?.drop();
  });

  const http = () => service.http();
  const written = async () =>
    (
      await database.query<{ documents: number; turns: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM correspondence.document) AS documents, (SELECT count(*)::int FROM correspondence.document_turn) AS turns,
                (SELECT count(*)::int FROM correspondence.outbox) AS outbox`,
      )
    )[0];
  const register = async (overrides: Record<string, unknown> = {}) => {
    const response = await http().post('/documents').set(desk).send(citizenDocument(overrides));
    expect(response.status).toBe(201);
    return response.body as { id: string; folio: string; trackingCode: string; status: string };
  };
  const turnTo = async (id: string, units: string[], extra: Record<string, unknown> = {}) => {
    const response = await http()
      .post(`/documents/${id}/turns`)
      .set(desk)
      .send({ turns: units.map((unitCode) => ({ unitCode })), turnedAt: '2025-07-02T10:30:00-06:00', ...extra });
    expect(response.status).toBe(201);
    return response.body as { status: string; turns: { id: string; unitCode: string; oficioNumber: string; dueOn: string; status: string }[] };
  };

  let first: { id: string; folio: string; trackingCode: string };

  it('registers a document with a consecutive folio and a tracking code stored only as a hash', async () => {
    first = await register();
    const second = await register({ receivedAt: '2025-07-01T12:00:00-06:00' });
    expect(first.folio).toBe('OP/2025/000001');
    expect(second.folio).toBe('OP/2025/000002');
    expect(first).toMatchObject({ status: 'registrado', requiresResponse: true, sender: { name: PERSONAL.citizenName } });
    expect(first.trackingCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const [row] = await database.query<{ tracking_code_hash: string }>(`SELECT tracking_code_hash FROM correspondence.document WHERE id = $1`, [first.id]);
    expect(row.tracking_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await database.query(`SELECT * FROM correspondence.document WHERE id = $1`, [first.id]))).not.toContain(first.trackingCode);
    const fetched = await http().get(`/documents/${first.id}`).set(desk).expect(200);
    expect(fetched.body).not.toHaveProperty('trackingCode');
  });

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const before = await written();
    const unknownUnit = await http().post('/documents').set(bearer(['clerk'], { tenant, units: ['999'] })).send(citizenDocument({ deskUnitCode: '999' }));
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.message).toMatch(/^deskUnitCode: la unidad 999 no existe/);
    const noLevel = await http().post('/documents').set(desk).send(citizenDocument({ type: 'escrito_autoridad_judicial' }));
    expect(noLevel.status).toBe(400);
    expect(noLevel.body.message).toMatch(/authorityLevel: obligatorio/);
    const badChannel = await http().post('/documents').set(desk).send(citizenDocument({ channel: 'paloma' }));
    expect(badChannel.status).toBe(400);
    expect(badChannel.body.errors[0].field).toBe('channel');
    const otherUnitsDesk = await http().post('/documents').set(otherDesk).send(citizenDocument());
    expect(otherUnitsDesk.status).toBe(403);
    const badTurn = await http().post(`/documents/${first.id}/turns`).set(desk).send({ turns: [{ unitCode: '777' }] });
    expect(badTurn.status).toBe(400);
    expect(badTurn.body.message).toMatch(/^turns\.0\.unitCode: la unidad 777 no existe/);
    expect(await written()).toEqual(before);
  });

  it('answers 409 with the current status when answering a document that was never turned', async () => {
    const before = await written();
    const response = await http()
      .post(`/documents/${first.id}/answers`)
      .set(desk)
      .send({ turnId: '5a1d7c3e-9b2f-4e8a-8c6d-2f1e0b9a7c35', summary: PERSONAL.answer });
    expect(response.status).toBe(409);
    expect(response.body.currentStatus).toBe('registrado');
    expect(await written()).toEqual(before);
  });

  let turns: { id: string; unitCode: string; oficioNumber: string; dueOn: string; status: string }[];

  it('turns by oficio to two units with consecutive oficio numbers and a due date in business days', async () => {
    const turned = await turnTo(first.id, ['801', '305']);
    turns = turned.turns;
    expect(turned.status).toBe('turnado');
    expect(turns.map((turn) => [turn.unitCode, turn.oficioNumber, turn.status])).toEqual([
      ['801', 'SP/0001/2025', 'turnado'],
      ['305', 'SP/0002/2025', 'turnado'],
    ]);
    // Wednesday 2 July 2025 + 10 business days (weekends skipped) = Wednesday 16 July.
    expect(turns.every((turn) => turn.dueOn === '2025-07-16')).toBe(true);
    const again = await http().post(`/documents/${first.id}/turns`).set(desk).send({ turns: [{ unitCode: '801' }] });
    expect(again.status).toBe(409);
    expect(again.body.currentStatus).toBe('turnado');
  });

  it('lets each unit act only on its own turn', async () => {
    const turn801 = turns.find((turn) => turn.unitCode === '801')!;
    const before = await written();
    const foreign = await http().post(`/documents/${first.id}/acknowledgements`).set(unit305).send({ turnId: turn801.id });
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toBe('No puede actuar por la unidad 801');
    const outsider = await http().get(`/documents/${first.id}`).set(bearer(['clerk'], { tenant, units: ['650'] }));
    expect(outsider.status).toBe(403);
    expect(await written()).toEqual(before);

    const acknowledged = await http().post(`/documents/${first.id}/acknowledgements`).set(unit801).send({ turnId: turn801.id, acknowledgedAt: '2025-07-03T09:00:00-06:00' });
    expect(acknowledged.status).toBe(201);
    expect(acknowledged.body.turns.find((turn: { id: string }) => turn.id === turn801.id).status).toBe('acusado');
    expect(acknowledged.body.status).toBe('turnado'); // 305 has not acknowledged yet
    const twice = await http().post(`/documents/${first.id}/acknowledgements`).set(unit801).send({ turnId: turn801.id });
    expect(twice.status).toBe(409);
    expect(twice.body.currentStatus).toBe('acusado');
  });

  it('records the answer of one unit and closes the other without answer; the document is respondido', async () => {
    const turn801 = turns.find((turn) => turn.unitCode === '801')!;
    const turn305 = turns.find((turn) => turn.unitCode === '305')!;
    const answered = await http().post(`/documents/${first.id}/answers`).set(unit801).send({ turnId: turn801.id, answeredAt: '2025-07-10T12:00:00-06:00', summary: PERSONAL.answer });
    expect(answered.status).toBe(201);
    const noReason = await http().post(`/documents/${first.id}/closures`).set(unit305).send({ turnId: turn305.id });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/^reason: obligatorio/);
    const closed = await http().post(`/documents/${first.id}/closures`).set(unit305).send({ turnId: turn305.id, reason: 'Atendido por la otra unidad' });
    expect(closed.status).toBe(201);
    expect(closed.body.status).toBe('respondido');
    const again = await http().post(`/documents/${first.id}/answers`).set(unit801).send({ turnId: turn801.id, summary: 'otra vez' });
    expect(again.status).toBe(409);
    expect(again.body.currentStatus).toBe('respondido');

    const history = await http().get(`/documents/${first.id}/history`).set(desk).expect(200);
    expect(history.body.items.filter((line: { turnId: string | null }) => line.turnId === null).map((line: { toStatus: string }) => line.toStatus)).toEqual([
      'registrado',
      'turnado',
      'respondido',
    ]);
    expect(history.body.items.filter((line: { turnId: string | null }) => line.turnId === turn801.id).map((line: { toStatus: string }) => line.toStatus)).toEqual([
      'turnado',
      'acusado',
      'respondido',
    ]);
  });

  it('publishes the whole non-personal state with a growing version', async () => {
    const published = await tap.waitFor(
      (message) => message.key === first.id && JSON.parse(message.value ?? '{}').status === 'respondido',
      'the respondido snapshot',
    );
    const data = JSON.parse(published.value!);
    expect(data).toMatchObject({ documentId: first.id, folio: first.folio, deskUnitCode: '402', requesterCategory: 'mujer', status: 'respondido' });
    expect(data.turns.map((turn: { unitCode: string; status: string }) => [turn.unitCode, turn.status])).toEqual([
      ['801', 'respondido'],
      ['305', 'concluido_sin_respuesta'],
    ]);
    const versions = tap.messages.filter((message) => message.key === first.id).map((message) => JSON.parse(message.value!).version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(tap.messages.find((message) => message.key === first.id && message.headers['ce_type'] === DocumentTurned.type)).toBeDefined();
  });

  it('reassigns a turn to another unit with a reason: a new oficio, and the old unit loses access', async () => {
    const document = await register();
    const [turn] = (await turnTo(document.id, ['801'])).turns;
    const reassigned = await http().post(`/documents/${document.id}/reassignments`).set(desk).send({ turnId: turn.id, unitCode: '305', reason: 'Es competencia de Obras Públicas' });
    expect(reassigned.status).toBe(201);
    expect(reassigned.body.turns.map((t: { unitCode: string; status: string; oficioNumber: string }) => [t.unitCode, t.status])).toEqual([
      ['801', 'reasignado'],
      ['305', 'turnado'],
    ]);
    await http().get(`/documents/${document.id}`).set(unit801).expect(403);
    const seenBy305 = await http().get(`/documents/${document.id}`).set(unit305).expect(200);
    expect(seenBy305.body.sender.name).toBe(PERSONAL.citizenName);
    const acting = await http().post(`/documents/${document.id}/acknowledgements`).set(unit801).send({ turnId: turn.id });
    expect(acting.status).toBe(403);
  });

  it('returns personal data only to those who need it, and audits every read of it', async () => {
    const forPlanning = await http().get(`/documents/${first.id}`).set(planning).expect(200);
    expect(JSON.stringify(forPlanning.body)).not.toContain(PERSONAL.citizenName);
    expect(forPlanning.body).not.toHaveProperty('sender');
    expect(forPlanning.body).not.toHaveProperty('subject');
    const list = await http().get('/documents?limit=200').set(planning).expect(200);
    expect(list.body.total).toBeGreaterThanOrEqual(3);
    for (const personal of Object.values(PERSONAL)) expect(JSON.stringify(list.body)).not.toContain(personal);
    const listFor801 = await http().get('/documents').set(unit801).expect(200);
    expect(listFor801.body.items.map((item: { id: string }) => item.id)).toEqual([first.id]);

    await http().get(`/documents/${first.id}`).set(unit801).expect(200);
    const trail = await http().get(`/audit?entityType=document&entityId=${first.id}`).set(admin).expect(200);
    const reads = trail.body.items.filter((entry: { action: string }) => entry.action === 'personal_data_read');
    expect(reads.map((entry: { actor: string }) => entry.actor)).toEqual(expect.arrayContaining(['servicios@op', 'oficialia@op']));
    expect(reads.map((entry: { actor: string }) => entry.actor)).not.toContain('planeacion@op');
  });

  it('does not show a document to another municipality (not even its admin)', async () => {
    const response = await http().get(`/documents/${first.id}`).set(foreignAdmin);
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/^documentId: no existe/);
  });

  it('marks late turns vencido once, even when two sweeps run at the same time', async () => {
    const document = await register();
    await turnTo(document.id, ['120']);
    const designation = await register({ type: 'invitacion', requiresResponse: false });
    await turnTo(designation.id, ['650']);
    const [a, b] = await Promise.all([
      http().post('/documents/overdue-sweep').set(admin).expect(200),
      http().post('/documents/overdue-sweep').set(admin).expect(200),
    ]);
    expect(a.body.marked + b.body.marked).toBeGreaterThanOrEqual(1);
    expect((await http().get(`/documents/${document.id}`).set(desk)).body.status).toBe('vencido');
    expect((await http().get(`/documents/${designation.id}`).set(desk)).body.status).toBe('turnado');
    const rows = await database.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM correspondence.outbox WHERE message_key = $1 AND event_type = 'tequio.correspondence.document.overdue'`,
      [document.id],
    );
    expect(rows[0].count).toBe(1);
    // A late answer is still an answer.
    const turnId = (await http().get(`/documents/${document.id}`).set(desk)).body.turns[0].id;
    const late = await http().post(`/documents/${document.id}/answers`).set(admin).send({ turnId, summary: PERSONAL.answer });
    expect(late.body.status).toBe('respondido');
  });

  it('reclassifies a document (now a designation): its snapshot moves to requiresResponse=false', async () => {
    const document = await register();
    const reclassified = await http().patch(`/documents/${document.id}`).set(desk).send({ type: 'invitacion', requiresResponse: false, channel: 'mensajeria' });
    expect(reclassified.status).toBe(200);
    expect(reclassified.body).toMatchObject({ type: 'invitacion', channel: 'mensajeria', requiresResponse: false, version: 2 });
    const event = await tap.waitFor((message) => message.key === document.id && JSON.parse(message.value ?? '{}').version === 2, 'the reclassified snapshot');
    expect(event.headers['ce_type']).toBe('tequio.correspondence.document.reclassified');
    expect(JSON.parse(event.value!)).toMatchObject({ type: 'invitacion', requiresResponse: false });
    const [turn] = (await turnTo(document.id, ['650'])).turns;
    expect(turn).toMatchObject({ requiresResponse: false, dueOn: null });
    const late = await http().patch(`/documents/${document.id}`).set(desk).send({ requiresResponse: true });
    expect(late.status).toBe(400);
    expect(late.body.message).toMatch(/^requiresResponse: el documento ya fue turnado/);
    const byUnit = await http().patch(`/documents/${document.id}`).set(bearer(['clerk'], { tenant, units: ['650'] })).send({ channel: 'ventanilla' });
    expect(byUnit.status).toBe(403);
  });

  it('cancels a document registered by mistake', async () => {
    const document = await register();
    const cancelled = await http().post(`/documents/${document.id}/cancellation`).set(desk).send({ reason: 'Registrado dos veces' });
    expect(cancelled.status).toBe(201);
    expect(cancelled.body.status).toBe('cancelado');
    const turn = await http().post(`/documents/${document.id}/turns`).set(desk).send({ turns: [{ unitCode: '801' }] });
    expect(turn.status).toBe(409);
    expect(turn.body.currentStatus).toBe('cancelado');
    const tracked = await http().post('/tracking').send({ municipality: tenant, folio: document.folio, code: document.trackingCode });
    expect(tracked.status).toBe(404);
  });

  it('lets the citizen track by folio and code, without token and without personal data', async () => {
    const response = await http().post('/tracking').send({ municipality: tenant, folio: first.folio, code: first.trackingCode.toLowerCase() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ folio: first.folio, status: 'respondido', statusLabel: 'Respondido' });
    expect(response.body.turns.map((turn: { unitCode: string; unitName: string; oficioNumber: string }) => [turn.unitCode, turn.unitName, turn.oficioNumber])).toEqual([
      ['801', 'Dirección de Servicios Municipales', 'SP/0001/2025'],
      ['305', 'Dirección de Obras Públicas', 'SP/0002/2025'],
    ]);
    expect(response.body.history.map((line: { status: string }) => line.status)).toEqual(['registrado', 'turnado', 'respondido']);
    const body = JSON.stringify(response.body);
    for (const personal of Object.values(PERSONAL)) expect(body).not.toContain(personal);
    for (const internal of ['oficialia@op', 'Atendido por la otra unidad', 'sender', 'subject', 'actor']) expect(body).not.toContain(internal);
  });

  it('answers a wrong code, an unknown folio and another municipality alike', async () => {
    const wrongCode = await http().post('/tracking').send({ municipality: tenant, folio: first.folio, code: 'AAAAA-BBBBB-CCCCC-DDDDD' });
    const unknownFolio = await http().post('/tracking').send({ municipality: tenant, folio: 'OP/2025/999999', code: first.trackingCode });
    const otherMunicipality = await http().post('/tracking').send({ municipality: 'santa-lucia-del-camino', folio: first.folio, code: first.trackingCode });
    for (const response of [wrongCode, unknownFolio, otherMunicipality]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(wrongCode.body);
    }
    expect(wrongCode.body.message).toBe('folio o código de seguimiento incorrectos');
  });

  it('rate-limits tracking per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      statuses.push((await http().post('/tracking').send({ municipality: tenant, folio: first.folio, code: 'AAAAA-BBBBB-CCCCC-DDDDD' })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 429).every((status) => status === 404)).toBe(true);
  });

  it('computes due dates with the municipality calendar and moves open ones when it changes', async () => {
    const publishCalendar = async (version: number, holidays: { date: string; name: string }[]) => {
      const calendarId = `${tenant}:2025`;
      await produceRaw(Topic.CatalogCalendarV1, [
        cloudEventMessage(CalendarChanged, { subject: calendarId, tenant, data: { calendarId, year: 2025, cutoff: '15:00', timeZone: 'America/Mexico_City', holidays, version } }),
      ]);
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const rows = await database.query(`SELECT 1 FROM correspondence.calendar_replica WHERE tenant = $1 AND version = $2`, [tenant, version]);
        if (rows.length > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`calendar version ${version} never reached the replica`);
    };
    await publishCalendar(1, [{ date: '2025-07-07', name: 'Día festivo municipal' }]);
    const document = await register();
    const [turn] = (await turnTo(document.id, ['801'])).turns;
    // Wednesday 2 July + 10 business days, skipping the weekends and Monday 7 July: Thursday 17 July.
    expect(turn.dueOn).toBe('2025-07-17');

    await publishCalendar(2, [
      { date: '2025-07-07', name: 'Día festivo municipal' },
      { date: '2025-07-10', name: 'Guelaguetza' },
    ]);
    const rescheduled = await tap.waitFor(
      (message) => message.key === document.id && message.headers['ce_type'] === DocumentRescheduled.type,
      'the rescheduled document',
    );
    expect(JSON.parse(rescheduled.value!).turns[0].dueOn).toBe('2025-07-18');
    expect((await http().get(`/documents/${document.id}`).set(desk)).body.turns[0].dueOn).toBe('2025-07-18');
  });

  it('publishes no personal data in any correspondence event', async () => {
    const [{ count }] = await database.query<{ count: number }>(`SELECT count(*)::int AS count FROM correspondence.outbox`);
    expect(await expectEventsFreeOfPersonalData(tap, count)).toBeGreaterThanOrEqual(count);
  });
});
