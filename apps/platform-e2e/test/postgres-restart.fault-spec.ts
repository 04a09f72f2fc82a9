import { bearer, createTestDatabase, localDatabaseControl, registerTenants, ServiceProcess, spawnService, TestDatabase, uniqueTenant } from '@tequio/testing';

const DOWN_MS = Number(process.env['FAULT_PG_DOWN_MS'] ?? 15_000);
const CLIENTS = Number(process.env['FAULT_PG_CLIENTS'] ?? 3);
/* Past the services' DATABASE_CONNECT_TIMEOUT_MS (5 s) with room for a loaded machine: an answer later than this is a hang. */
const REQUEST_TIMEOUT_MS = 20_000;
/* Every service must answer this many 2xx in a row after the restart to count as recovered. */
const RECOVERED_STREAK = 5;

type Service = 'catalog' | 'correspondence' | 'reporting';

interface Answer {
  service: Service;
  request: string;
  /** HTTP status, or 0 when no answer came (connection dropped or refused, or no answer within REQUEST_TIMEOUT_MS). */
  status: number;
  failure?: string;
  retryAfter?: string | null;
  message?: string;
  at: number;
}

/*
 * PostgreSQL restarted (a clean `pg_ctl stop -m fast`, down for FAULT_PG_DOWN_MS, then started on the same port and
 * data) while clients write to catalog and correspondence and read from reporting, all running as processes. The
 * promises: every answer meanwhile is a 2xx or a 503 with Retry-After (never a 500, a dropped connection or a hang),
 * readiness says not-ready while the database is away, the same processes answer 2xx again afterwards, every write
 * acknowledged with a 2xx can be read back, and the outbox relays and consumers carry every acknowledged write's
 * event to the other services.
 */
describe('fault drill: PostgreSQL restarted under load (services as processes, real Kafka)', () => {
  const postgres = localDatabaseControl();
  let database: TestDatabase;
  const services = {} as Record<Service, ServiceProcess>;
  const tenant = uniqueTenant('pgrestart');
  const admin = bearer(['admin'], { tenant, sub: 'admin@drill' });
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'oficialia@drill' });

  beforeAll(async () => {
    if (!postgres) return;
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    const env = { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' };
    const [catalog, correspondence, reporting] = await Promise.all([
      spawnService('catalog', env),
      spawnService('correspondence', env),
      spawnService('reporting', env),
    ]);
    Object.assign(services, { catalog, correspondence, reporting });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await database?.drop();
  }, 60_000);

  async function call(service: Service, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Answer & { body?: unknown }> {
    const request = `${method} ${path}`;
    try {
      const response = await fetch(`${services[service].url}${path}`, {
        method,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as { message?: string }) : undefined;
      return { service, request, status: response.status, retryAfter: response.headers.get('retry-after'), message: parsed?.message, body: parsed, at: Date.now() };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { service, request, status: 0, failure: `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, at: Date.now() };
    }
  }

  async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  (postgres ? it : it.skip)(`answers 2xx or 503 while PostgreSQL is down for ${DOWN_MS} ms, recovers by itself and loses no acknowledged write`, async () => {
    if (!postgres) return;
    // The front desk's unit travels catalog → Kafka → correspondence's replica before documents can name it.
    const deskUnit = await call('catalog', 'POST', '/units', admin, { code: '402', name: 'Secretaría Particular', kind: 'secretaria', activeFrom: '2024-01-01' });
    expect(deskUnit.status).toBe(201);
    await until(
      'unit 402 in correspondence',
      async () => (await database.query(`SELECT 1 FROM correspondence.unit_replica WHERE tenant = $1 AND code = '402'`, [tenant])).length === 1,
      60_000,
    );

    const answers: Answer[] = [];
    const readiness: Answer[] = [];
    const units: { id: string; code: string; at: number }[] = [];
    const documents: { id: string; folio: string; at: number }[] = [];
    let serial = 0;
    let loading = true;

    const writers: Record<Service, () => Promise<Answer>> = {
      catalog: async () => {
        const code = `D-${++serial}`;
        const answer = await call('catalog', 'POST', '/units', admin, { code, name: `Unidad del simulacro ${code}`, kind: 'direccion', activeFrom: '2024-01-01' });
        if (answer.status === 201) units.push({ id: (answer.body as { id: string }).id, code, at: answer.at });
        return answer;
      },
      correspondence: async () => {
        const answer = await call('correspondence', 'POST', '/documents', desk, {
          receivedAt: '2025-07-01T11:05:00-06:00',
          channel: 'ventanilla',
          type: 'peticion_ciudadana',
          sender: { kind: 'ciudadano', name: 'Persona del simulacro', requesterCategory: 'no_identificado' },
          subject: `Escrito del simulacro ${++serial}`,
          deskUnitCode: '402',
        });
        if (answer.status === 201) {
          const body = answer.body as { id: string; folio: string };
          documents.push({ id: body.id, folio: body.folio, at: answer.at });
        }
        return answer;
      },
      // Reporting's API reads (its writes are workflow steps); its consumers are what the restart tests.
      reporting: () => call('reporting', 'GET', '/catalog-units?limit=5', admin),
    };
    const clients = (Object.keys(writers) as Service[]).flatMap((service) =>
      Array.from({ length: CLIENTS }, async () => {
        while (loading) {
          const answer = await writers[service]();
          answers.push(answer);
          // After a 503 a client waits before retrying (a short wait, not the whole Retry-After, to see recovery soon).
          await new Promise((resolve) => setTimeout(resolve, answer.status === 503 ? 250 : 20));
        }
      }),
    );
    const probes = (Object.keys(writers) as Service[]).map(async (service) => {
      while (loading) {
        readiness.push(await call(service, 'GET', '/health/ready', {}));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });

    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const restartFrom = Date.now();
      await postgres.restart(DOWN_MS);
      const restartTo = Date.now();
      // Recovered: every service answered RECOVERED_STREAK 2xx in a row after PostgreSQL came back.
      const recovered = (service: Service) => {
        const after = answers.filter((answer) => answer.service === service && answer.at > restartTo).slice(-RECOVERED_STREAK);
        return after.length === RECOVERED_STREAK && after.every((answer) => answer.status >= 200 && answer.status < 300);
      };
      await until('every service answering 2xx again', async () => (Object.keys(writers) as Service[]).every(recovered), 60_000).catch((error: Error) => {
        throw new Error(`${error.message}; last answers: ${JSON.stringify(answers.slice(-10))}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      loading = false;
      await Promise.all([...clients, ...probes]);

      const during = answers.filter((answer) => answer.at >= restartFrom && answer.at <= restartTo);
      const unexpected = answers.filter((answer) => !((answer.status >= 200 && answer.status < 300) || answer.status === 503));
      if (unexpected.length > 0) {
        // What the services logged about those answers: errors other than the readiness probes' own.
        const errors = [...new Set(unexpected.map((answer) => answer.service))].flatMap((service) =>
          services[service]
            .output()
            .split('\n')
            .filter((line) => (line.includes('"level":50') || /\bERROR\b/.test(line)) && !line.includes('Health Check has failed'))
            .slice(0, 5),
        );
        throw new Error(`${unexpected.length} answers neither 2xx nor 503: ${JSON.stringify(unexpected.slice(0, 10), null, 1)}\n${errors.join('\n')}`);
      }
      // The outage was seen (else the drill proved nothing), and each 503 says when to come back, in Spanish.
      for (const service of ['catalog', 'correspondence', 'reporting'] as const) {
        expect(during.filter((answer) => answer.service === service && answer.status === 503).length).toBeGreaterThan(0);
      }
      const unavailable = answers.filter((answer) => answer.status === 503);
      expect(unavailable.filter((answer) => answer.retryAfter !== '5' || !answer.message?.startsWith('La base de datos no está disponible'))).toEqual([]);
      // Readiness: not ready while the database was away, ready again afterwards.
      for (const service of ['catalog', 'correspondence', 'reporting'] as const) {
        const own = readiness.filter((answer) => answer.service === service);
        expect(own.filter((answer) => answer.at >= restartFrom && answer.at <= restartTo).map((answer) => answer.status)).toContain(503);
        expect(own.at(-1)?.status).toBe(200);
        expect(own.filter((answer) => answer.status !== 200 && answer.status !== 503)).toEqual([]);
        // The same processes: none exited (a restart would have been needed).
        expect(services[service].running()).toBe(true);
      }
      // Writes were acknowledged before, and after the restart too.
      expect(units.filter((unit) => unit.at < restartFrom).length).toBeGreaterThan(0);
      expect(units.filter((unit) => unit.at > restartTo).length).toBeGreaterThan(0);
      expect(documents.filter((document) => document.at > restartTo).length).toBeGreaterThan(0);
      console.log(
        `PostgreSQL down ${DOWN_MS} ms (restart took ${restartTo - restartFrom} ms): ${answers.length} answers, ${unavailable.length} × 503, ` +
          `${units.length} units and ${documents.length} documents acknowledged`,
      );
    } finally {
      loading = false;
    }

    // Every acknowledged write is there, read back through the API.
    const readBack = async <T extends { id: string }>(items: T[], service: Service, path: (item: T) => string, token: Record<string, string>) => {
      const missing: string[] = [];
      for (let offset = 0; offset < items.length; offset += 8) {
        const answers = await Promise.all(items.slice(offset, offset + 8).map((item) => call(service, 'GET', path(item), token)));
        missing.push(...answers.filter((answer) => answer.status !== 200).map((answer) => `${answer.request} → ${answer.status || answer.failure}`));
      }
      return missing;
    };
    expect(await readBack(units, 'catalog', (unit) => `/units/${unit.id}`, admin)).toEqual([]);
    expect(await readBack(documents, 'correspondence', (document) => `/documents/${document.id}`, desk)).toEqual([]);
    const folios = await Promise.all(documents.slice(0, 3).map(async (document) => ((await call('correspondence', 'GET', `/documents/${document.id}`, desk)).body as { folio: string }).folio));
    expect(folios).toEqual(documents.slice(0, 3).map((document) => document.folio));

    // The relays and consumers survived: every acknowledged unit reached reporting's and correspondence's replicas,
    // and every acknowledged document reached reporting's facts, those written after the restart included.
    const codes = new Set(units.map((unit) => unit.code));
    const replicated = async (schema: 'reporting' | 'correspondence') =>
      new Set((await database.query<{ code: string }>(`SELECT code FROM ${schema}.unit_replica WHERE tenant = $1`, [tenant])).map((row) => row.code));
    const recordKeys = async () =>
      new Set((await database.query<{ record_key: string }>(`SELECT record_key FROM reporting.fact_record WHERE tenant = $1`, [tenant])).map((row) => row.record_key.split('/').at(-1)));
    const missingEvents = async () => {
      // One after another: the test database's client runs one query at a time.
      const inReporting = await replicated('reporting');
      const inCorrespondence = await replicated('correspondence');
      const facts = await recordKeys();
      return {
        unitsNotInReporting: [...codes].filter((code) => !inReporting.has(code)),
        unitsNotInCorrespondence: [...codes].filter((code) => !inCorrespondence.has(code)),
        documentsNotInReporting: documents.map((document) => document.id).filter((id) => !facts.has(id)),
      };
    };
    const nothingMissing = { unitsNotInReporting: [], unitsNotInCorrespondence: [], documentsNotInReporting: [] };
    await until('every acknowledged write’s event consumed', async () => JSON.stringify(await missingEvents()) === JSON.stringify(nothingMissing), 90_000).catch(
      async () => expect(await missingEvents()).toEqual(nothingMissing),
    );
  }, 420_000);
});
