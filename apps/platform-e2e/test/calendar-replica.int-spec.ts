import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CalendarChange, CalendarChangeListeners, CalendarDirectoryModule, calendarDirectoryFeature, CalendarReplicaRepository } from '@tequio/calendar';
import { CalendarChanged, CalendarChangedData, Topic } from '@tequio/contracts';
import { loadServiceConfig, runMigrations, ServiceDefinition } from '@tequio/platform';
import { cloudEventMessage, createTestDatabase, produceRaw, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';

/** Records every calendar change it is told of, as a deadline feature would recompute its due dates. */
@Injectable()
class RecordingListener implements OnModuleInit {
  static readonly changes: Array<Omit<CalendarChange, 'manager'>> = [];
  constructor(private readonly listeners: CalendarChangeListeners) {}
  onModuleInit(): void {
    this.listeners.register(async ({ tenant, year }) => {
      RecordingListener.changes.push({ tenant, year });
    });
  }
}

@Module({ imports: [CalendarDirectoryModule], providers: [RecordingListener] })
class ProbeModule {}

const probe: ServiceDefinition = {
  name: 'calendar_probe',
  title: 'calendar probe',
  description: 'A service with only the calendar replica, for this test.',
  defaultPort: 3999,
  features: [calendarDirectoryFeature, { module: ProbeModule }],
};

describe('calendar replica (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const tenant = uniqueTenant('calendar');

  const year2025 = (version: number, holidays: CalendarChangedData['holidays']): CalendarChangedData => ({
    calendarId: `${tenant}:2025`,
    year: 2025,
    cutoff: '14:00',
    timeZone: 'America/Mexico_City',
    holidays,
    version,
  });

  async function calendarUntil(check: (holidays: ReadonlySet<string>) => boolean) {
    const replica = service.app.get(CalendarReplicaRepository);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const calendar = await replica.calendarOf(tenant, 2025, 2026);
      if (check(calendar.holidays)) return calendar;
      if (Date.now() > deadline) throw new Error(`calendar never reached the expected state: ${[...calendar.holidays].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(loadServiceConfig(probe.name, probe.defaultPort, { ...process.env, DATABASE_URL: database.url }), probe);
    await registerTenants(database, tenant);
    service = await startServiceInProcess(probe, database);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('keeps the newest year, tells listeners of each change, and counts business days with it', async () => {
    const independence = { date: '2025-09-16', name: 'Día de la Independencia' };
    const dead = { date: '2025-11-03', name: 'Día de Muertos' };
    await produceRaw(Topic.CatalogCalendarV1, [
      cloudEventMessage(CalendarChanged, { subject: `${tenant}:2025`, data: year2025(1, [independence]), tenant }),
      cloudEventMessage(CalendarChanged, { subject: `${tenant}:2025`, data: year2025(2, [independence, dead]), tenant }),
      // Late and older: must not undo version 2.
      cloudEventMessage(CalendarChanged, { subject: `${tenant}:2025`, data: year2025(1, []), tenant }),
    ]);
    const calendar = await calendarUntil((holidays) => holidays.has(dead.date));
    expect([...calendar.holidays]).toEqual([independence.date, dead.date]);
    expect(calendar.settingsOf(2025).cutoff).toBe('14:00');
    expect(calendar.settingsOf(2026).cutoff).toBe('15:00');
    // Friday 31 October + 1 business day skips the weekend and the 3 November holiday.
    expect(calendar.addBusinessDays('2025-10-31', 1)).toBe('2025-11-04');
    expect(calendar.whyNotBusinessDay('2025-11-03')).toBe('Día de Muertos');
    expect(calendar.whyNotBusinessDay('2025-11-01')).toBe('sábado');
    expect(RecordingListener.changes.filter((change) => change.tenant === tenant)).toEqual([
      { tenant, year: 2025 },
      { tenant, year: 2025 },
    ]);
  });
});
