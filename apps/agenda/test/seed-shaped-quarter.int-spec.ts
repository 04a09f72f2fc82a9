import { findMetricMapping, Topic } from '@tequio/contracts';
import { bearer, demoFixtures, EventTap } from '@tequio/testing';
import { AgendaFixture, inBatches, startAgenda } from './agenda-fixture';

const seed = demoFixtures.agenda2025;

/**
 * Loads, through the API, quarters shaped like the real reports (434 activities in 16 categories; 13 cabinet
 * meetings with attendance; 320 weekly agendas of 30 dependencies, 100 / 120 / 100 by month, with missing ones;
 * 12 alliances and 3 twinnings) and checks that the statistics, and the counts reporting would derive from the
 * events on the broker, give back exactly those numbers.
 */
describe('a seed-shaped quarter through the API (real PostgreSQL and Kafka)', () => {
  const CONCURRENCY = 6;
  const units = Array.from({ length: seed.cabinet.participatingUnits }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
  let fixture: AgendaFixture;
  let tap: EventTap;
  const http = () => fixture.agenda.http();
  const planning = () => bearer(['planning'], { tenant: fixture.tenant });
  const statistics = async (from: string, to: string) => (await http().get(`/statistics?from=${from}&to=${to}`).set(planning()).expect(200)).body;

  /** The plan of what the test loads, so every expectation comes from the plan, not from the service. */
  const plan = {
    activities: Object.entries(seed.activities.byCategory).flatMap(([category, n]) => Array.from({ length: n }, (_, i) => ({ category, i }))),
    heldActivities: 0,
    cancelledActivities: 0,
    attendance: new Map<string, number>(),
  };

  beforeAll(async () => {
    fixture = await startAgenda('seed', units, { expectedUnitCodes: units, rostersFrom: '2025-W14' });
    // After the service: it has provisioned the agenda topics, so the tap never subscribes to one still being created.
    tap = await EventTap.open([Topic.AgendaActivityV1, Topic.AgendaCabinetMeetingV1, Topic.AgendaWeeklySubmissionV1, Topic.AgendaAllianceV1]);
  }, 120_000);

  afterAll(async () => {
    await tap?.close();
    await fixture?.close();
  });

  it('loads 434 activities in the seed’s 16 categories and counts them by category and status', async () => {
    const ids = await inBatches(plan.activities, CONCURRENCY, async ({ category }, index) => {
      // Spread over the quarter's 92 days, in working hours, Mexico City time.
      const day = new Date(Date.UTC(2025, 6, 1 + (index % 92))).toISOString().slice(0, 10);
      const hour = String(8 + (index % 10)).padStart(2, '0');
      const response = await http()
        .post('/activities')
        .set(fixture.office)
        .send({ title: `Actividad ${index + 1}`, category, organizerUnitCode: '402', involvedUnitCodes: [units[index % units.length]], startsAt: `${day}T${hour}:00:00-06:00`, endsAt: `${day}T${hour}:45:00-06:00` });
      expect(response.status).toBe(201);
      return response.body.id as string;
    });
    // Every third is held, every seventeenth cancelled: the status breakdown must follow.
    const changes = ids.flatMap((id, index) => (index % 17 === 0 ? [{ id, status: 'cancelada' }] : index % 3 === 0 ? [{ id, status: 'realizada' }] : []));
    plan.heldActivities = changes.filter((change) => change.status === 'realizada').length;
    plan.cancelledActivities = changes.length - plan.heldActivities;
    await inBatches(changes, CONCURRENCY, async ({ id, status }) => {
      await http().post(`/activities/${id}/status`).set(fixture.office).send({ status, reason: status === 'cancelada' ? 'Agenda del Presidente' : undefined }).expect(201);
    });

    const stats = await statistics(seed.activities.from, seed.activities.to);
    expect(stats.activities.total).toBe(seed.activities.total);
    expect(Object.fromEntries(stats.activities.byCategory.map((c: { category: string; total: number }) => [c.category, c.total]))).toEqual(seed.activities.byCategory);
    expect(stats.activities.byStatus).toEqual({
      programada: seed.activities.total - plan.heldActivities - plan.cancelledActivities,
      confirmada: 0,
      reprogramada: 0,
      cancelada: plan.cancelledActivities,
      realizada: plan.heldActivities,
    });
    expect(stats.activities.held).toBe(plan.heldActivities);
  });

  it('loads 13 weekly cabinet meetings with minutes 1–13 and their attendance of 30 dependencies', async () => {
    await inBatches(seed.cabinet.meetings, 1, async (date, index) => {
      const meeting = (await http().post('/cabinet-meetings').set(fixture.office).send({ date, place: 'Palacio Municipal' }).expect(201)).body;
      // Two dependencies miss each meeting, a different pair every week.
      const absent = new Set([units[index % units.length], units[(index + 7) % units.length]]);
      const attendees = units.filter((code) => !absent.has(code)).map((unitCode) => ({ unitCode, role: 'Titular' }));
      for (const { unitCode } of attendees) plan.attendance.set(unitCode, (plan.attendance.get(unitCode) ?? 0) + 1);
      await http().put(`/cabinet-meetings/${meeting.id}/attendance`).set(fixture.office).send({ attendees }).expect(200);
      const held = (await http().post(`/cabinet-meetings/${meeting.id}/minutes`).set(fixture.office).send({}).expect(201)).body;
      expect(held.minuteNumber).toBe(index + 1);
    });

    const stats = await statistics(seed.cabinet.from, seed.cabinet.to);
    expect(stats.cabinetMeetings).toMatchObject({ programmed: seed.cabinet.meetings.length, held: seed.cabinet.meetings.length, cancelled: 0, participatingUnits: seed.cabinet.participatingUnits });
    expect(stats.cabinetMeetings.attendanceByUnit).toEqual(units.map((unitCode) => ({ unitCode, meetings: plan.attendance.get(unitCode) })));
  });

  it('loads 320 weekly agendas, 100 / 120 / 100 by month, and reports who is missing', async () => {
    // ISO weeks 14–26 of 2025: Monday 31 March + 7 days each; a week counts in its Thursday's month.
    const weeks = Array.from({ length: 13 }, (_, i) => {
      const monday = new Date(Date.UTC(2025, 2, 31 + 7 * i));
      const thursday = new Date(monday.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
      return { label: `2025-W${14 + i}`, monday, month: thursday.slice(0, 7) };
    });
    const submissions = weeks.flatMap((week, w) => {
      const weeksInMonth = weeks.filter((other) => other.month === week.month).length;
      const perWeek = seed.weeklyAgendas.receivedByMonth[week.month as keyof typeof seed.weeklyAgendas.receivedByMonth] / weeksInMonth;
      expect(Number.isInteger(perWeek)).toBe(true);
      // Rotate who is missing; the last two that deliver do it on Monday, after the Sunday deadline.
      const delivering = Array.from({ length: perWeek }, (_, k) => units[(w * 3 + k) % units.length]);
      return delivering.map((unitCode, k) => {
        const late = k >= perWeek - 2;
        const at = new Date(week.monday.getTime() + (late ? 15 : -30) * 3_600_000).toISOString();
        return { unitCode, week: week.label, content: `Agenda de ${unitCode}`, submittedAt: at, late };
      });
    });
    expect(submissions).toHaveLength(seed.weeklyAgendas.received);
    await inBatches(submissions, CONCURRENCY, async ({ late: _late, ...body }) => {
      await http().post('/weekly-agendas').set(fixture.office).send(body).expect(201);
    });
    await http().post('/weekly-agendas/rosters/close-due').set(fixture.office).expect(200);

    const stats = await statistics(seed.weeklyAgendas.from, seed.weeklyAgendas.to);
    const expectedPerMonth = (month: string) => weeks.filter((week) => week.month === month).length * seed.weeklyAgendas.expectedUnits;
    expect(stats.weeklyAgendas.byMonth.map((m: { month: string; received: number; expected: number; missing: number }) => [m.month, m.received, m.expected, m.missing])).toEqual(
      Object.entries(seed.weeklyAgendas.receivedByMonth).map(([month, received]) => [month, received, expectedPerMonth(month), expectedPerMonth(month) - received]),
    );
    expect(stats.weeklyAgendas).toMatchObject({
      weeks: 13,
      received: seed.weeklyAgendas.received,
      late: 13 * 2,
      onTime: seed.weeklyAgendas.received - 13 * 2,
      missing: 13 * seed.weeklyAgendas.expectedUnits - seed.weeklyAgendas.received,
    });
    // The week-by-week "FALTAN" list names exactly those who did not deliver.
    const delivered = new Set(submissions.filter((s) => s.week === '2025-W14').map((s) => s.unitCode));
    expect(stats.weeklyAgendas.missingByWeek[0]).toEqual({ week: '2025-W14', missingUnitCodes: units.filter((code) => !delivered.has(code)) });
  });

  it('counts 12 alliances and 3 twinnings; a cancelled one and one outside the period do not count', async () => {
    const signings = [
      ...Array.from({ length: seed.alliances.alianza }, (_, i) => ({ kind: 'alianza', counterpart: `Municipio vecino ${i + 1}`, signedOn: `2025-0${4 + (i % 3)}-1${i % 10}` })),
      ...['Cozumel, Quintana Roo', 'Ensenada, Baja California', 'Los Cabos, Baja California Sur'].map((counterpart) => ({ kind: 'hermanamiento', counterpart, signedOn: '2025-04-29' })),
    ];
    expect(signings.filter((s) => s.kind === 'hermanamiento')).toHaveLength(seed.alliances.hermanamiento);
    await inBatches(signings, CONCURRENCY, (signing) => http().post('/alliances').set(fixture.office).send({ ...signing, unitCode: '402' }).expect(201));
    const mistaken = (await http().post('/alliances').set(fixture.office).send({ kind: 'alianza', counterpart: 'Registro duplicado', signedOn: '2025-05-01', unitCode: '402' }).expect(201)).body;
    await http().post(`/alliances/${mistaken.id}/cancel`).set(fixture.office).send({ reason: 'Registrado dos veces' }).expect(200);
    await http().post('/alliances').set(fixture.office).send({ kind: 'alianza', counterpart: 'Fuera del trimestre', signedOn: '2025-07-01', unitCode: '402' }).expect(201);

    expect((await statistics('2025-04-01', '2025-06-30')).alliances).toEqual(seed.alliances);
  });

  it('gives reporting the same numbers from the events on the broker, through the metric mappings', async () => {
    const totals = () => {
      // Reporting keeps each record's latest version; sum what those versions observe within the quarters.
      const latest = new Map<string, { version: number; observations: { metric: string; day: string; value: number }[] }>();
      for (const message of tap.messages) {
        if (message.headers['tenant'] !== fixture.tenant) continue;
        const mapping = findMetricMapping(message.headers['ce_type']);
        if (!mapping) continue;
        const record = mapping.observe(JSON.parse(message.value ?? '{}'), { timeZone: 'America/Mexico_City' });
        if ((latest.get(record.recordKey)?.version ?? 0) < record.version) latest.set(record.recordKey, record);
      }
      const sums: Record<string, number> = {};
      for (const record of latest.values()) {
        for (const observation of record.observations) {
          const quarter = observation.day >= '2025-07-01' ? 'q3' : observation.day >= '2025-04-01' ? 'q2' : 'before';
          const key = `${observation.metric}@${quarter}`;
          sums[key] = (sums[key] ?? 0) + observation.value;
        }
      }
      return sums;
    };
    const expected = {
      'agenda.activities.held@q3': plan.heldActivities,
      'agenda.cabinet_meetings.held@q2': seed.cabinet.meetings.length,
      'agenda.cabinet_attendances.recorded@q2': [...plan.attendance.values()].reduce((a, b) => a + b, 0),
      'agenda.weekly_submissions.received@q2': seed.weeklyAgendas.received,
      'agenda.weekly_submissions.expected@q2': 13 * seed.weeklyAgendas.expectedUnits,
      'agenda.alliances.signed@q2': seed.alliances.alianza,
      'agenda.twinnings.signed@q2': seed.alliances.hermanamiento,
    };
    const deadline = Date.now() + 60_000;
    let seen = totals();
    while (Object.entries(expected).some(([key, value]) => seen[key] !== value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      seen = totals();
    }
    expect(Object.fromEntries(Object.keys(expected).map((key) => [key, seen[key]]))).toEqual(expected);
  }, 90_000);
});
