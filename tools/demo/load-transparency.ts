/*
 * The Unidad de Transparencia (801) in Q2 2024: 71 requests by month and requester category with their turn and
 * answer oficios, five appeals with notifications, turns and pleadings, a complaint with its requirements, the
 * trainings, advisories and monitorings. Natural keys: the request folio, the appeal's file number, the day (and
 * topic, sex or platform) of the others.
 */
import { ApiClient, inBatches } from './api-client';
import { Q2_2024 } from './data/transparency-2024-q2';
import { Progress } from './progress';

export const TRANSPARENCY_UNIT = '801';
/** The areas requests are turned to. */
export const TURN_UNITS = ['501', '301', '401', '601', '701'];

const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

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

export interface PlannedRequest {
  folio: string;
  category: string;
  receivedOn: string;
  turns: number;
  answeredTurns: number;
}

/** Each month's requests by category; the month's turn oficios spread one per request, the rest round and round. */
export function plannedRequests(): PlannedRequest[] {
  const plans: PlannedRequest[] = [];
  for (const month of Q2_2024.requestsByMonth) {
    const categories = [
      ...Array<string>(month.hombre).fill('hombre'),
      ...Array<string>(month.mujer).fill('mujer'),
      ...Array<string>(month.no_identificado).fill('no_identificado'),
    ];
    const turns = categories.map(() => 1);
    for (let extra = month.turnOficios - categories.length, i = 0; extra > 0; extra--, i = (i + 1) % turns.length) turns[i] += 1;
    let answers = month.answerOficios;
    const days = weekdays(month.month, 20, ['2024-05-01']);
    categories.forEach((category, index) => {
      const answeredTurns = Math.min(turns[index], answers);
      answers -= answeredTurns;
      plans.push({ folio: `2011738240${String(plans.length + 1).padStart(5, '0')}`, category, receivedOn: days[index % days.length], turns: turns[index], answeredTurns });
    });
  }
  return plans;
}

interface StoredRequest {
  id: string;
  folio: string;
  status: string;
  turns: { id: string; answerOficioNumber: string | null }[];
}

export async function loadTransparency(staff: ApiClient, progress: Progress, concurrency: number, say: (line: string) => void): Promise<void> {
  say('Transparencia: solicitudes, oficios, recursos, denuncia, capacitaciones, asesorías y monitoreos');
  const stored = new Map((await staff.all<StoredRequest>('/requests', Q2_2024.period)).map((r) => [r.folio, r]));
  const plans = plannedRequests();
  const requestStep = progress.step('solicitudes de información', plans.length);
  await inBatches(plans, concurrency, async (plan, n) => {
    let request = stored.get(plan.folio);
    let changed = request === undefined;
    request ??= await staff.post<StoredRequest>('/requests', {
      folio: plan.folio,
      channel: n % 5 === 0 ? 'correo_electronico' : 'plataforma_nacional',
      receivedAt: `${plan.receivedOn}T10:00:00-06:00`,
      requesterCategory: plan.category,
      requesterName: `Persona solicitante ${n + 1}`,
      informationRequested: 'Padrón de proveedores del municipio',
    });
    let turns = request.turns ?? [];
    for (let t = turns.length; t < plan.turns; t++) {
      turns = (await staff.post<StoredRequest>(`/requests/${request.id}/turns`, { unitCode: TURN_UNITS[(n + t) % TURN_UNITS.length], turnedOn: plan.receivedOn })).turns;
      changed = true;
    }
    for (const [k, turn] of turns.slice(0, plan.answeredTurns).entries()) {
      if (turn.answerOficioNumber) continue;
      await staff.post(`/turns/${turn.id}/answer`, { answerOficioNumber: `AREA/${n + 1}/${k + 1}`, answeredOn: plusDays(plan.receivedOn, 1) });
      changed = true;
    }
    if (request.status !== 'respondida') {
      await staff.post(`/requests/${request.id}/answer`, { answerType: n % 7 === 0 ? 'inexistencia' : 'entrega_informacion', answeredOn: plusDays(plan.receivedOn, 2) });
      changed = true;
    }
    requestStep.record(changed);
  });

  const appeals = new Set((await staff.all<{ fileNumber: string }>('/appeals')).map((a) => a.fileNumber));
  const oficioPlan = Q2_2024.appealOficiosByMonth.map((month) => ({ ...month }));
  for (const [index, appeal] of Q2_2024.appeals.entries()) {
    const fileNumber = `RRA/${index + 1}/2024`;
    const filedOn = `${appeal.month}-${String(10 + index).padStart(2, '0')}`;
    const budget = oficioPlan.find((month) => month.month === appeal.month) as (typeof oficioPlan)[number];
    const appealsLeftInMonth = Q2_2024.appeals.slice(index).filter((other) => other.month === appeal.month).length;
    const notifications = Math.ceil(budget.notifications / appealsLeftInMonth);
    const turns = Math.ceil(budget.turned / appealsLeftInMonth);
    budget.notifications -= notifications;
    budget.turned -= turns;
    await progress.ensure('recursos de revisión', appeals.has(fileNumber) ? fileNumber : undefined, async () => {
      const { id } = await staff.post<{ id: string }>('/appeals', { fileNumber, requestFolio: `201173824900${String(index + 1).padStart(3, '0')}`, filedOn, ground: 'informacion_incompleta', requesterCategories: appeal.requesterCategories });
      for (let k = 0; k < notifications; k++) {
        await staff.post(`/appeals/${id}/notifications`, { oficioNumber: `OGAIPO/${index + 1}/${k + 1}`, receivedOn: plusDays(filedOn, 1), dueOn: plusDays(filedOn, 8) });
      }
      for (let k = 0; k < turns; k++) {
        const turned = await staff.post<{ turns: { id: string }[] }>(`/appeals/${id}/turns`, { unitCode: TURN_UNITS[k], turnedOn: plusDays(filedOn, 1) });
        const turnId = turned.turns[turned.turns.length - 1].id;
        await staff.post(`/appeals/${id}/turns/${turnId}/answer`, { answerOficioNumber: `AREA/RR/${index + 1}/${k + 1}`, answeredOn: plusDays(filedOn, 2) });
      }
      await staff.post(`/appeals/${id}/pleadings`, { filedOn: plusDays(filedOn, 3) });
      return fileNumber;
    });
  }

  const complaints = await staff.all<{ obligationReference: string; receivedOn: string }>('/complaints');
  for (const complaint of Q2_2024.complaints) {
    const body = { obligationReference: 'LGTAIP art. 70 fracc. XXIX', receivedOn: `${complaint.month}-10`, requesterCategory: complaint.requesterCategory };
    const existing = complaints.find((c) => c.obligationReference === body.obligationReference && c.receivedOn === body.receivedOn);
    await progress.ensure('denuncias', existing, async () => {
      const created = await staff.post<{ id: string; obligationReference: string; receivedOn: string }>('/complaints', body);
      for (let k = 0; k < complaint.requirements; k++) await staff.post(`/complaints/${created.id}/requirements`, { unitCode: TURN_UNITS[k], sentOn: `${complaint.month}-11` });
      return created;
    });
  }

  const trainings = new Set((await staff.all<{ heldOn: string }>('/trainings')).map((t) => t.heldOn));
  for (const training of Q2_2024.trainings) {
    await progress.ensure('capacitaciones', trainings.has(training.heldOn) ? training : undefined, () =>
      staff.post('/trainings', { ...training, topic: 'Obligaciones de transparencia', unitCodes: ['501', '301'] }),
    );
  }

  const advisories = new Set((await staff.all<{ topic: string; sex: string; givenOn: string }>('/advisories')).map((a) => `${a.topic}/${a.sex}/${a.givenOn}`));
  const advisoryCalls = Q2_2024.advisories.flatMap((advisory) =>
    (['hombre', 'mujer'] as const).flatMap((sex) => Array.from({ length: advisory[sex] }, (_, k) => ({ topic: advisory.topic, sex, givenOn: `${advisory.month}-${String(3 + k).padStart(2, '0')}` }))),
  );
  for (const advisory of advisoryCalls) {
    await progress.ensure('asesorías', advisories.has(`${advisory.topic}/${advisory.sex}/${advisory.givenOn}`) ? advisory : undefined, () => staff.post('/advisories', advisory));
  }

  const monitorings = new Set((await staff.all<{ doneOn: string; platform: string }>('/monitorings')).map((m) => `${m.doneOn}/${m.platform}`));
  const monitoringCalls = Q2_2024.monitoringsByMonth.flatMap(({ month, ...platforms }) =>
    Object.entries(platforms).map(([platform, count]) => ({ doneOn: `${month}-28`, platform, count, finding: 'Sin novedad' })),
  );
  for (const monitoring of monitoringCalls) {
    await progress.ensure('monitoreos', monitorings.has(`${monitoring.doneOn}/${monitoring.platform}`) ? monitoring : undefined, () => staff.post('/monitorings', monitoring));
  }
}
