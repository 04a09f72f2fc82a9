import { CalendarChanged, Topic, UnitCreated } from '@tequio/contracts';
import { bearer, cloudEventMessage, produceRaw, RunningService, TestDatabase } from '@tequio/testing';
import { randomUUID } from 'node:crypto';

export const TENANT = 'oaxaca-de-juarez';

/** Users of the transparency unit (801), of two other units, and planning. */
export const tokens = (tenant = TENANT) => ({
  staff: bearer(['clerk'], { units: ['801'], sub: 'ut@oaxaca', tenant }),
  works: bearer(['clerk'], { units: ['501'], sub: 'obras@oaxaca', tenant }),
  treasury: bearer(['unit_head'], { units: ['301'], sub: 'tesoreria@oaxaca', tenant }),
  planning: bearer(['planning'], { sub: 'planeacion@oaxaca', tenant }),
  auditor: bearer(['auditor'], { sub: 'auditoria@oaxaca', tenant }),
});

export const UNIT_CODES = ['801', '501', '301', '401', '601', '701'];

/** Publishes catalog units as catalog would and waits until the service's replica has them. */
export async function seedUnits(service: RunningService, database: TestDatabase, tenant = TENANT, codes = UNIT_CODES): Promise<void> {
  await produceRaw(
    Topic.CatalogUnitV1,
    codes.map((code) =>
      cloudEventMessage(UnitCreated, {
        subject: randomUUID(),
        tenant,
        data: { unitId: randomUUID(), code, name: `Unidad ${code}`, kind: 'direccion', parentId: null, activeFrom: '2020-01-01', activeTo: null, version: 1 },
      }),
    ).map((message) => ({ ...message, key: JSON.parse(message.value).unitId })),
  );
  await waitUntil(async () => {
    const [row] = await database.query<{ n: number }>(`SELECT count(DISTINCT code)::int AS n FROM transparency.unit_replica WHERE tenant = $1 AND code = ANY($2)`, [tenant, codes]);
    return row.n === codes.length;
  }, 'unit replica');
  void service;
}

/** Publishes a year's calendar as catalog would and waits until the replica holds that version. */
export async function publishCalendar(
  database: TestDatabase,
  year: number,
  holidays: { date: string; name: string }[],
  version: number,
  tenant = TENANT,
): Promise<void> {
  const calendarId = `${tenant}:${year}`;
  await produceRaw(Topic.CatalogCalendarV1, [
    cloudEventMessage(CalendarChanged, { subject: calendarId, tenant, data: { calendarId, year, cutoff: '15:00', timeZone: 'America/Mexico_City', holidays, version } }),
  ]);
  await waitUntil(async () => {
    const [row] = await database.query<{ version: number }>(`SELECT version FROM transparency.calendar_replica WHERE tenant = $1 AND year = $2`, [tenant, year]);
    return row?.version === version;
  }, `calendar ${calendarId} v${version}`);
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs tasks with at most `limit` in flight (HTTP calls against one service). */
export async function inBatches<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

let folioCounter = 0;
/** A well-formed, unique 15-digit national platform folio. */
export function newFolio(): string {
  folioCounter += 1;
  return `2011738${String(Date.now() % 100_000).padStart(5, '0')}${String(folioCounter).padStart(3, '0')}`;
}
