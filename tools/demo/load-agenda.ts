/*
 * The President's agenda kept by the Secretaría Particular (402): the 434 activities of Q3 2025 by category, and
 * Q2 2025's 13 cabinet meetings with the attendance of 30 dependencies, 320 weekly agendas (100 / 120 / 100 by
 * month, the rest missing) and the alliances and twinnings.
 */
import { ApiClient, inBatches, untilReplicated } from './api-client';
import seed from './data/agenda-2025.json';
import { Progress } from './progress';

export const AGENDA_OFFICE_UNIT = '402';

interface Activity {
  id: string;
  title: string;
  status: string;
}

/** Every activity of the quarter: its category and a day and hour spread over the quarter's 92 days. */
export function plannedActivities(): { title: string; category: string; startsAt: string; endsAt: string }[] {
  const categories = Object.entries(seed.activities.byCategory).flatMap(([category, n]) => Array.from({ length: n }, () => category));
  return categories.map((category, index) => {
    const day = new Date(Date.UTC(2025, 6, 1 + (index % 92))).toISOString().slice(0, 10);
    const hour = String(8 + (index % 10)).padStart(2, '0');
    return { title: `Actividad ${String(index + 1).padStart(3, '0')} de la agenda`, category, startsAt: `${day}T${hour}:00:00-06:00`, endsAt: `${day}T${hour}:45:00-06:00` };
  });
}

/** ISO weeks 14–26 of 2025; a week counts in its Thursday's month. */
function quarterWeeks(): { label: string; monday: Date; month: string }[] {
  return Array.from({ length: 13 }, (_, i) => {
    const monday = new Date(Date.UTC(2025, 2, 31 + 7 * i));
    const thursday = new Date(monday.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
    return { label: `2025-W${14 + i}`, monday, month: thursday.slice(0, 7) };
  });
}

/** The weekly agendas received: who delivers each week rotates; the last two of each week deliver after the deadline. */
export function plannedWeeklyAgendas(units: string[]): { unitCode: string; week: string; content: string; submittedAt: string }[] {
  const weeks = quarterWeeks();
  return weeks.flatMap((week, w) => {
    const weeksInMonth = weeks.filter((other) => other.month === week.month).length;
    const perWeek = seed.weeklyAgendas.receivedByMonth[week.month as keyof typeof seed.weeklyAgendas.receivedByMonth] / weeksInMonth;
    return Array.from({ length: perWeek }, (_, k) => {
      const unitCode = units[(w * 3 + k) % units.length];
      const late = k >= perWeek - 2;
      return { unitCode, week: week.label, content: `Agenda semanal de ${unitCode}`, submittedAt: new Date(week.monday.getTime() + (late ? 15 : -30) * 3_600_000).toISOString() };
    });
  });
}

export async function loadAgenda(office: ApiClient, admin: ApiClient, dependencies: string[], progress: Progress, concurrency: number, say: (line: string) => void): Promise<void> {
  say('Agenda: actividades, gabinete, agendas semanales y alianzas');
  const settings = { officeUnitCodes: [AGENDA_OFFICE_UNIT], expectedUnitCodes: dependencies, deadlineWeekday: 7, deadlineTime: '23:59', deadlineWeekOffset: -1, rostersFrom: '2025-W14' };
  const current = await admin.request<Record<string, unknown>>('GET', '/agenda-settings');
  const same = current.status === 200 && Object.entries(settings).every(([key, value]) => JSON.stringify(current.body?.[key]) === JSON.stringify(value));
  await progress.ensure('configuración de la agenda', same ? current.body : undefined, () => untilReplicated(() => admin.put('/agenda-settings', settings)));

  const activities = new Map((await office.all<Activity>('/activities', { from: seed.activities.from, to: seed.activities.to })).map((a) => [a.title, a]));
  const planned = plannedActivities();
  const activityStep = progress.step('actividades de la agenda', planned.length);
  await inBatches(planned, concurrency, async (activity) => {
    let stored = activities.get(activity.title);
    const created = stored === undefined;
    stored ??= await untilReplicated(() => office.post<Activity>('/activities', { ...activity, organizerUnitCode: AGENDA_OFFICE_UNIT, involvedUnitCodes: [] }));
    // Every activity of a past quarter was held: the report counts held activities.
    if (stored.status !== 'realizada') await office.post(`/activities/${stored.id}/status`, { status: 'realizada' });
    activityStep.record(created || stored.status !== 'realizada');
  });

  const meetings = await office.all<{ id: string; date: string; status: string }>('/cabinet-meetings', { year: 2025 });
  const meetingStep = progress.step('reuniones de gabinete', seed.cabinet.meetings.length);
  for (const [index, date] of seed.cabinet.meetings.entries()) {
    let meeting = meetings.find((m) => m.date === date && m.status !== 'cancelada');
    const created = meeting === undefined;
    meeting ??= await office.post<{ id: string; date: string; status: string }>('/cabinet-meetings', { date, place: 'Palacio Municipal' });
    if (meeting.status !== 'celebrada') {
      // Two dependencies miss each meeting, a different pair every week.
      const absent = new Set([dependencies[index % dependencies.length], dependencies[(index + 7) % dependencies.length]]);
      const attendees = dependencies.filter((code) => !absent.has(code)).map((unitCode) => ({ unitCode, role: 'Titular' }));
      await untilReplicated(() => office.put(`/cabinet-meetings/${meeting.id}/attendance`, { attendees }));
      await office.post(`/cabinet-meetings/${meeting.id}/minutes`, {});
    }
    meetingStep.record(created || meeting.status !== 'celebrada');
  }

  const weekly = new Set((await office.all<{ unitCode: string; week: string }>('/weekly-agendas')).map((w) => `${w.unitCode}@${w.week}`));
  const submissions = plannedWeeklyAgendas(dependencies);
  const weeklyStep = progress.step('agendas semanales', submissions.length);
  await inBatches(submissions, concurrency, async (submission) => {
    const exists = weekly.has(`${submission.unitCode}@${submission.week}`);
    if (!exists) await untilReplicated(() => office.post('/weekly-agendas', submission));
    weeklyStep.record(!exists);
  });
  // Closing the rosters of past weeks is what turns the absent ones into "missing"; it closes each week once.
  await office.post('/weekly-agendas/rosters/close-due');

  const alliances = new Set((await office.all<{ counterpart: string; cancelled?: boolean; status?: string }>('/alliances')).map((a) => a.counterpart));
  const signings = [
    ...Array.from({ length: seed.alliances.alianza }, (_, i) => ({ kind: 'alianza', counterpart: `Municipio vecino ${i + 1}`, signedOn: `2025-0${4 + (i % 3)}-1${i % 10}` })),
    ...Array.from({ length: seed.alliances.hermanamiento }, (_, i) => ({ kind: 'hermanamiento', counterpart: `Ciudad hermana ${i + 1}`, signedOn: '2025-04-29' })),
  ];
  for (const signing of signings) {
    await progress.ensure('alianzas y hermanamientos', alliances.has(signing.counterpart) ? signing : undefined, () =>
      office.post('/alliances', { ...signing, unitCode: AGENDA_OFFICE_UNIT }),
    );
  }
}
