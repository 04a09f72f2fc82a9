/*
 * What the demo left in each service, read back through the same APIs a planner uses: catalog's lists and the
 * statistics of agenda, correspondence and transparency for the demo's quarters. Comparing two snapshots tells
 * whether a run changed anything.
 */
import { signDevToken } from '@tequio/auth';
import { ApiClient } from './api-client';
import agenda from './data/agenda-2025.json';
import { QUARTER as CORRESPONDENCE_QUARTER } from './data/correspondence-2025-q3';
import { Q2_2024 } from './data/transparency-2024-q2';
import type { DemoUrls } from './load-demo';

export interface DemoSnapshot {
  catalog: { units: number; programs: number; indicators: number };
  agenda: { activities: unknown; cabinetMeetings: unknown; weeklyAgendas: unknown; alliances: unknown };
  correspondence: { documents: Record<string, unknown>; hearings: Record<string, unknown> };
  transparency: Record<string, unknown>;
}

export async function demoSnapshot(urls: DemoUrls, tenant: string): Promise<DemoSnapshot> {
  const token = signDevToken({ roles: ['planning', 'admin'], tenant, sub: 'demo@tequio' });
  const client = (url: string) => new ApiClient(url, token);
  const catalog = client(urls.catalog);
  const programs = (await Promise.all([2023, 2024, 2025].map((year) => catalog.all<{ id: string }>('/programs', { year })))).flat();
  const indicators = await Promise.all(programs.map((program) => catalog.all('/indicators', { programId: program.id })));

  type Stats = Record<string, unknown>;
  const agendaStats = (from: string, to: string) => client(urls.agenda).get<Stats>('/statistics', { from, to });
  const q3 = await agendaStats(agenda.activities.from, agenda.activities.to);
  const q2 = await agendaStats(agenda.cabinet.from, agenda.cabinet.to);
  const correspondence = client(urls.correspondence);
  return {
    catalog: { units: (await catalog.all('/units')).length, programs: programs.length, indicators: indicators.flat().length },
    agenda: { activities: q3['activities'], cabinetMeetings: q2['cabinetMeetings'], weeklyAgendas: q2['weeklyAgendas'], alliances: q2['alliances'] },
    correspondence: {
      documents: await correspondence.get<Stats>('/statistics/documents', CORRESPONDENCE_QUARTER),
      hearings: await correspondence.get<Stats>('/statistics/hearings', CORRESPONDENCE_QUARTER),
    },
    transparency: await client(urls.transparency).get<Stats>('/statistics', Q2_2024.period),
  };
}
