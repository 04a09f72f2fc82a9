import { Topic, WeeklyRosterClosed, WeeklySubmissionReceived } from '@tequio/contracts';
import { bearer, EventTap } from '@tequio/testing';
import { AgendaFixture, startAgenda } from './agenda-fixture';

describe('weekly agendas of the dependencies (real PostgreSQL and Kafka)', () => {
  let fixture: AgendaFixture;
  let tap: EventTap;
  const http = () => fixture.agenda.http();
  const clerkOf = (unit: string) => bearer(['clerk'], { tenant: fixture.tenant, units: [unit], sub: `enlace-${unit}` });
  const count = async (table: string) => (await fixture.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM agenda.${table}`))[0].n;
  const writes = async () => ({ submissions: await count('weekly_submission'), outbox: await count('outbox'), audit: await count('audit_entry') });

  beforeAll(async () => {
    // Week 27 of 2025 is due Sunday 29 June 23:59 (Mexico City); rosters kept from week 26.
    fixture = await startAgenda('weekly', ['501', '602', '703'], { expectedUnitCodes: ['501', '602', '703'], rostersFrom: '2025-W26' });
    // After the service: it has provisioned the agenda topics, so the tap never subscribes to one still being created.
    tap = await EventTap.open([Topic.AgendaWeeklySubmissionV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await fixture?.close();
  });

  it('receives agendas on time and late, refuses another unit’s or a second one, and reports who is missing', async () => {
    const onTime = await http()
      .post('/weekly-agendas')
      .set(fixture.office)
      .send({ unitCode: '501', week: '2025-W27', content: 'Lunes: supervisión de obra', submittedAt: '2025-06-28T10:57:00-06:00' })
      .expect(201);
    expect(onTime.body).toMatchObject({ unitCode: '501', week: '2025-W27', weekThursday: '2025-07-03', onTime: true, deadline: '2025-06-30T05:59:00.000Z' });
    const late = await http().post('/weekly-agendas').set(fixture.office).send({ unitCode: '602', week: '2025-W27', content: 'Agenda', submittedAt: '2025-06-30T09:00:00-06:00' }).expect(201);
    expect(late.body.onTime).toBe(false);

    const before = await writes();
    const foreign = await http().post('/weekly-agendas').set(clerkOf('703')).send({ unitCode: '501', week: '2025-W28', content: 'Agenda' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/^unitCode: solo puede entregar la agenda semanal de sus unidades \(703\), no la de 501/);
    const backdated = await http().post('/weekly-agendas').set(clerkOf('703')).send({ unitCode: '703', week: '2025-W27', content: 'Agenda', submittedAt: '2025-06-01T10:00:00-06:00' });
    expect(backdated.status).toBe(403);
    const again = await http().post('/weekly-agendas').set(clerkOf('501')).send({ unitCode: '501', week: '2025-W27', content: 'Otra' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('week: la unidad 501 ya entregó su agenda de la semana 2025-W27');
    const badWeek = await http().post('/weekly-agendas').set(clerkOf('703')).send({ unitCode: '703', week: '2025-27', content: 'Agenda' });
    expect(badWeek.status).toBe(400);
    expect(badWeek.body.errors).toEqual([{ field: 'week', message: 'semana ISO AAAA-Wss, p. ej. 2025-W27' }]);
    expect(await writes()).toEqual(before);

    // A unit corrects its own agenda; it stays received when it was.
    const corrected = await http().patch(`/weekly-agendas/${onTime.body.id}`).set(clerkOf('501')).send({ content: 'Lunes: supervisión de obra y reunión vecinal' }).expect(200);
    expect(corrected.body).toMatchObject({ version: 2, submittedAt: onTime.body.submittedAt, onTime: true });
    await http().patch(`/weekly-agendas/${onTime.body.id}`).set(clerkOf('602')).send({ content: 'No es mía' }).expect(403);

    const report = (await http().get('/weekly-agendas/compliance?from=2025-06-30&to=2025-07-06').set(bearer(['planning'], { tenant: fixture.tenant })).expect(200)).body;
    expect(report.weeks).toEqual([
      expect.objectContaining({ week: '2025-W27', due: true, expected: 3, received: 2, onTime: 1, late: 1, missing: 1, missingUnitCodes: ['703'] }),
    ]);
    expect(report.units.map((u: { unitCode: string; onTimeRate: number | null }) => [u.unitCode, u.onTimeRate])).toEqual([
      ['501', 100],
      ['602', 0],
      ['703', 0],
    ]);

    const event = await tap.waitFor((m) => m.key === late.body.id && m.headers['ce_type'] === WeeklySubmissionReceived.type, 'late submission event');
    expect(JSON.parse(event.value ?? '{}')).toMatchObject({ unitCode: '602', isoWeek: 27, weekThursday: '2025-07-03', onTime: false, hasContent: true });
  });

  it('closes due weeks with who had to submit and who is missing, and takes a late arrival off the list', async () => {
    // Other test files close the same weeks for their own municipalities on the same topic.
    const closed = (await http().post('/weekly-agendas/rosters/close-due').set(fixture.office).expect(200)).body.closed;
    expect(closed[0]).toEqual({ week: '2025-W26', expected: 3, missingUnitCodes: ['501', '602', '703'] });
    expect(closed[1]).toEqual({ week: '2025-W27', expected: 3, missingUnitCodes: ['703'] });
    // Closing again closes nothing new.
    expect((await http().post('/weekly-agendas/rosters/close-due').set(fixture.office).expect(200)).body.closed).toEqual([]);

    // Closing runs up to today, so week 27 of every later year is closed too (with everyone missing): match 2025's.
    const isWeek27Of2025 = (value: string | null | undefined) => {
      const data = JSON.parse(value ?? '{}');
      return data.isoYear === 2025 && data.isoWeek === 27;
    };
    const roster = await tap.waitFor((m) => m.headers['tenant'] === fixture.tenant && m.headers['ce_type'] === WeeklyRosterClosed.type && isWeek27Of2025(m.value), '2025-W27 closed');
    const weekId = roster.key;
    expect(JSON.parse(roster.value ?? '{}')).toMatchObject({ expectedUnitCodes: ['501', '602', '703'], missingUnitCodes: ['703'], version: 1 });

    await http().post('/weekly-agendas').set(clerkOf('703')).send({ unitCode: '703', week: '2025-W27', content: 'Tarde pero llega' }).expect(201);
    const updated = await tap.waitFor((m) => m.key === weekId && JSON.parse(m.value ?? '{}').version === 2, 'week 27 after the late agenda');
    expect(JSON.parse(updated.value ?? '{}').missingUnitCodes).toEqual([]);
    const report = (await http().get('/weekly-agendas/compliance?from=2025-06-30&to=2025-07-06').set(fixture.office).expect(200)).body;
    expect(report.totals).toMatchObject({ expected: 3, received: 3, onTime: 1, late: 2, missing: 0 });
  });

  it('takes files for a unit’s own weekly agenda, counted in a new version of its event', async () => {
    const submission = (await http().post('/weekly-agendas').set(clerkOf('703')).send({ unitCode: '703', week: '2025-W30', content: 'Ver archivo adjunto' }).expect(201)).body;
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    await http().post(`/weekly-agendas/${submission.id}/files`).set(clerkOf('501')).attach('file', pdf, 'agenda.pdf').expect(403);
    const attached = (await http().post(`/weekly-agendas/${submission.id}/files`).set(clerkOf('703')).attach('file', pdf, 'agenda-semana-30.pdf').expect(201)).body;
    expect(attached.submission).toMatchObject({ attachmentCount: 1, version: 2 });
    expect((await http().get(`/weekly-agendas/${submission.id}/files`).set(clerkOf('703')).expect(200)).body).toEqual([expect.objectContaining({ filename: 'agenda-semana-30.pdf' })]);
    const event = await tap.waitFor((m) => m.key === submission.id && JSON.parse(m.value ?? '{}').version === 2, 'weekly agenda with its file');
    expect(JSON.parse(event.value ?? '{}')).toMatchObject({ attachmentCount: 1, hasContent: true });
  });
});
