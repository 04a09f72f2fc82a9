/*
 * What the soak does to the platform: its own municipality with the demo's catalog (units, plans, programs, MIR
 * indicators), then a mix of what the municipality's people do all day: the front desk registers, turns and answers
 * documents and hearings, the president's office keeps the agenda, transparency registers, turns and answers
 * requests, planning adjusts targets and units, and everyone reads lists, reports, the planning view and exports.
 * Records fall in the quarters the demo's programs report on, so the reports read what the load writes.
 */
import { Role, signDevToken } from '@tequio/auth';
import { correspondenceQ3_2025, Q2_2024 } from '@tequio/demo-data';
import {
  acceptsTenant,
  AGENDA_OFFICE_UNIT,
  ApiClient,
  dependencyCodes,
  DemoUrls,
  eventually,
  FRONT_DESK_UNIT,
  loadCatalog,
  plannedActivities,
  plannedRequests,
  Progress,
  SERVICE_NAMES,
  TRANSPARENCY_UNIT,
  TURN_UNITS,
  untilReplicated,
} from '@tequio/demo';
import { RequestSample } from './soak-stats';

/** A request that did not answer 2xx (or never answered): the operation stops there and the run counts an error. */
export class SoakRequestError extends Error {}

export type Recorder = (sample: Omit<RequestSample, 'at'> & { start: number }) => void;

type Body = object | FormData | undefined;

/** One caller (a token) of one service; every request is timed and recorded under the operation's kind. */
class Caller {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly record: Recorder,
  ) {}

  async call<T = unknown>(kind: string, method: string, path: string, body?: Body): Promise<T> {
    const start = performance.now();
    let status = 0;
    try {
      const response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.status;
      // Read the whole answer (a PDF too): the latency is the user's, until the last byte.
      const bytes = Buffer.from(await response.arrayBuffer());
      const ms = performance.now() - start;
      if (status < 200 || status >= 300) {
        const error = `${method} ${path} → ${status}: ${bytes.toString('utf8').slice(0, 300)}`;
        this.record({ kind, ms, ok: false, error, start });
        throw new SoakRequestError(error);
      }
      if (bytes.length === 0 && status !== 204) {
        const error = `${method} ${path} → ${status} with an empty body`;
        this.record({ kind, ms, ok: false, error, start });
        throw new SoakRequestError(error);
      }
      this.record({ kind, ms, ok: true, start });
      const type = response.headers.get('content-type') ?? '';
      return (type.includes('application/json') ? JSON.parse(bytes.toString('utf8')) : bytes) as T;
    } catch (error) {
      if (error instanceof SoakRequestError) throw error;
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      const message = `${method} ${path}: ${error instanceof Error ? error.message : String(error)}${cause}`;
      this.record({ kind, ms: performance.now() - start, ok: false, error: message, start });
      throw new SoakRequestError(message);
    }
  }
}

export interface Operation {
  name: string;
  /** Relative frequency in the mix. */
  weight: number;
  run(sequence: number): Promise<void>;
}

export const SOAK_TENANT = { id: 'tequio-soak', name: 'Municipio de la prueba de resistencia', state: 'Oaxaca', inegiCode: '20999' };

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length];

/** Registers the soak's municipality and its catalog (idempotent), and waits until every service has replicated it. */
export async function prepareSoak(urls: DemoUrls, tenant: string, say: (line: string) => void): Promise<{ programs: Record<string, string> }> {
  const token = (roles: Role[], units: string[] = []) => signDevToken({ roles, units, tenant, sub: 'soak@tequio' });
  const catalog = new ApiClient(urls.catalog, token(['admin', 'planning']));
  const registered = await catalog.request('POST', '/municipalities', { ...SOAK_TENANT, id: tenant });
  if (registered.status !== 201 && registered.status !== 409) throw new Error(`registering ${tenant}: ${registered.status} ${JSON.stringify(registered.body)}`);
  for (const service of SERVICE_NAMES) {
    await eventually(`${service} to accept ${tenant}`, async () => ((await acceptsTenant(urls[service], token(['admin']))) ? true : undefined));
  }
  const { programs } = await loadCatalog(catalog, new Progress(() => undefined), say, { ...SOAK_TENANT, id: tenant });
  const agendaAdmin = new ApiClient(urls.agenda, token(['admin']));
  await untilReplicated(() =>
    agendaAdmin.put('/agenda-settings', {
      officeUnitCodes: [AGENDA_OFFICE_UNIT],
      expectedUnitCodes: dependencyCodes(),
      deadlineWeekday: 7,
      deadlineTime: '23:59',
      deadlineWeekOffset: -1,
      rostersFrom: '2025-W14',
    }),
  );
  return { programs };
}

/** The mix, in the proportions of a working day: many more reads than writes, a few heavy exports. */
export function soakOperations(urls: DemoUrls, tenant: string, programs: Record<string, string>, record: Recorder, runId: string): Operation[] {
  const caller = (service: keyof DemoUrls, roles: Role[], units: string[] = []) =>
    new Caller(urls[service], signDevToken({ roles, units, tenant, sub: `soak-${roles[0]}@tequio` }), record);
  const planningCatalog = caller('catalog', ['planning']);
  const agendaOffice = caller('agenda', ['clerk'], [AGENDA_OFFICE_UNIT]);
  const desk = caller('correspondence', ['clerk'], [FRONT_DESK_UNIT]);
  const unitHeads = new Map(Object.keys(correspondenceQ3_2025.DOCUMENTS.byReceivingUnit).map((code) => [code, caller('correspondence', ['unit_head'], [code])]));
  const transparencyStaff = caller('transparency', ['clerk'], [TRANSPARENCY_UNIT]);
  const planning = caller('reporting', ['planning']);
  const head402 = caller('reporting', ['unit_head'], [FRONT_DESK_UNIT]);

  const documents = correspondenceQ3_2025.plannedDocuments();
  const hearings = correspondenceQ3_2025.plannedHearings();
  const activities = plannedActivities();
  const requests = plannedRequests();
  const p08 = programs['2025/08'];
  const p26 = programs['2024/26'];
  // Unique per run and sequence: folios and references never collide with an earlier run's (runId: 7 digits).
  const stamp = (n: number) => `${runId}${String(n % 1_000_000).padStart(6, '0')}`;

  return [
    {
      name: 'correspondence.document',
      weight: 6,
      run: async (n) => {
        const plan = pick(documents, n);
        const document = await desk.call<{ id: string }>('correspondence.write', 'POST', '/documents', {
          receivedAt: plan.receivedAt,
          channel: plan.channel,
          type: plan.type,
          ...(plan.authorityLevel ? { authorityLevel: plan.authorityLevel } : {}),
          requiresResponse: plan.requiresResponse,
          sender: { kind: 'ciudadano', name: 'Persona remitente', requesterCategory: 'mujer' },
          subject: `Documento de la prueba de resistencia ${n}`,
          deskUnitCode: FRONT_DESK_UNIT,
          externalReference: `SOAK-${stamp(n)}`,
        });
        const turned = await desk.call<{ turns: { id: string }[] }>('correspondence.write', 'POST', `/documents/${document.id}/turns`, {
          turns: [{ unitCode: plan.unitCode }],
          turnedAt: plan.receivedAt,
        });
        if (plan.requiresResponse) {
          const answeredAt = new Date(Date.parse(plan.receivedAt) + 2 * 86_400_000).toISOString();
          await unitHeads.get(plan.unitCode)?.call('correspondence.write', 'POST', `/documents/${document.id}/answers`, { turnId: turned.turns[0].id, answeredAt, summary: 'Se atendió la solicitud' });
        }
      },
    },
    {
      name: 'correspondence.hearing',
      weight: 2,
      run: async (n) => {
        await desk.call('correspondence.write', 'POST', '/hearings', {
          unitCode: FRONT_DESK_UNIT,
          requester: { name: 'Persona solicitante', phone: '951 000 0000' },
          subject: `Audiencia de la prueba de resistencia ${n}`,
          ...pick(hearings, n),
        });
      },
    },
    {
      name: 'agenda.activity',
      weight: 4,
      run: async (n) => {
        const plan = pick(activities, n);
        const activity = await agendaOffice.call<{ id: string }>('agenda.write', 'POST', '/activities', {
          ...plan,
          title: `Actividad de la prueba de resistencia ${n}`,
          organizerUnitCode: AGENDA_OFFICE_UNIT,
          involvedUnitCodes: [],
        });
        await agendaOffice.call('agenda.write', 'POST', `/activities/${activity.id}/status`, { status: 'realizada' });
      },
    },
    {
      name: 'transparency.request',
      weight: 4,
      run: async (n) => {
        const plan = pick(requests, n);
        const request = await transparencyStaff.call<{ id: string }>('transparency.write', 'POST', '/requests', {
          folio: `20${stamp(n)}`,
          channel: n % 5 === 0 ? 'correo_electronico' : 'plataforma_nacional',
          receivedAt: `${plan.receivedOn}T10:00:00-06:00`,
          requesterCategory: plan.category,
          requesterName: 'Persona solicitante',
          informationRequested: 'Padrón de proveedores del municipio',
        });
        const turned = await transparencyStaff.call<{ turns: { id: string }[] }>('transparency.write', 'POST', `/requests/${request.id}/turns`, {
          unitCode: pick(TURN_UNITS, n),
          turnedOn: plan.receivedOn,
        });
        const nextDay = new Date(Date.parse(`${plan.receivedOn}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        await transparencyStaff.call('transparency.write', 'POST', `/turns/${turned.turns[0].id}/answer`, { answerOficioNumber: `AREA/SOAK/${n}`, answeredOn: nextDay });
        await transparencyStaff.call('transparency.write', 'POST', `/requests/${request.id}/answer`, { answerType: 'entrega_informacion', answeredOn: nextDay });
      },
    },
    {
      name: 'catalog.planning',
      weight: 1,
      run: async (n) => {
        // Planning adjusts a target of the current program, or a unit's head; reporting and the replicas follow.
        const indicators = await planningCatalog.call<{ items: { id: string }[] }>('catalog.read', 'GET', `/indicators?programId=${p08}&limit=50`);
        const q = 20 + (n % 10);
        await planningCatalog.call('catalog.write', 'PUT', `/indicators/${pick(indicators.items, n).id}/targets`, { q1: q, q2: q, q3: q, q4: 100 - 3 * q, reason: 'Ajuste de la prueba de resistencia' });
        const units = await planningCatalog.call<{ items: { id: string; code: string }[] }>('catalog.read', 'GET', '/units?limit=50');
        await planningCatalog.call('catalog.write', 'PATCH', `/units/${pick(units.items, n).id}`, { headName: `Titular ${n % 7}` });
      },
    },
    {
      name: 'records.read',
      weight: 6,
      run: async (n) => {
        const reads: Array<[Caller, string, string]> = [
          [desk, 'correspondence.read', '/documents?from=2025-07-01&to=2025-09-30&limit=50'],
          [desk, 'correspondence.read', '/hearings?from=2025-07-01&to=2025-09-30&limit=50'],
          [agendaOffice, 'agenda.read', '/activities?from=2025-07-01&to=2025-09-30&limit=50'],
          [transparencyStaff, 'transparency.read', `/requests?from=${Q2_2024.period.from}&to=${Q2_2024.period.to}&limit=50`],
          [planningCatalog, 'catalog.read', '/units/tree'],
        ];
        const [client, kind, path] = pick(reads, n);
        await client.call(kind, 'GET', path);
      },
    },
    {
      name: 'reporting.report',
      weight: 6,
      run: async (n) => {
        const reads: Array<[Caller, string]> = [
          [head402, `/reports/units/${FRONT_DESK_UNIT}/2025/3`],
          [planning, `/reports/programs/${p08}/2025/3`],
          [planning, `/reports/programs/${p26}/2024/2`],
          [planning, '/reports/completeness?year=2025&quarter=3'],
        ];
        const [client, path] = pick(reads, n);
        await client.call('reporting.report', 'GET', path);
      },
    },
    {
      name: 'planning.read',
      weight: 3,
      run: async (n) => {
        const paths = ['/planning/indicators?year=2025&quarter=3&limit=50', `/planning/indicators?year=2025&quarter=3&unit=${FRONT_DESK_UNIT}&sort=compliance`, '/planning/indicators?year=2024&quarter=2&limit=20'];
        await planning.call('planning.read', 'GET', pick(paths, n));
      },
    },
    {
      name: 'reporting.export',
      weight: 3,
      run: async (n) => {
        const exports: Array<[string, string]> = [
          ['reporting.export.pdf', `/reports/units/${FRONT_DESK_UNIT}/2025/3/export/pdf`],
          ['reporting.export.xlsx', `/reports/programs/${p08}/2025/3/export/xlsx`],
          ['reporting.export.csv', `/reports/units/${TRANSPARENCY_UNIT}/2024/2/export/csv`],
          ['reporting.export.pdf', `/reports/programs/${p26}/2024/2/export/pdf`],
          ['planning.export', '/planning/indicators/export/xlsx?year=2025&quarter=3'],
          ['planning.export', '/planning/indicators/export/csv?year=2024&quarter=2'],
        ];
        const [kind, path] = pick(exports, n);
        await planning.call(kind, 'GET', path);
      },
    },
  ];
}

/** Picks operations by weight, deterministically from a sequence number (a run is repeatable). */
export function weightedPicker(operations: readonly Operation[]): (n: number) => Operation {
  const wheel = operations.flatMap((operation) => Array.from({ length: operation.weight }, () => operation));
  // A stride coprime with the wheel's size visits every slot and mixes the kinds instead of running them in blocks.
  let stride = 7;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  while (gcd(stride, wheel.length) !== 1) stride += 1;
  return (n) => wheel[(n * stride) % wheel.length];
}
