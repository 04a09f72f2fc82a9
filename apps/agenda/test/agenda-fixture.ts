import { bearer, createTestDatabase, publishCatalogUnitsAndWait, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import type supertest from 'supertest';
import { agendaService } from '../src/agenda.definition';

/** The president's office (Secretaría Particular) manages the agenda in these tests. */
export const OFFICE_UNIT = '402';

export interface AgendaFixture {
  tenant: string;
  agenda: RunningService;
  database: TestDatabase;
  /** Admin of the fixture's municipality. */
  admin: { Authorization: string };
  /** Staff of the president's office. */
  office: { Authorization: string };
  close(): Promise<void>;
}

/**
 * A running agenda service over a fresh database, with its own municipality whose units reach the service the real
 * way (catalog unit events on the broker) and whose office unit manages the agenda.
 */
export async function startAgenda(label: string, unitCodes: string[], settings: Record<string, unknown> = {}): Promise<AgendaFixture> {
  const tenant = uniqueTenant(label);
  const database = await createTestDatabase();
  await registerTenants(database, tenant);
  const agenda = await startServiceInProcess(agendaService, database);
  const admin = bearer(['admin'], { tenant, sub: 'admin@municipio' });
  await seedAgendaUnits(agenda.http, admin, tenant, [...new Set([OFFICE_UNIT, ...unitCodes])]);
  await agenda
    .http()
    .put('/agenda-settings')
    .set(admin)
    .send({
      officeUnitCodes: [OFFICE_UNIT],
      expectedUnitCodes: [],
      deadlineWeekday: 7,
      deadlineTime: '23:59',
      deadlineWeekOffset: -1,
      rostersFrom: '2025-W14',
      ...settings,
    })
    .expect(200);
  return {
    tenant,
    agenda,
    database,
    admin,
    office: bearer(['clerk'], { tenant, units: [OFFICE_UNIT], sub: 'agenda@presidencia' }),
    close: async () => {
      await agenda.close();
      await database.drop();
    },
  };
}

/** Publishes catalog units the real way (unit events on the broker) and waits until the agenda's replica has them. */
export async function seedAgendaUnits(http: () => supertest.Agent, admin: { Authorization: string }, tenant: string, codes: string[]): Promise<void> {
  await publishCatalogUnitsAndWait(
    tenant,
    codes.map((code) => ({ code, kind: 'unidad' })),
    async () => (await http().get('/catalog-units?limit=200').set(admin).expect(200)).body.items.map((unit: { code: string }) => unit.code),
    30_000,
  );
}

/** Runs tasks with at most `limit` in flight: fast loads without flooding a 2-core machine. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}
