import {
  bearer,
  createTestDatabase,
  EventTap,
  localBrokerControl,
  publishCatalogUnits,
  registerTenants,
  ServiceProcess,
  spawnService,
  TestDatabase,
  uniqueTenant,
} from '@tequio/testing';

const RECORDS = Number(process.env['FAULT_RECORDS'] ?? 1_000);
const OUTAGE_MS = Number(process.env['FAULT_KAFKA_DOWN_SECONDS'] ?? 60) * 1000;
const PRODUCERS = ['agenda', 'correspondence', 'transparency'] as const;
const UNITS = ['402', '801', '305', '210', '120'];
const CATEGORIES = ['dialogo_vecinal', 'recorrido', 'rueda_prensa', 'reunion_vecinos'];
const YEARS = { from: '2024-01-01', to: '2025-12-31' };

type Producer = (typeof PRODUCERS)[number];
type Truth = Map<string, Map<string, number>>; // metric → breakdown key ('' for the total) → value

/*
 * Kafka stopped while the producers take writes through their HTTP APIs: every write answers 2xx (the outbox holds
 * the events), every service stays ready and up without a restart, every event reaches its topic once the broker is
 * back, and reporting's totals converge on the ground truth computed from what was written.
 */
describe('fault drill: Kafka down during writes across agenda, correspondence and transparency (real PostgreSQL and Kafka)', () => {
  const broker = localBrokerControl();
  let database: TestDatabase;
  const services = new Map<string, ServiceProcess>();
  const tenant = uniqueTenant('outage');
  const admin = bearer(['admin'], { tenant, sub: 'admin@outage' });
  const office = bearer(['clerk'], { tenant, units: ['402'], sub: 'agenda@outage' });
  const desk = bearer(['clerk'], { tenant, units: UNITS, sub: 'oficialia@outage' });
  const transparency = bearer(['clerk'], { tenant, units: ['801'], sub: 'ut@outage' });
  const planning = bearer(['planning'], { tenant, sub: 'planeacion@outage' });
  let tap: EventTap | undefined;

  beforeAll(async () => {
    if (!broker) return;
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    for (const name of ['reporting', ...PRODUCERS] as const) {
      services.set(name, await spawnService(name, { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' }));
    }
    await publishUnits(UNITS);
    const settings = await post('agenda', '/agenda-settings', admin, {
      officeUnitCodes: ['402'],
      expectedUnitCodes: [],
      deadlineWeekday: 7,
      deadlineTime: '23:59',
      deadlineWeekOffset: -1,
      rostersFrom: '2025-W14',
    }, 'PUT');
    expect(settings.status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    // Whatever happened, the broker runs again for the suites after this one.
    await broker?.start();
    await tap?.close();
    await Promise.all([...services.values()].map((service) => service.stop()));
    await database?.drop();
  }, 120_000);

  const url = (name: string) => services.get(name)?.url ?? '';

  async function post(service: string, path: string, token: { Authorization: string }, body: unknown, method = 'POST') {
    const response = await fetch(`${url(service)}${path}`, { method, headers: { ...token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  }

  /** The catalog's unit events, as catalog publishes them; each producer's replica must know the units before the outage. */
  async function publishUnits(codes: string[]): Promise<void> {
    await publishCatalogUnits(tenant, codes.map((code) => ({ code })));
    await until(`units ${codes.join(', ')} in every service’s replica`, async () => {
      const counts = await Promise.all(
        ['reporting', ...PRODUCERS].map(
          async (schema) =>
            (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.unit_replica WHERE tenant = $1 AND code = ANY($2)`, [tenant, codes]))[0].n,
        ),
      );
      return counts.every((n) => n === codes.length);
    }, 60_000);
  }

  async function until(what: string, check: () => Promise<boolean>, timeoutMs: number, describe?: () => Promise<string>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) {
        const logs = [...services.values()].map((service) => `--- ${service.name} ---\n${service.output().slice(-2000)}`).join('\n');
        throw new Error(`${what}: not reached in ${timeoutMs} ms${describe ? `\n${await describe()}` : ''}\n${logs}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** The writes, split across the three producers; each returns the ground truth it adds. */
  function plan(): { service: Producer; run: () => Promise<number[]> ; observe: (truth: Truth) => void }[] {
    const perService = Math.floor(RECORDS / 3);
    const work: { service: Producer; run: () => Promise<number[]>; observe: (truth: Truth) => void }[] = [];
    // Agenda: activities scheduled, two of every three then held (a second write on the same record).
    let agendaWrites = 0;
    for (let k = 0; agendaWrites < perService; k++) {
      const hold = k % 3 !== 2 && agendaWrites + 2 <= perService;
      agendaWrites += hold ? 2 : 1;
      const day = `2025-${String(7 + (k % 3)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
      const hour = String(7 + (k % 12)).padStart(2, '0');
      const category = CATEGORIES[k % CATEGORIES.length];
      work.push({
        service: 'agenda',
        run: async () => {
          const created = await post('agenda', '/activities', office, {
            title: `Actividad ${k}`,
            category,
            organizerUnitCode: '402',
            startsAt: `${day}T${hour}:00:00-06:00`,
            endsAt: `${day}T${hour}:45:00-06:00`,
          });
          if (!hold || created.status !== 201) return [created.status];
          const held = await post('agenda', `/activities/${created.body?.['id']}/status`, office, { status: 'realizada' });
          return [created.status, held.status];
        },
        observe: (truth) => {
          if (hold) add(truth, 'agenda.activities.held', category);
        },
      });
    }
    for (let k = 0; k < perService; k++) {
      const unit = UNITS[k % UNITS.length];
      const requiresResponse = k % 4 !== 0;
      work.push({
        service: 'correspondence',
        run: async () => [
          (
            await post('correspondence', '/documents', desk, {
              receivedAt: `2025-${String(7 + (k % 3)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}T10:00:00-06:00`,
              channel: 'ventanilla',
              type: 'peticion_ciudadana',
              sender: { kind: 'ciudadano', name: `Remitente ${k}`, requesterCategory: 'no_identificado' },
              subject: `Petición ${k}`,
              deskUnitCode: unit,
              requiresResponse,
            })
          ).status,
        ],
        observe: (truth) => add(truth, 'correspondence.documents.received', unit),
      });
    }
    for (let k = 0; k < RECORDS - 2 * perService; k++) {
      const heldOn = `2024-${String(4 + (k % 3)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
      if (k % 2 === 0) {
        const men = k % 7;
        const women = (k * 3) % 11;
        work.push({
          service: 'transparency',
          run: async () => [(await post('transparency', '/trainings', transparency, { heldOn, topic: `Capacitación ${k}`, men, women })).status],
          observe: (truth) => {
            add(truth, 'transparency.training_sessions.held', '');
            if (men > 0) add(truth, 'transparency.trainings.attendees', 'hombre', men);
            if (women > 0) add(truth, 'transparency.trainings.attendees', 'mujer', women);
          },
        });
      } else {
        work.push({
          service: 'transparency',
          run: async () => [
            (await post('transparency', '/complaints', transparency, { obligationReference: `LGTAIP art. 70 fracc. ${k}`, receivedOn: heldOn, requesterCategory: 'no_identificado' }))
              .status,
          ],
          observe: (truth) => add(truth, 'transparency.complaints.received', ''),
        });
      }
    }
    return work;
  }

  function add(truth: Truth, metric: string, key: string, value = 1): void {
    const breakdown = truth.get(metric) ?? new Map<string, number>();
    breakdown.set(key, (breakdown.get(key) ?? 0) + value);
    truth.set(metric, breakdown);
  }

  /** The metric's dimension the truth breaks down by (the total alone when none). */
  const BREAKDOWN: Record<string, string | undefined> = {
    'agenda.activities.held': 'category',
    'correspondence.documents.received': 'unit',
    'transparency.trainings.attendees': 'sex',
  };

  async function reported(truth: Truth): Promise<Record<string, Record<string, number>>> {
    const result: Record<string, Record<string, number>> = {};
    for (const metric of truth.keys()) {
      const by = BREAKDOWN[metric];
      const query = new URLSearchParams({ metric, ...YEARS, ...(by ? { by } : {}) });
      const response = await fetch(`${url('reporting')}/facts/totals?${query}`, { headers: planning });
      if (response.status !== 200) throw new Error(`GET /facts/totals?${query} answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { total: number; breakdown?: { key: string; total: number }[] };
      result[metric] = by ? Object.fromEntries((body.breakdown ?? []).map((row) => [row.key, row.total])) : { '': body.total };
    }
    return result;
  }

  /** Metrics and keys in order, so two readings compare as text. */
  const canonical = (totals: Record<string, Record<string, number>>) =>
    JSON.stringify(Object.keys(totals).sort().map((metric) => [metric, Object.entries(totals[metric]).sort(([a], [b]) => a.localeCompare(b))]));
  const expected = (truth: Truth) => Object.fromEntries([...truth].map(([metric, breakdown]) => [metric, Object.fromEntries(breakdown)]));

  async function outboxOf(schema: Producer) {
    return database.query<{ id: string; topic: string; sent: boolean; parked: boolean }>(
      `SELECT id::text, topic, sent_at IS NOT NULL AS sent, parked_at IS NOT NULL AS parked FROM ${schema}.outbox WHERE tenant = $1`,
      [tenant],
    );
  }

  async function healthOf(service: ServiceProcess) {
    const ready = await fetch(`${service.url}/health/ready`).then((response) => response.status, () => 0);
    const details = await fetch(`${service.url}/health`).then((response) => response.json(), () => null);
    return { ready, kafka: (details as { details?: { kafka?: { status?: string } } } | null)?.details?.kafka?.status };
  }

  (broker ? it : it.skip)(`answers every one of ${RECORDS} writes with 2xx while Kafka is down ${OUTAGE_MS / 1000} s, then delivers every event and reports exact totals`, async () => {
    if (!broker) return;
    const truth: Truth = new Map();
    const work = plan();
    const stoppedAt = Date.now();
    await broker.stop();

    const statuses: Record<Producer, number[]> = { agenda: [], correspondence: [], transparency: [] };
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < work.length) {
          const item = work[next++];
          const answered = await item.run();
          statuses[item.service].push(...answered);
          if (answered.every((status) => status >= 200 && status < 300)) item.observe(truth);
        }
      }),
    );
    const writtenIn = Date.now() - stoppedAt;
    const refused = Object.entries(statuses).flatMap(([service, list]) => list.filter((status) => status < 200 || status >= 300).map((status) => `${service} ${status}`));
    expect(refused).toEqual([]);
    expect(Object.values(statuses).reduce((sum, list) => sum + list.length, 0)).toBe(RECORDS);

    // Nothing reached the broker, every event waits in its service's outbox, and every service stays ready.
    for (const schema of PRODUCERS) {
      const rows = await outboxOf(schema);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => row.sent || row.parked)).toEqual([]);
    }
    for (const service of services.values()) expect({ service: service.name, ...(await healthOf(service)) }).toEqual({ service: service.name, ready: 200, kafka: 'down' });

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    for (const service of services.values()) expect({ service: service.name, ...(await healthOf(service)) }).toEqual({ service: service.name, ready: 200, kafka: 'down' });
    const restartedAt = Date.now();
    await broker.start();
    const brokerBack = Date.now();

    // Every outbox row is relayed, none parked (an outage blames no row), and each is on its topic.
    await until(
      'every outbox row sent',
      async () => (await Promise.all(PRODUCERS.map(outboxOf))).every((rows) => rows.every((row) => row.sent)),
      180_000,
      async () => JSON.stringify(await Promise.all(PRODUCERS.map(async (schema) => ({ schema, unsent: (await outboxOf(schema)).filter((row) => !row.sent).length })))),
    );
    const relayed = Date.now() - brokerBack;
    const outbox = (await Promise.all(PRODUCERS.map(outboxOf))).flat();
    expect(outbox.filter((row) => row.parked)).toEqual([]);
    const topics = [...new Set(outbox.map((row) => row.topic))].sort();
    tap = await EventTap.open(topics);
    const ours = () => tap?.messages.filter((message) => message.headers['tenant'] === tenant) ?? [];
    const wanted = new Set(outbox.map((row) => `${row.topic} ${row.id}`));
    await until('every outbox event on its topic', async () => new Set(ours().map((m) => `${m.topic} ${m.headers['ce_id']}`)).size >= wanted.size, 120_000);
    expect(new Set(ours().map((m) => `${m.topic} ${m.headers['ce_id']}`))).toEqual(wanted);

    // Reporting's totals, through its API, converge on what was written; they stay there (nothing counted twice).
    await until(
      'reporting’s totals equal the ground truth',
      async () => canonical(await reported(truth)) === canonical(expected(truth)),
      180_000,
      async () => `reported ${JSON.stringify(await reported(truth))}\nexpected ${JSON.stringify(expected(truth))}`,
    );
    process.stdout.write(
      `[kafka outage] ${RECORDS} writes in ${writtenIn} ms; broker down ${restartedAt - stoppedAt} ms, back in ${brokerBack - restartedAt} ms; ` +
        `then outbox relayed in ${relayed} ms, reporting exact in ${Date.now() - brokerBack} ms\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await reported(truth)).toEqual(expected(truth));

    // Recovered without a restart: the same processes, ready, seeing Kafka again, and every service's own consumer
    // (not only reporting's ingestion) applies a new catalog event.
    for (const service of services.values()) {
      await until(`${service.name} to see Kafka again`, async () => (await healthOf(service)).kafka === 'up', 60_000);
      expect(await healthOf(service)).toEqual({ ready: 200, kafka: 'up' });
    }
    await publishUnits(['650']);
  });
});
