import { checkEventData, Topic } from '@tequio/contracts';
import { createTestDatabase, demoFixtures, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { transparencyService } from '../src/transparency.definition';
import { inBatches, newFolio, seedUnits, tokens } from './support';

const { Q2_2024 } = demoFixtures;

/** Weekdays of a month (AAAA-MM) up to a day, skipping the given holidays. */
function weekdays(month: string, lastDay: number, holidays: string[] = []): string[] {
  const days: string[] = [];
  for (let day = 1; day <= lastDay; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.includes(date)) days.push(date);
  }
  return days;
}
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const PERSONAL = { name: 'Persona Solicitante', contact: '@correo-ciudadano.mx', text: 'Texto ciudadano' };
// Hundreds of API calls: on a loaded 2-core machine a step may take minutes.
jest.setTimeout(240_000);

const TRANSPARENCY_TOPICS = Object.values(Topic).filter((topic) => topic.startsWith('tequio.transparency.'));

describe('the transparency unit’s Q2 2024 reproduced through the API (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let tap: EventTap;
  const { staff, works, planning, auditor } = tokens();
  const http = () => service.http();
  const turnUnits = ['501', '301', '401', '601', '701'];

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startServiceInProcess(transparencyService, database);
    tap = await EventTap.open(TRANSPARENCY_TOPICS);
    await seedUnits(service, database);
  });

  afterAll(async () => {
    await tap?.close();
    await service?.close();
    await database?.drop();
  });

  it('registers, turns and answers the quarter’s 71 requests with their oficios', async () => {
    type Plan = { month: string; category: string; index: number; turns: number; answeredTurns: number };
    const plans: Plan[] = [];
    for (const month of Q2_2024.requestsByMonth) {
      const categories = [
        ...Array<string>(month.hombre).fill('hombre'),
        ...Array<string>(month.mujer).fill('mujer'),
        ...Array<string>(month.no_identificado).fill('no_identificado'),
      ];
      // Every request gets one turn; the month's remaining oficios go to its first requests, one each, round and round.
      const turns = categories.map(() => 1);
      for (let extra = month.turnOficios - categories.length, i = 0; extra > 0; extra--, i = (i + 1) % turns.length) turns[i] += 1;
      let answers = month.answerOficios;
      categories.forEach((category, index) => {
        const answeredTurns = Math.min(turns[index], answers);
        answers -= answeredTurns;
        plans.push({ month: month.month, category, index, turns: turns[index], answeredTurns });
      });
    }
    expect(plans).toHaveLength(Q2_2024.received);
    await inBatches(plans, 4, async (plan, n) => {
      const days = weekdays(plan.month, 20, ['2024-05-01']);
      const receivedOn = days[plan.index % days.length];
      const folio = newFolio();
      const created = await http()
        .post('/requests')
        .set(staff)
        .send({
          folio,
          channel: n % 5 === 0 ? 'correo_electronico' : 'plataforma_nacional',
          receivedAt: `${receivedOn}T10:00:00-06:00`,
          requesterCategory: plan.category,
          requesterName: `${PERSONAL.name} ${n}`,
          requesterContact: `persona${n}${PERSONAL.contact}`,
          informationRequested: `${PERSONAL.text} número ${n}: padrón de proveedores`,
        })
        .expect(201);
      const id = created.body.id;
      let turnIds: string[] = [];
      for (let t = 0; t < plan.turns; t++) {
        const turned = await http().post(`/requests/${id}/turns`).set(staff).send({ unitCode: turnUnits[(n + t) % turnUnits.length], turnedOn: receivedOn }).expect(201);
        turnIds = turned.body.turns.map((turn: { id: string }) => turn.id);
      }
      for (const turnId of turnIds.slice(0, plan.answeredTurns)) {
        await http().post(`/turns/${turnId}/answer`).set(staff).send({ answerOficioNumber: `AREA/${n}/${turnId.slice(0, 4)}`, answeredOn: plusDays(receivedOn, 1) }).expect(201);
      }
      await http().post(`/requests/${id}/answer`).set(staff).send({ answerType: n % 7 === 0 ? 'inexistencia' : 'entrega_informacion', answeredOn: plusDays(receivedOn, 2) }).expect(201);
    });
  });

  it('registers the five appeals with their notifications, turns, answers and pleadings', async () => {
    const oficioPlan = Q2_2024.appealOficiosByMonth.map((month) => ({ ...month }));
    for (const [index, appeal] of Q2_2024.appeals.entries()) {
      const filedOn = `${appeal.month}-${String(10 + index).padStart(2, '0')}`;
      const created = await http()
        .post('/appeals')
        .set(staff)
        .send({ fileNumber: `RRA/${index + 1}/2024`, requestFolio: newFolio(), filedOn, ground: 'informacion_incompleta', requesterCategories: appeal.requesterCategories })
        .expect(201);
      const id = created.body.id;
      const budget = oficioPlan.find((month) => month.month === appeal.month) as (typeof oficioPlan)[number];
      const appealsLeftInMonth = Q2_2024.appeals.slice(index).filter((other) => other.month === appeal.month).length;
      const notifications = Math.ceil(budget.notifications / appealsLeftInMonth);
      const turns = Math.ceil(budget.turned / appealsLeftInMonth);
      for (let k = 0; k < notifications; k++) {
        await http().post(`/appeals/${id}/notifications`).set(staff).send({ oficioNumber: `OGAIPO/${index}/${k}`, receivedOn: plusDays(filedOn, 1), dueOn: plusDays(filedOn, 8) }).expect(201);
      }
      for (let k = 0; k < turns; k++) {
        const turned = await http().post(`/appeals/${id}/turns`).set(staff).send({ unitCode: turnUnits[k], turnedOn: plusDays(filedOn, 1) }).expect(201);
        const turnId = turned.body.turns[turned.body.turns.length - 1].id;
        const answer = http().post(`/appeals/${id}/turns/${turnId}/answer`).send({ answerOficioNumber: `AREA/RR/${index}/${k}`, answeredOn: plusDays(filedOn, 2) });
        await answer.set(k === 0 && turnUnits[k] === '501' ? works : staff).expect(201);
      }
      await http().post(`/appeals/${id}/pleadings`).set(staff).send({ filedOn: plusDays(filedOn, 3) }).expect(201);
      budget.notifications -= notifications;
      budget.turned -= turns;
    }
  });

  it('records the complaint, trainings, advisories and monitorings', async () => {
    for (const complaint of Q2_2024.complaints) {
      const created = await http()
        .post('/complaints')
        .set(staff)
        .send({ obligationReference: 'LGTAIP art. 70 fracc. XXIX', receivedOn: `${complaint.month}-10`, requesterCategory: complaint.requesterCategory, description: `${PERSONAL.text}: denuncia` })
        .expect(201);
      for (let k = 0; k < complaint.requirements; k++) {
        await http().post(`/complaints/${created.body.id}/requirements`).set(staff).send({ unitCode: turnUnits[k], sentOn: `${complaint.month}-11` }).expect(201);
      }
    }
    for (const training of Q2_2024.trainings) {
      await http().post('/trainings').set(staff).send({ ...training, topic: 'Obligaciones de transparencia', unitCodes: ['501', '301'] }).expect(201);
    }
    const advisoryCalls = Q2_2024.advisories.flatMap((advisory) =>
      (['hombre', 'mujer'] as const).flatMap((sex) => Array.from({ length: advisory[sex] }, (_, k) => ({ topic: advisory.topic, sex, givenOn: `${advisory.month}-${String(3 + k).padStart(2, '0')}` }))),
    );
    await inBatches(advisoryCalls, 4, (advisory) => http().post('/advisories').set(staff).send(advisory).expect(201));
    // One record per platform and month, with the month's number of reviews.
    const monitoringCalls = Q2_2024.monitoringsByMonth.flatMap(({ month, ...platforms }) =>
      Object.entries(platforms).map(([platform, count]) => ({ doneOn: `${month}-28`, platform, count, finding: 'Sin novedad' })),
    );
    await inBatches(monitoringCalls, 4, (monitoring) => http().post('/monitorings').set(staff).send(monitoring).expect(201));
  });

  it('the statistics endpoint gives the report’s figures', async () => {
    const { body } = await http().get('/statistics').query(Q2_2024.period).set(planning).expect(200);
    expect(body.requests).toMatchObject({ received: Q2_2024.received, answered: Q2_2024.answered, onTime: Q2_2024.answered, late: 0, overdue: 0 });
    expect(body.requests.byMonth.map((row: { month: string; received: number; answered: number }) => [row.month, row.received, row.answered])).toEqual([
      ['2024-04', 26, 26],
      ['2024-05', 13, 13],
      ['2024-06', 32, 32],
    ]);
    expect(body.requests.byMonthAndRequesterCategory).toEqual(
      Q2_2024.requestsByMonth.map(({ month, hombre, mujer, no_identificado }) => ({ month, hombre, mujer, no_identificado, grupo: 0 })),
    );
    const oficios = (procedure: string) =>
      body.oficios.byMonth.filter((row: { procedure: string }) => row.procedure === procedure).map(({ month, turned, answered }: Record<string, unknown>) => ({ month, turned, answered }));
    expect(oficios('solicitud')).toEqual(Q2_2024.requestsByMonth.map(({ month, turnOficios, answerOficios }) => ({ month, turned: turnOficios, answered: answerOficios })));
    expect(oficios('recurso_revision')).toEqual(Q2_2024.appealOficiosByMonth.map(({ month, turned, answered }) => ({ month, turned, answered })));
    expect(body.appeals).toMatchObject({ received: 5, answered: 5 });
    expect(body.appeals.byMonth).toEqual([
      { month: '2024-04', received: 3 },
      { month: '2024-05', received: 1 },
      { month: '2024-06', received: 1 },
    ]);
    expect(body.appeals.notificationsByMonth).toEqual(Q2_2024.appealOficiosByMonth.map(({ month, notifications }) => ({ month, count: notifications })));
    expect(body.appeals.byRequesterCategory).toEqual({ hombre: 2, mujer: 2, no_identificado: 2, grupo: 0 });
    expect(body.complaints).toMatchObject({ received: 1, byMonth: { '2024-06': 1 } });
    expect(body.trainings).toMatchObject({ sessions: 6, attendees: Q2_2024.trainingAttendees });
    expect(body.trainings.byMonth).toEqual([
      { month: '2024-04', sessions: 4, hombre: 58, mujer: 101 },
      { month: '2024-06', sessions: 2, hombre: 45, mujer: 60 },
    ]);
    expect(body.advisories).toMatchObject({ given: 15, byTopic: { datos_personales: { hombre: 0, mujer: 3 }, enlaces: { hombre: 5, mujer: 7 } } });
    expect(body.monitorings.byPlatform).toEqual(Q2_2024.monitoringTotals);
    await http().get('/statistics').query(Q2_2024.period).set(auditor).expect(200);
    await http().get('/statistics').query(Q2_2024.period).set(works).expect(403);
  });

  it('the consistency check reports the appeals whose breakdown by category does not add up, and nothing else', async () => {
    const { body } = await http().get('/statistics/consistency').query(Q2_2024.period).set(planning).expect(200);
    expect(body.consistent).toBe(false);
    expect(body.inconsistencies.map(({ name, total, breakdownTotal }: Record<string, unknown>) => ({ name, total, breakdownTotal }))).toEqual([
      { name: 'appeals.received.byRequesterCategory', total: 5, breakdownTotal: 6 },
      { name: 'appeals.received.2024-06.byRequesterCategory', total: 1, breakdownTotal: 2 },
    ]);
    expect(body.checks.find((item: { name: string }) => item.name === 'requests.received.byMonth')).toMatchObject({ total: 71, breakdownTotal: 71, consistent: true });
  });

  it('every event the suite produced is valid and carries no personal data nor the requesters’ text', async () => {
    const sent = await database.query<{ id: string; event_type: string }>(`SELECT id::text, event_type FROM transparency.outbox`);
    expect(sent.length).toBeGreaterThan(400);
    const ids = new Set(sent.map((row) => row.id));
    await tap.waitFor(() => tap.messages.filter((message) => ids.has(message.headers['ce_id'])).length === ids.size, `${ids.size} transparency events`, 60_000);
    const ours = tap.messages.filter((message) => ids.has(message.headers['ce_id']));
    const types = new Set(ours.map((message) => message.headers['ce_type']));
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'tequio.transparency.request.registered',
        'tequio.transparency.request.changed',
        'tequio.transparency.appeal.changed',
        'tequio.transparency.complaint.changed',
        'tequio.transparency.training.recorded',
        'tequio.transparency.advisory.recorded',
        'tequio.transparency.monitoring.recorded',
      ]),
    );
    for (const message of ours) {
      const value = message.value ?? '';
      expect(checkEventData(message.headers['ce_type'], JSON.parse(value), message.topic)).toMatchObject({ success: true });
      for (const personal of [PERSONAL.name, PERSONAL.contact, PERSONAL.text, 'padrón de proveedores', 'Sin novedad', 'Obligaciones de transparencia']) {
        expect(value).not.toContain(personal);
      }
    }
  });
});
