/*
 * The demo year, loaded through the services' public HTTP APIs: catalog first (its units and indicators reach
 * the other services over the broker), then the records of agenda, correspondence and transparency, then the
 * manual captures of the 2023 MIR of unit 304 in reporting. Every record is looked up by a natural key before it
 * is created, so a second run creates nothing.
 */
import { Role, signDevToken } from '@tequio/auth';
import { ApiClient, eventually } from './api-client';
import { acceptsTenant } from './tenant-readiness';
import mir304 from './data/mir-304-2023.json';
import municipality from './data/municipality.json';
import { AGENDA_OFFICE_UNIT, loadAgenda } from './load-agenda';
import { loadCatalog } from './load-catalog';
import { FRONT_DESK_UNIT, loadCorrespondence } from './load-correspondence';
import { loadTransparency, TRANSPARENCY_UNIT } from './load-transparency';
import { DemoTally, Progress, Say } from './progress';

export const SERVICE_NAMES = ['catalog', 'agenda', 'correspondence', 'transparency', 'reporting'] as const;
export type DemoServiceName = (typeof SERVICE_NAMES)[number];
export type DemoUrls = Record<DemoServiceName, string>;

export const DEFAULT_PORTS: Record<DemoServiceName, number> = { catalog: 3001, agenda: 3002, correspondence: 3003, transparency: 3004, reporting: 3005 };

/** The services' URLs: `<SERVICE>_URL`, else localhost on `<SERVICE>_PORT` or the port `npm start` uses. */
export function urlsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoUrls {
  const entries = SERVICE_NAMES.map((name) => {
    const upper = name.toUpperCase();
    return [name, env[`${upper}_URL`] ?? `http://localhost:${env[`${upper}_PORT`] ?? DEFAULT_PORTS[name]}`];
  });
  return Object.fromEntries(entries) as DemoUrls;
}

export interface DemoOptions {
  urls: DemoUrls;
  /** The municipality the records belong to; by default the dev tokens' tenant. */
  tenant?: string;
  /** Calls in flight per service. */
  concurrency?: number;
  say?: Say;
}

export interface DemoResult {
  tenant: string;
  tally: DemoTally;
  /** Program ids by `year/code`. */
  programs: Record<string, string>;
}

export async function loadDemo(options: DemoOptions): Promise<DemoResult> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const tenant = options.tenant ?? municipality.municipality.id;
  const concurrency = options.concurrency ?? 6;
  const token = (roles: Role[], units: string[] = [], sub = 'demo@tequio') => signDevToken({ roles, units, tenant, sub });
  const client = (service: DemoServiceName, roles: Role[], units: string[] = []) => new ApiClient(options.urls[service], token(roles, units));
  const progress = new Progress(say);

  const catalog = await loadCatalog(client('catalog', ['admin', 'planning']), progress, say, { ...municipality.municipality, id: tenant });
  // The other services accept the tenant's tokens once they have the municipality from catalog's topic.
  for (const service of SERVICE_NAMES.filter((name) => name !== 'catalog')) {
    await eventually(`el municipio ${tenant} en ${service}`, async () => ((await acceptsTenant(options.urls[service], token(['admin']))) ? true : undefined));
  }
  await loadAgenda(client('agenda', ['clerk'], [AGENDA_OFFICE_UNIT]), client('agenda', ['admin']), catalog.dependencyCodes, progress, concurrency, say);
  // One client (one signed token) per unit: signing a token for each of a thousand documents kept the event loop
  // busy for seconds, long enough for the services to close the idle keep-alive connections under the client.
  const unitHeads = new Map<string, ApiClient>();
  const unitHead = (unitCode: string) => {
    let head = unitHeads.get(unitCode);
    if (!head) unitHeads.set(unitCode, (head = client('correspondence', ['unit_head'], [unitCode])));
    return head;
  };
  await loadCorrespondence(
    client('correspondence', ['clerk'], [FRONT_DESK_UNIT]),
    unitHead,
    progress,
    concurrency,
    say,
  );
  await loadTransparency(client('transparency', ['clerk'], [TRANSPARENCY_UNIT]), progress, concurrency, say);

  say('Reportes: capturas manuales de la MIR 2023 de la unidad 304');
  const reporting = client('reporting', ['planning']);
  const programId = catalog.programs[`${mir304.year}/04`];
  // Reporting learns the program and its indicators from catalog's events.
  await eventually('la MIR 2023 del programa 04 en reporting', async () => {
    const report = await reporting.get<{ table: { indicators: unknown[] } }>(`/reports/programs/${programId}/${mir304.year}/1`);
    return report.table.indicators.length >= mir304.rows.length ? report : undefined;
  });
  for (const row of mir304.rows) {
    const indicatorId = catalog.mir304[row.level];
    if (!indicatorId) throw new Error(`la MIR 2023 del programa 04 no tiene el nivel ${row.level}`);
    for (const quarter of mir304.capturedQuarters) {
      const value = row.achieved[quarter - 1];
      const path = `/indicators/${indicatorId}/captures/${mir304.year}/${quarter}`;
      const current = await reporting.request<{ value?: number }>('GET', path);
      await progress.ensure('capturas manuales (MIR 2023, 304)', current.status === 200 && current.body.value === value ? current.body : undefined, () =>
        reporting.put(path, {
          value,
          justification: `Valor alcanzado en el trimestre ${quarter} según el informe de la unidad`,
          evidence: row.level === 'Fin' ? [] : [{ documentId: `SG/INF/${mir304.year}-T${quarter}`, description: 'Informe trimestral del programa' }],
        }),
      );
    }
  }

  say('Resumen:');
  for (const [kind, { created, existing }] of Object.entries(progress.tally)) say(`  ${kind.padEnd(34)} ${String(created).padStart(5)} nuevos, ${String(existing).padStart(5)} ya estaban`);
  return { tenant, tally: progress.tally, programs: catalog.programs };
}
