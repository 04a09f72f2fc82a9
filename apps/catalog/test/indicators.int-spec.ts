import { BadRequestException } from '@nestjs/common';
import { ACTIVITY_CATEGORIES, IndicatorCreated, IndicatorDeleted, IndicatorTargetsChanged, IndicatorUpdated, METRIC_REGISTRY, Topic } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { DataSource } from 'typeorm';
import { catalogService } from '../src/catalog.definition';
import { IndicatorInput, indicatorInputSchema, IndicatorInputRaw } from '../src/indicators/indicator-input';
import { IndicatorCreationService } from '../src/indicators/indicator-creation.service';

describe('catalog MIR indicators and metric registry (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });
  const admin = bearer(['admin'], { sub: 'admin@oaxaca' });
  let unit402: { id: string };
  let unit304: { id: string };
  let program08: { id: string };
  let program04: { id: string };

  const http = () => catalog.http();
  const count = async (table: string) => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.${table}`))[0].n;
  // Approvals other test files publish on the shared reporting topic reach this catalog too (quarter_lock entries).
  const OWN_AUDIT = `audit_entry WHERE entity_type <> 'quarter_lock'`;
  const counts = async () => ({ outbox: await count('outbox'), audit: await count(OWN_AUDIT), indicator: await count('indicator') });

  /** An indicator body in the shape of the Secretaría Particular MIR. */
  const indicator = (overrides: Partial<IndicatorInputRaw> = {}): IndicatorInputRaw => ({
    level: 'fin',
    name: 'Porcentaje de solicitudes escritas atendidas',
    definition: 'Mide el porcentaje de solicitudes escritas que requieren respuesta y fueron atendidas',
    calculationMethod: '(número de solicitudes atendidas / número de solicitudes recibidas que requieren respuesta) * 100',
    unitOfMeasure: 'Porcentaje',
    type: 'estrategico',
    dimension: 'eficacia',
    frequency: 'trimestral',
    direction: 'ascendente',
    baseline: { value: 0, year: 2024 },
    accumulation: 'flow',
    meansOfVerification: 'Registro de correspondencia de la Oficialía de Partes',
    formula: {
      numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { requiresResponse: true, unit: '402' } },
      denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { requiresResponse: true, unit: '402' } },
    },
    ...overrides,
  });
  const create = (programId: string, body: object, auth = planning) => http().post(`/programs/${programId}/indicators`).set(auth).send(body);

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogIndicatorV1]);
    unit402 = (await http().post('/units').set(admin).send({ code: '402', name: 'Secretaría Particular', kind: 'secretaria' }).expect(201)).body;
    unit304 = (await http().post('/units').set(admin).send({ code: '304', name: 'Secretaría de Gobierno', kind: 'secretaria' }).expect(201)).body;
    program08 = (await http().post('/programs').set(planning).send({ year: 2025, code: '08', name: 'Gobierno innovador y tecnológico', ownerUnitId: unit402.id }).expect(201)).body;
    program04 = (await http().post('/programs').set(planning).send({ year: 2023, code: '04', name: 'Gobierno participativo', ownerUnitId: unit304.id }).expect(201)).body;
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  describe('metric registry', () => {
    it('serves the contracts registry (METRIC_REGISTRY), filterable by service', async () => {
      const transparency = (await http().get('/metric-definitions?service=transparency').set(bearer(['clerk'])).expect(200)).body;
      // Every transparency metric of the contracts, sorted by name, and nothing else.
      const declared = METRIC_REGISTRY.filter((metric) => metric.service === 'transparency').map((metric) => metric.name);
      expect(declared).toEqual(expect.arrayContaining(['transparency.requests.received', 'transparency.appeals.received']));
      expect(transparency.items.map((m: { name: string }) => m.name)).toEqual([...declared].sort());
      expect(transparency.items.every((m: { service: string; builtIn: boolean }) => m.service === 'transparency' && m.builtIn)).toBe(true);
      const all = (await http().get('/metric-definitions?limit=5').set(planning).expect(200)).body;
      expect(all).toMatchObject({ total: METRIC_REGISTRY.length, limit: 5, offset: 0 });
      expect(all.items).toHaveLength(5);

      const answered = (await http().get('/metric-definitions/correspondence.documents.answered').set(planning).expect(200)).body;
      expect(answered.dimensions.map((d: { name: string; type: string }) => `${d.name}:${d.type}`)).toEqual(['unit:unit', 'requiresResponse:boolean']);
      const requests = (await http().get('/metric-definitions/transparency.requests.received').set(planning).expect(200)).body;
      expect(requests.dimensions.find((d: { name: string }) => d.name === 'requestType')).toMatchObject({ type: 'enum', values: ['informacion', 'arco'] });
      const oficios = (await http().get('/metric-definitions/transparency.oficios.turned').set(planning).expect(200)).body;
      expect(oficios.dimensions.map((d: { name: string; type: string }) => `${d.name}:${d.type}`)).toEqual(['unit:unit', 'month:integer', 'procedure:enum']);
      await http().get('/metric-definitions/agenda.nothing.done').set(planning).expect(404);
    });

    it('is read-only over the API (the contracts hold it, no table) and shows no author', async () => {
      const body = { name: 'agenda.visits.done', service: 'agenda', description: 'Visitas', dimensions: [] };
      await http().post('/metric-definitions').set(admin).send(body).expect(404);
      const tables = await database.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'catalog' AND table_name = 'metric_definition'`);
      expect(tables).toEqual([]);
      const twinnings = (await http().get('/metric-definitions/agenda.twinnings.signed').set(planning).expect(200)).body;
      expect(Object.keys(twinnings).sort()).toEqual(['builtIn', 'description', 'dimensions', 'name', 'service']);
      const activities = (await http().get('/metric-definitions/agenda.activities.held').set(planning).expect(200)).body;
      expect(activities.dimensions.find((d: { name: string }) => d.name === 'category')).toMatchObject({ type: 'enum', values: [...ACTIVITY_CATEGORIES] });
      const listed = (await http().get('/metric-definitions?q=hermanamientos').set(planning).expect(200)).body;
      expect(listed.items.map((m: { name: string }) => m.name)).toEqual(['agenda.twinnings.signed']);
      expect(listed.items[0]).not.toHaveProperty('createdBy');
    });

    it('lets formulas use the metrics of the seed reports (3 twinnings of a goal of 3)', async () => {
      const usesIt = await create(
        program08.id,
        indicator({
          level: 'proposito',
          accumulation: 'annual_goal_share',
          formula: { numerator: { kind: 'metric', metric: 'agenda.twinnings.signed', filters: { unit: '402' } }, denominator: { kind: 'constant', value: 3 } },
        }),
      );
      expect(usesIt.status).toBe(201);
      await http().delete(`/indicators/${usesIt.body.id}`).set(planning).expect(200);
    });
  });

  describe('creating indicators', () => {
    let fin: { id: string };
    let component1: { id: string };

    it('creates a Fin with a computable formula and publishes its full definition, without personal data', async () => {
      const response = await create(program08.id, indicator({ targets: { q1: 25, q2: 25, q3: 25, q4: 25 } }));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        programId: program08.id,
        programLabel: '08 - Gobierno innovador y tecnológico',
        year: 2025,
        level: 'fin',
        levelLabel: 'Fin',
        parentId: null,
        typeLabel: 'Estratégico',
        dimensionLabel: 'Eficacia',
        frequencyLabel: 'Trimestral',
        directionLabel: 'Ascendente',
        accumulationLabel: 'Flujo (acumulado = suma de numeradores entre suma de denominadores)',
        factor: 100,
        responsibleUnitId: unit402.id,
        responsibleUnitCode: '402',
        baseline: { value: 0, year: 2024 },
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        version: 1,
      });
      fin = response.body;

      const event = await tap.waitFor((m) => m.key === fin.id, 'indicator.created');
      expect(event.headers).toMatchObject({ ce_type: IndicatorCreated.type, tenant: 'oaxaca-de-juarez', ce_subject: fin.id });
      expect(JSON.parse(event.value ?? '{}')).toEqual({
        indicatorId: fin.id,
        programId: program08.id,
        year: 2025,
        level: 'fin',
        componentNumber: null,
        activityNumber: null,
        parentId: null,
        levelLabel: 'Fin',
        name: 'Porcentaje de solicitudes escritas atendidas',
        definition: 'Mide el porcentaje de solicitudes escritas que requieren respuesta y fueron atendidas',
        calculationMethod: '(número de solicitudes atendidas / número de solicitudes recibidas que requieren respuesta) * 100',
        unitOfMeasure: 'Porcentaje',
        type: 'estrategico',
        dimension: 'eficacia',
        frequency: 'trimestral',
        direction: 'ascendente',
        baseline: { value: 0, year: 2024 },
        accumulation: 'flow',
        factor: 100,
        meansOfVerification: 'Registro de correspondencia de la Oficialía de Partes',
        responsibleUnitId: unit402.id,
        responsibleUnitCode: '402',
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        formula: {
          numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { requiresResponse: true, unit: '402' } },
          denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { requiresResponse: true, unit: '402' } },
        },
        version: 1,
      });
      const trail = (await http().get(`/audit?entityType=indicator&entityId=${fin.id}`).set(planning).expect(200)).body;
      expect(trail.items).toEqual([expect.objectContaining({ action: 'created', actor: 'planeacion@oaxaca' })]);
    });

    it('takes an annual goal as denominator (13 cabinet meetings of 52 a year) and defaults to a manual capture', async () => {
      const meetings = await http()
        .post('/indicators')
        .set(planning)
        .send({
          ...indicator({
            level: 'componente',
            componentNumber: 1,
            name: 'Porcentaje de reuniones de gabinete realizadas',
            accumulation: 'annual_goal_share',
            formula: { numerator: { kind: 'metric', metric: 'agenda.cabinet_meetings.held', filters: {} }, denominator: { kind: 'constant', value: 52 } },
          }),
          programId: program08.id,
        });
      expect(meetings.status).toBe(201);
      expect(meetings.body).toMatchObject({ levelLabel: 'Componente 1', accumulationLabel: 'Parte de la meta anual (acumulado = suma de los trimestres)' });
      expect(meetings.body.formula.denominator).toEqual({ kind: 'constant', value: 52 });
      component1 = meetings.body;

      const { formula: _formula, ...withoutFormula } = indicator({ level: 'componente', componentNumber: 2, responsibleUnitId: unit304.id });
      const manual = await create(program08.id, withoutFormula);
      expect(manual.status).toBe(201);
      expect(manual.body).toMatchObject({ formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } }, responsibleUnitCode: '304' });
    });

    it('links an activity N.M to Componente N of the same program', async () => {
      const activity = await create(program08.id, indicator({ level: 'actividad', componentNumber: 1, activityNumber: 2, type: 'gestion' }));
      expect(activity.status).toBe(201);
      expect(activity.body).toMatchObject({ levelLabel: 'Actividad 1.2', parentId: component1.id, typeLabel: 'De gestión' });
    });

    it('refuses level problems naming the field, 409 for a taken position, and writes nothing', async () => {
      const before = await counts();
      const orphan = await create(program08.id, indicator({ level: 'actividad', componentNumber: 3, activityNumber: 1 }));
      expect(orphan.status).toBe(400);
      expect(orphan.body.message).toBe('componentNumber: la Actividad 3.1 requiere el Componente 3 en el mismo programa, y no existe');
      expect(orphan.body.errors).toEqual([{ field: 'componentNumber', message: 'la Actividad 3.1 requiere el Componente 3 en el mismo programa, y no existe' }]);

      // Componente 1 exists in program 08, not in program 04: parents never cross programs.
      const otherProgram = await create(program04.id, indicator({ level: 'actividad', componentNumber: 1, activityNumber: 1, baseline: null }));
      expect(otherProgram.status).toBe(400);
      expect(otherProgram.body.message).toMatch(/^componentNumber: la Actividad 1.1 requiere el Componente 1/);

      const secondFin = await create(program08.id, indicator());
      expect(secondFin.status).toBe(409);
      expect(secondFin.body.message).toBe('level: ya existe Fin en el programa');

      const noNumber = await create(program08.id, indicator({ level: 'actividad', componentNumber: 1 }));
      expect(noNumber.status).toBe(400);
      expect(noNumber.body.errors).toEqual([{ field: 'activityNumber', message: 'indique el número de la actividad (Actividad N.M: M)' }]);

      const lateBaseline = await create(program08.id, indicator({ level: 'proposito', baseline: { value: 1, year: 2026 } }));
      expect(lateBaseline.status).toBe(400);
      expect(lateBaseline.body.message).toBe('baseline.year: no puede ser posterior al año del programa (2025)');

      const noUnit = await create(program08.id, indicator({ level: 'proposito', responsibleUnitId: '00000000-0000-4000-8000-000000000000' }));
      expect(noUnit.status).toBe(400);
      expect(noUnit.body.message).toBe('responsibleUnitId: no existe la unidad 00000000-0000-4000-8000-000000000000');

      await create('00000000-0000-4000-8000-000000000000', indicator({ level: 'proposito' })).expect(404);
      expect(await counts()).toEqual(before);
    });

    it('refuses formulas the metric registry does not back, naming the field, and writes nothing', async () => {
      const before = await counts();
      const withFormula = (numerator: object, denominator: object = { kind: 'manual' }) =>
        create(program08.id, indicator({ level: 'proposito', formula: { numerator, denominator } as IndicatorInput['formula'] }));

      const colour = await withFormula({ kind: 'metric', metric: 'correspondence.documents.answered', filters: { colour: 'rojo' } });
      expect(colour.status).toBe(400);
      expect(colour.body.message).toMatch(/^formula\.numerator\.filters\.colour: la métrica correspondence\.documents\.answered no admite el filtro "colour"/);
      expect(colour.body.errors).toEqual([
        { field: 'formula.numerator.filters.colour', message: 'la métrica correspondence.documents.answered no admite el filtro "colour"; admite: unit, requiresResponse' },
      ]);

      const unknown = await withFormula({ kind: 'manual' }, { kind: 'metric', metric: 'correspondence.documents.lost', filters: {} });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toMatch(/^formula\.denominator\.metric: no existe la métrica "correspondence\.documents\.lost"/);

      const wrongType = await withFormula({ kind: 'metric', metric: 'transparency.requests.received', filters: { requestType: 'queja', unit: '999' } });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.errors).toEqual([
        { field: 'formula.numerator.filters.requestType', message: 'debe ser uno de: informacion, arco' },
        { field: 'formula.numerator.filters.unit', message: 'no existe la unidad con clave 999 en el municipio' },
      ]);

      const zeroGoal = await withFormula({ kind: 'metric', metric: 'agenda.cabinet_meetings.held', filters: {} }, { kind: 'constant', value: 0 });
      expect(zeroGoal.body.message).toBe('formula.denominator.value: la meta del denominador debe ser mayor que 0');

      const badKind = await withFormula({ kind: 'formula' });
      expect(badKind.status).toBe(400);
      expect(badKind.body.errors[0].field).toBe('formula.numerator.kind');
      expect(await counts()).toEqual(before);
    });

    it('lets only admin and planning write, and scopes programs to the municipality', async () => {
      await create(program08.id, indicator({ level: 'proposito' }), bearer(['clerk'], { units: ['402'] })).expect(403);
      await create(program08.id, indicator({ level: 'proposito' }), bearer(['planning'], { tenant: 'santa-lucia-del-camino' })).expect(404);
      await http().get(`/indicators/${fin.id}`).set(bearer(['auditor'], { tenant: 'santa-lucia-del-camino' })).expect(404);
      await http().get(`/indicators/${fin.id}`).set(bearer(['auditor'])).expect(200);
    });
  });

  describe('changing indicators', () => {
    let component: { id: string };
    let activity: { id: string };

    beforeAll(async () => {
      component = (await create(program04.id, indicator({ level: 'componente', componentNumber: 1, baseline: null, responsibleUnitId: unit304.id })).expect(201)).body;
      activity = (await create(program04.id, indicator({ level: 'actividad', componentNumber: 1, activityNumber: 4, baseline: null })).expect(201)).body;
    });

    it('sets quarterly targets, publishing the new definition with the previous targets and auditing the reason', async () => {
      const response = await http().put(`/indicators/${activity.id}/targets`).set(planning).send({ q1: 25, q2: 25, q3: 25, q4: 25, reason: 'Metas de la MIR 2023' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ targets: { q1: 25, q2: 25, q3: 25, q4: 25 }, version: 2 });
      const event = await tap.waitFor((m) => m.key === activity.id && m.headers['ce_type'] === IndicatorTargetsChanged.type, 'targets-changed');
      expect(JSON.parse(event.value ?? '{}')).toMatchObject({
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        previousTargets: { q1: null, q2: null, q3: null, q4: null },
        version: 2,
      });
      const trail = (await http().get(`/audit?entityType=indicator&entityId=${activity.id}`).set(planning).expect(200)).body;
      expect(trail.items[0]).toMatchObject({ action: 'targets-changed', reason: 'Metas de la MIR 2023', changes: { targets: { from: { q1: null }, to: { q1: 25 } } } });

      // The same targets again change nothing: no new version, no event.
      const outboxBefore = await count('outbox');
      expect((await http().put(`/indicators/${activity.id}/targets`).set(planning).send({ q1: 25, q2: 25, q3: 25, q4: 25 }).expect(200)).body.version).toBe(2);
      expect(await count('outbox')).toBe(outboxBefore);

      const invalid = await http().put(`/indicators/${activity.id}/targets`).set(planning).send({ q1: -5, q2: 25, q3: 25 });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['q1', 'q4']);
    });

    it('updates the definition and publishes it; a component with activities cannot move or be deleted', async () => {
      const renamed = await http().patch(`/indicators/${activity.id}`).set(planning).send({ meansOfVerification: 'Informe trimestral de la Dirección de Agencias, Barrios y Colonias' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.version).toBe(3);
      const event = await tap.waitFor((m) => m.key === activity.id && m.headers['ce_type'] === IndicatorUpdated.type, 'indicator.updated');
      expect(JSON.parse(event.value ?? '{}')).toMatchObject({ meansOfVerification: 'Informe trimestral de la Dirección de Agencias, Barrios y Colonias', version: 3 });

      const before = await counts();
      const move = await http().patch(`/indicators/${component.id}`).set(planning).send({ componentNumber: 5 });
      expect(move.status).toBe(409);
      expect(move.body.message).toBe('level: el Componente 1 tiene actividades (Actividad 1.4); muévalas o elimínelas primero');
      const remove = await http().delete(`/indicators/${component.id}`).set(planning);
      expect(remove.status).toBe(409);
      expect(remove.body.message).toBe('id: el Componente 1 tiene actividades (Actividad 1.4); elimínelas primero');
      const toFin = await http().patch(`/indicators/${activity.id}`).set(planning).send({ level: 'fin' });
      expect(toFin.status).toBe(200);
      expect(toFin.body).toMatchObject({ levelLabel: 'Fin', componentNumber: null, activityNumber: null, parentId: null });
      const back = await http().patch(`/indicators/${activity.id}`).set(planning).send({ level: 'actividad', componentNumber: 1, activityNumber: 4 });
      expect(back.body).toMatchObject({ levelLabel: 'Actividad 1.4', parentId: component.id });
      const badFormula = await http()
        .patch(`/indicators/${activity.id}`)
        .set(planning)
        .send({ formula: { numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { colour: 'x' } }, denominator: { kind: 'manual' } } });
      expect(badFormula.status).toBe(400);
      expect(badFormula.body.message).toMatch(/^formula\.numerator\.filters\.colour: /);
      const noChange = await http().patch(`/indicators/${activity.id}`).set(planning).send({});
      expect(noChange.status).toBe(400);
      expect((await counts()).indicator).toBe(before.indicator);
    });

    it('deletes an activity, publishing its last definition, and then its component', async () => {
      const removed = await http().delete(`/indicators/${activity.id}`).set(planning).expect(200);
      const event = await tap.waitFor((m) => m.key === activity.id && m.headers['ce_type'] === IndicatorDeleted.type, 'indicator.deleted');
      expect(JSON.parse(event.value ?? '{}')).toMatchObject({ indicatorId: activity.id, levelLabel: 'Actividad 1.4', version: removed.body.version });
      await http().get(`/indicators/${activity.id}`).set(planning).expect(404);
      await http().delete(`/indicators/${component.id}`).set(planning).expect(200);
    });
  });

  describe('createMany (the MIR importer’s entry point)', () => {
    let service: IndicatorCreationService;
    let dataSource: DataSource;
    let program: { id: string };
    const user = { sub: 'importador@oaxaca', tenant: 'oaxaca-de-juarez', roles: ['planning' as const], units: [] };
    // Levels of the Secretaría de Gobierno MIR (Pp 04, 2do trimestre 2023), activities before their components.
    const seedLevels: [string, number | null, number | null][] = [
      ['actividad', 1, 4],
      ['actividad', 2, 5],
      ['fin', null, null],
      ['componente', 2, null],
      ['actividad', 1, 7],
      ['proposito', null, null],
      ['componente', 1, null],
      ['actividad', 2, 4],
      ['componente', 3, null],
    ];
    const rows = (levels = seedLevels) =>
      levels.map(([level, componentNumber, activityNumber]) =>
        indicatorInputSchema.parse(
          indicator({
            level: level as IndicatorInput['level'],
            componentNumber,
            activityNumber,
            baseline: { value: 0, year: 2022 },
            accumulation: 'annual_goal_share',
            targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
            formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } },
          }),
        ),
      );

    beforeAll(async () => {
      service = catalog.app.get(IndicatorCreationService);
      dataSource = catalog.app.get(DataSource);
      program = (await http().post('/programs').set(planning).send({ year: 2023, code: '05', name: 'Gobierno participativo (importado)', ownerUnitId: unit304.id }).expect(201)).body;
    });

    it('inserts a whole MIR in the caller’s transaction, resolving activities to components of the same set, returned in input order', async () => {
      const created = await dataSource.transaction((manager) => service.createMany(manager, user, program.id, rows(), { action: 'imported', reason: 'mir-2023.xlsx' }));
      expect(created.map((i) => [i.level, i.componentNumber, i.activityNumber])).toEqual(seedLevels);
      const byKey = new Map(created.map((i) => [`${i.level}${i.componentNumber ?? ''}.${i.activityNumber ?? ''}`, i]));
      expect(created[0].parentId).toBe(byKey.get('componente1.')?.id);
      expect(created[1].parentId).toBe(byKey.get('componente2.')?.id);
      expect(created[7].parentId).toBe(byKey.get('componente2.')?.id);

      const list = (await http().get(`/indicators?programId=${program.id}`).set(planning).expect(200)).body;
      expect(list.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual([
        'Fin',
        'Propósito',
        'Componente 1',
        'Actividad 1.4',
        'Actividad 1.7',
        'Componente 2',
        'Actividad 2.4',
        'Actividad 2.5',
        'Componente 3',
      ]);
      const trail = (await http().get(`/audit?entityType=indicator&entityId=${created[2].id}`).set(planning).expect(200)).body;
      expect(trail.items[0]).toMatchObject({ action: 'imported', actor: 'importador@oaxaca', reason: 'mir-2023.xlsx' });
      for (const indicator of created) await tap.waitFor((m) => m.key === indicator.id && m.headers['ce_type'] === IndicatorCreated.type, `created ${indicator.id}`);
    });

    it('refuses an invalid set with row-indexed errors and saves none of it', async () => {
      const before = await counts();
      const batch: unknown[] = [
        ...rows([
          ['componente', 4, null],
          ['actividad', 4, 1],
          ['actividad', 6, 1],
          ['componente', 1, null],
          ['componente', 4, null],
        ]),
        { ...rows([['proposito', null, null]])[0], formula: { numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { colour: 'x' } }, denominator: { kind: 'manual' } } },
        { ...rows([['componente', 7, null]])[0], type: 'otro' },
      ];
      const error = await dataSource
        .transaction((manager) => service.createMany(manager, user, program.id, batch as IndicatorInput[]))
        .then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      const response = (error as BadRequestException).getResponse() as { errors: { row: number; field: string; message: string }[] };
      expect(response.errors).toEqual([
        { row: 2, field: 'componentNumber', message: 'la Actividad 6.1 requiere el Componente 6 en el mismo programa, y no existe' },
        { row: 3, field: 'componentNumber', message: 'ya existe Componente 1 en el programa' },
        { row: 4, field: 'componentNumber', message: 'Componente 4 aparece más de una vez' },
        { row: 5, field: 'level', message: 'ya existe Propósito en el programa' },
        { row: 5, field: 'formula.numerator.filters.colour', message: 'la métrica correspondence.documents.answered no admite el filtro "colour"; admite: unit, requiresResponse' },
        { row: 6, field: 'type', message: expect.any(String) },
      ]);
      expect(await counts()).toEqual(before);
    });
  });

  describe('defaults and cross-field rules of the API', () => {
    let program: { id: string };

    beforeAll(async () => {
      program = (await http().post('/programs').set(planning).send({ year: 2026, code: '09', name: 'Gobierno cercano', ownerUnitId: unit402.id }).expect(201)).body;
    });

    it('defaults the factor to 100 for a percentage and to 1 for any other unit, as the MIR importer does', async () => {
      const percent = await create(program.id, indicator({ level: 'fin', unitOfMeasure: '%' }));
      expect(percent.status).toBe(201);
      expect(percent.body.factor).toBe(100);
      const count = await http()
        .post('/indicators')
        .set(planning)
        .send({ ...indicator({ level: 'proposito', unitOfMeasure: 'Reunión', accumulation: 'stock' }), programId: program.id });
      expect(count.status).toBe(201);
      expect(count.body.factor).toBe(1);
      const given = await create(program.id, indicator({ level: 'componente', componentNumber: 1, unitOfMeasure: 'Solicitud', factor: 1000 }));
      expect(given.body.factor).toBe(1000);
      const stored = await database.query(`SELECT factor FROM catalog.indicator WHERE id = ANY($1::uuid[]) ORDER BY factor`, [[percent.body.id, count.body.id, given.body.id]]);
      expect(stored).toEqual([{ factor: 1 }, { factor: 100 }, { factor: 1000 }]);
    });

    it('refuses a share of the annual goal without a constant goal, and an annual indicator with several quarterly targets, writing nothing', async () => {
      const before = await counts();
      const noGoal = await create(program.id, indicator({ level: 'componente', componentNumber: 2, accumulation: 'annual_goal_share' }));
      expect(noGoal.status).toBe(400);
      expect(noGoal.body.errors).toEqual([
        {
          field: 'formula.denominator',
          message: 'con acumulación "parte de la meta anual" el denominador es la meta anual: debe ser una constante ({"kind":"constant","value":52}), no una métrica',
        },
      ]);
      const { formula: _formula, ...manual } = indicator({ level: 'componente', componentNumber: 2, accumulation: 'annual_goal_share' });
      const manualGoal = await http().post('/indicators').set(planning).send({ ...manual, programId: program.id });
      expect(manualGoal.status).toBe(400);
      expect(manualGoal.body.message).toMatch(/^formula\.denominator: .*no una captura manual$/);

      const annual = await create(program.id, indicator({ level: 'componente', componentNumber: 2, frequency: 'anual', targets: { q1: 25, q2: 25, q3: 25, q4: 25 } }));
      expect(annual.status).toBe(400);
      expect(annual.body.message).toBe('targets: un indicador de frecuencia anual lleva meta en un solo trimestre (el de su medición); tiene 4: q1, q2, q3, q4');
      expect(await counts()).toEqual(before);

      const once = await create(program.id, indicator({ level: 'componente', componentNumber: 2, frequency: 'anual', targets: { q1: null, q2: null, q3: null, q4: 100 } }));
      expect(once.status).toBe(201);
    });

    it('applies the rules to what a PATCH or a PUT of targets changes', async () => {
      const quarterly = (await create(program.id, indicator({ level: 'componente', componentNumber: 3, targets: { q1: 25, q2: 25, q3: 25, q4: 25 } })).expect(201)).body;
      const toAnnual = await http().patch(`/indicators/${quarterly.id}`).set(planning).send({ frequency: 'anual' });
      expect(toAnnual.status).toBe(400);
      expect(toAnnual.body.errors).toEqual([{ field: 'targets', message: expect.stringMatching(/^un indicador de frecuencia anual .*tiene 4: q1, q2, q3, q4$/) }]);
      const toShare = await http().patch(`/indicators/${quarterly.id}`).set(planning).send({ accumulation: 'annual_goal_share' });
      expect(toShare.status).toBe(400);
      expect(toShare.body.errors.map((e: { field: string }) => e.field)).toEqual(['formula.denominator']);
      const withGoal = await http()
        .patch(`/indicators/${quarterly.id}`)
        .set(planning)
        .send({ accumulation: 'annual_goal_share', formula: { numerator: { kind: 'manual' }, denominator: { kind: 'constant', value: 12 } } });
      expect(withGoal.status).toBe(200);
      const manualAgain = await http().patch(`/indicators/${quarterly.id}`).set(planning).send({ formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } } });
      expect(manualAgain.status).toBe(400);
      expect(manualAgain.body.errors.map((e: { field: string }) => e.field)).toEqual(['formula.denominator']);

      const annual = (await http().get(`/indicators?programId=${program.id}&level=componente`).set(planning).expect(200)).body.items.find(
        (i: { frequency: string }) => i.frequency === 'anual',
      );
      const twoTargets = await http().put(`/indicators/${annual.id}/targets`).set(planning).send({ q1: null, q2: 50, q3: null, q4: 100 });
      expect(twoTargets.status).toBe(400);
      expect(twoTargets.body.message).toBe('targets: un indicador de frecuencia anual lleva meta en un solo trimestre (el de su medición); tiene 2: q2, q4');
      await http().put(`/indicators/${annual.id}/targets`).set(planning).send({ q1: null, q2: null, q3: null, q4: 90 }).expect(200);
    });

    it('keeps accepting other changes of an imported indicator that breaks the rules (the importer does not apply them)', async () => {
      const service = catalog.app.get(IndicatorCreationService);
      const user = { sub: 'importador@oaxaca', tenant: 'oaxaca-de-juarez', roles: ['planning' as const], units: [] };
      // The seed MIR's Fin: Anual, 25% each quarter, a share of the annual goal captured by hand.
      const fin = indicatorInputSchema.parse(
        indicator({ level: 'fin', frequency: 'anual', accumulation: 'annual_goal_share', targets: { q1: 25, q2: 25, q3: 25, q4: 25 }, formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } } }),
      );
      const other = (await http().post('/programs').set(planning).send({ year: 2026, code: '10', name: 'Gobierno participativo', ownerUnitId: unit304.id }).expect(201)).body;
      const [imported] = await catalog.app.get(DataSource).transaction((manager) => service.createMany(manager, user, other.id, [fin], { action: 'imported' }));
      const renamed = await http().patch(`/indicators/${imported.id}`).set(planning).send({ name: 'Porcentaje de instrumentos de participación ciudadana implementados' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'Porcentaje de instrumentos de participación ciudadana implementados', version: 2 });
    });
  });

  describe('listing', () => {
    it('filters by year, program, unit, level and text, sorts and paginates', async () => {
      const byYear = (await http().get('/indicators?year=2025').set(planning).expect(200)).body;
      expect(byYear.items.every((i: { year: number }) => i.year === 2025)).toBe(true);
      expect(byYear.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual(['Fin', 'Componente 1', 'Actividad 1.2', 'Componente 2']);

      const components = (await http().get('/indicators?level=componente&year=2023').set(planning).expect(200)).body;
      expect(components.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual(['Componente 1', 'Componente 2', 'Componente 3']);

      const byUnit = (await http().get(`/indicators?unitId=${unit304.id}&year=2025`).set(planning).expect(200)).body;
      expect(byUnit.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual(['Componente 2']);

      const byText = (await http().get('/indicators?q=gabinete').set(planning).expect(200)).body;
      expect(byText.items.map((i: { name: string }) => i.name)).toEqual(['Porcentaje de reuniones de gabinete realizadas']);

      const reverse = (await http().get(`/indicators?programId=${program08.id}&order=desc&limit=2`).set(planning).expect(200)).body;
      expect(reverse).toMatchObject({ total: 4, limit: 2, offset: 0 });
      expect(reverse.items.map((i: { levelLabel: string }) => i.levelLabel)).toEqual(['Componente 2', 'Actividad 1.2']);
      const byName = (await http().get(`/indicators?programId=${program08.id}&sort=name`).set(planning).expect(200)).body;
      const names = byName.items.map((i: { name: string }) => i.name);
      expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
      await http().get('/indicators?level=meta').set(planning).expect(400);
    });
  });
});
