import { PlanCreated, PlanUpdated, ProgramCreated, ProgramUpdated, Topic } from '@tequio/contracts';
import { bearer, createTestDatabase, EventTap, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { Client } from 'pg';
import { catalogService } from '../src/catalog.definition';

describe('catalog development plan and budget programs (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let catalog: RunningService;
  let tap: EventTap;
  const planning = bearer(['planning'], { sub: 'planeacion@oaxaca' });
  let unit402: { id: string };
  let unit304: { id: string };
  let plan: { id: string };
  let axis2: { id: string };
  let objective26: { id: string };
  let objective21: { id: string };

  const http = () => catalog.http();
  const count = async (table: string) => (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.${table}`))[0].n;
  // Approvals other test files publish on the shared reporting topic reach this catalog too (quarter_lock entries).
  const OWN_AUDIT = `audit_entry WHERE entity_type <> 'quarter_lock'`;
  const counts = async () => ({ outbox: await count('outbox'), audit: await count(OWN_AUDIT), program: await count('program'), links: await count('program_objective') });

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
    tap = await EventTap.open([Topic.CatalogPlanV1, Topic.CatalogProgramV1]);
    unit402 = (await http().post('/units').set(planning).send({ code: '402', name: 'Secretaría Particular', kind: 'secretaria' }).expect(201)).body;
    unit304 = (await http().post('/units').set(planning).send({ code: '304', name: 'Secretaría de Gobierno', kind: 'secretaria' }).expect(201)).body;
  });

  afterAll(async () => {
    await tap?.close();
    await catalog?.close();
    await database?.drop();
  });

  describe('development plan', () => {
    it('builds a plan with axes and objectives and publishes the whole plan, version by version', async () => {
      const created = await http().post('/plans').set(planning).send({ name: 'PMD 2025-2027', startYear: 2025, endYear: 2027 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'PMD 2025-2027', startYear: 2025, endYear: 2027, version: 1, axes: [] });
      plan = created.body;

      const axis = await http().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 2, name: 'Gobernabilidad democrática' });
      expect(axis.status).toBe(201);
      expect(axis.body).toMatchObject({ number: 2, label: 'Eje 2 - Gobernabilidad democrática', planId: plan.id });
      axis2 = axis.body;
      objective26 = (await http().post(`/plan-axes/${axis2.id}/objectives`).set(planning).send({ code: '2.6', name: 'Gobierno innovador y tecnológico' }).expect(201)).body;
      objective21 = (await http().post(`/plan-axes/${axis2.id}/objectives`).set(planning).send({ code: '2.1', name: 'Participación ciudadana' }).expect(201)).body;
      expect(objective26).toMatchObject({ code: '2.6', label: 'Objetivo 2.6 - Gobierno innovador y tecnológico', axisId: axis2.id });

      const tree = (await http().get(`/plans/${plan.id}`).set(bearer(['clerk'])).expect(200)).body;
      expect(tree.version).toBe(4);
      expect(tree.axes.map((a: { label: string; objectives: { code: string }[] }) => [a.label, a.objectives.map((o) => o.code)])).toEqual([
        ['Eje 2 - Gobernabilidad democrática', ['2.1', '2.6']],
      ]);

      const first = await tap.waitFor((m) => m.key === plan.id && m.headers['ce_type'] === PlanCreated.type, 'plan.created');
      expect(JSON.parse(first.value ?? '{}')).toMatchObject({ planId: plan.id, version: 1, axes: [] });
      const latest = await tap.waitFor((m) => m.key === plan.id && m.headers['ce_type'] === PlanUpdated.type && JSON.parse(m.value ?? '{}').version === 4, 'plan v4');
      expect(JSON.parse(latest.value ?? '{}')).toEqual({
        planId: plan.id,
        name: 'PMD 2025-2027',
        startYear: 2025,
        endYear: 2027,
        axes: [
          {
            axisId: axis2.id,
            number: 2,
            name: 'Gobernabilidad democrática',
            objectives: [
              { objectiveId: objective21.id, code: '2.1', name: 'Participación ciudadana' },
              { objectiveId: objective26.id, code: '2.6', name: 'Gobierno innovador y tecnológico' },
            ],
          },
        ],
        version: 4,
      });
    });

    it('refuses, naming the field, an objective code of another axis, a repeated axis or code, overlapping periods and reversed years', async () => {
      const before = await counts();
      const wrongAxis = await http().post(`/plan-axes/${axis2.id}/objectives`).set(planning).send({ code: '3.1', name: 'Otro' });
      expect(wrongAxis.status).toBe(400);
      expect(wrongAxis.body.message).toBe('code: los objetivos del Eje 2 llevan clave 2.N (p. ej. 2.1), no 3.1');

      const repeatedCode = await http().post(`/plan-axes/${axis2.id}/objectives`).set(planning).send({ code: '2.6', name: 'Otro' });
      expect(repeatedCode.status).toBe(409);
      expect(repeatedCode.body.message).toBe('code: ya existe el Objetivo 2.6 en PMD 2025-2027');

      const repeatedAxis = await http().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 2, name: 'Otro' });
      expect(repeatedAxis.status).toBe(409);
      expect(repeatedAxis.body.message).toMatch(/^number: ya existe el Eje 2/);

      const overlap = await http().post('/plans').set(planning).send({ name: 'PMD 2027-2029', startYear: 2027, endYear: 2029 });
      expect(overlap.status).toBe(409);
      expect(overlap.body.message).toBe('startYear: el periodo 2027-2029 se traslapa con PMD 2025-2027 (2025-2027)');

      const reversed = await http().post('/plans').set(planning).send({ name: 'PMD', startYear: 2030, endYear: 2028 });
      expect(reversed.status).toBe(400);
      expect(reversed.body.errors).toEqual([{ field: 'endYear', message: 'no puede ser anterior a startYear' }]);
      expect(await counts()).toEqual(before);
    });

    it('filters objectives by plan year and text, sorting codes as numbers', async () => {
      await http().post(`/plan-axes/${axis2.id}/objectives`).set(planning).send({ code: '2.10', name: 'Transparencia proactiva' }).expect(201);
      const page = (await http().get(`/plan-objectives?year=2026&axisId=${axis2.id}`).set(planning).expect(200)).body;
      expect(page.items.map((o: { code: string }) => o.code)).toEqual(['2.1', '2.6', '2.10']);
      expect((await http().get('/plan-objectives?year=2024').set(planning).expect(200)).body.total).toBe(0);
      const text = (await http().get('/plan-objectives?q=transparencia').set(planning).expect(200)).body;
      expect(text.items.map((o: { code: string }) => o.code)).toEqual(['2.10']);
      const plans = (await http().get('/plans?year=2027').set(planning).expect(200)).body;
      expect(plans.items.map((p: { name: string }) => p.name)).toEqual(['PMD 2025-2027']);
    });
  });

  describe('budget programs', () => {
    let program08: { id: string };

    it('creates a program with its owner unit and aligned objectives, labelled as reports print it, and publishes it', async () => {
      const response = await http()
        .post('/programs')
        .set(planning)
        .send({ year: 2025, code: '08', name: 'Gobierno innovador y tecnológico', ownerUnitId: unit402.id, objectiveIds: [objective26.id, objective21.id] });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        year: 2025,
        code: '08',
        label: '08 - Gobierno innovador y tecnológico',
        ownerUnit: { id: unit402.id, code: '402', label: '402 - Secretaría Particular' },
        objectiveIds: [objective21.id, objective26.id],
        version: 1,
      });
      expect(response.body.objectives.map((o: { label: string }) => o.label)).toEqual([
        'Objetivo 2.1 - Participación ciudadana',
        'Objetivo 2.6 - Gobierno innovador y tecnológico',
      ]);
      program08 = response.body;

      const event = await tap.waitFor((m) => m.key === program08.id && m.headers['ce_type'] === ProgramCreated.type, 'program.created');
      expect(event.headers).toMatchObject({ ce_source: '/tequio/catalog', tenant: 'oaxaca-de-juarez' });
      expect(JSON.parse(event.value ?? '{}')).toEqual({
        programId: program08.id,
        year: 2025,
        code: '08',
        name: 'Gobierno innovador y tecnológico',
        label: '08 - Gobierno innovador y tecnológico',
        ownerUnitId: unit402.id,
        ownerUnitCode: '402',
        objectiveIds: [objective21.id, objective26.id],
        version: 1,
      });
    });

    it('refuses a repeated (year, code) with 409 and writes nothing; the same code another year is a new program', async () => {
      const before = await counts();
      const response = await http().post('/programs').set(planning).send({ year: 2025, code: '08', name: 'Otro', ownerUnitId: unit304.id });
      expect(response.status).toBe(409);
      expect(response.body.message).toBe('code: ya existe el programa 08 en 2025');
      expect(await counts()).toEqual(before);
      await http().post('/programs').set(planning).send({ year: 2026, code: '08', name: 'Gobierno innovador y tecnológico', ownerUnitId: unit402.id }).expect(201);
    });

    it('refuses an unknown owner unit and objectives of a plan that does not cover the year, naming the field, nothing half-saved', async () => {
      const before = await counts();
      const noUnit = await http().post('/programs').set(planning).send({ year: 2025, code: '09', name: 'X', ownerUnitId: '00000000-0000-4000-8000-000000000000' });
      expect(noUnit.status).toBe(400);
      expect(noUnit.body.message).toBe('ownerUnitId: no existe la unidad 00000000-0000-4000-8000-000000000000');

      const outOfPlan = await http()
        .post('/programs')
        .set(planning)
        .send({ year: 2024, code: '04', name: 'Gobierno participativo', ownerUnitId: unit304.id, objectiveIds: [objective21.id] });
      expect(outOfPlan.status).toBe(400);
      expect(outOfPlan.body.message).toBe('objectiveIds.0: el Objetivo 2.1 pertenece a PMD 2025-2027 (2025-2027), que no cubre 2024');

      const invalid = await http().post('/programs').set(planning).send({ year: 1990, code: '', name: 'X', ownerUnitId: 'x', extra: 1 });
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['(cuerpo)', 'code', 'ownerUnitId', 'year']);
      expect(await counts()).toEqual(before);
    });

    it('updates name, owner and alignment in one versioned event, with an audit entry', async () => {
      const response = await http()
        .patch(`/programs/${program08.id}`)
        .set(planning)
        .send({ name: 'Gobierno innovador, abierto y tecnológico', ownerUnitId: unit304.id, objectiveIds: [objective26.id] });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ label: '08 - Gobierno innovador, abierto y tecnológico', ownerUnit: { code: '304' }, objectiveIds: [objective26.id], version: 2 });
      const event = await tap.waitFor((m) => m.key === program08.id && m.headers['ce_type'] === ProgramUpdated.type, 'program.updated');
      expect(JSON.parse(event.value ?? '{}')).toMatchObject({ ownerUnitCode: '304', objectiveIds: [objective26.id], version: 2 });
      const trail = (await http().get(`/audit?entityType=program&entityId=${program08.id}`).set(planning).expect(200)).body;
      expect(trail.items[0]).toMatchObject({
        action: 'updated',
        actor: 'planeacion@oaxaca',
        changes: {
          name: { from: 'Gobierno innovador y tecnológico', to: 'Gobierno innovador, abierto y tecnológico' },
          ownerUnitId: { from: unit402.id, to: unit304.id },
          objectiveIds: { from: [objective21.id, objective26.id], to: [objective26.id] },
        },
      });
    });

    it('keeps aligned objectives and owner units from being deleted', async () => {
      const objective = await http().delete(`/plan-objectives/${objective26.id}`).set(planning);
      expect(objective.status).toBe(409);
      expect(objective.body.message).toBe('id: no se puede eliminar el Objetivo 2.6: hay programas alineados: Objetivo 2.6 ↔ programa 08 (2025); quite la alineación primero');
      const wholePlan = await http().delete(`/plans/${plan.id}`).set(planning);
      expect(wholePlan.status).toBe(409);
      expect(wholePlan.body.message).toMatch(/^id: no se puede eliminar el plan: hay programas alineados/);
      const shrink = await http().patch(`/plans/${plan.id}`).set(planning).send({ startYear: 2026, endYear: 2027 });
      expect(shrink.status).toBe(409);
      expect(shrink.body.message).toBe('startYear: hay programas alineados a este plan fuera de 2026-2027: 08 (2025)');

      // The owner unit is referenced by a real foreign key: the catalog refuses to delete it.
      const unitDelete = await http().delete(`/units/${unit304.id}`).set(bearer(['admin']));
      expect(unitDelete.status).toBe(409);
      await expect(database.query(`DELETE FROM catalog.unit WHERE id = $1`, [unit304.id])).rejects.toThrow(/violates foreign key constraint/);

      // Without the alignment the objective goes, and the plan is re-published without it.
      await http().patch(`/programs/${program08.id}`).set(planning).send({ objectiveIds: [] }).expect(200);
      await http().delete(`/plan-objectives/${objective26.id}`).set(planning).expect(200);
      const tree = (await http().get(`/plans/${plan.id}`).set(planning).expect(200)).body;
      expect(tree.axes[0].objectives.map((o: { code: string }) => o.code)).toEqual(['2.1', '2.10']);
    });

    it('lists programs filtered by year, unit and text, sorted and paginated', async () => {
      await http().post('/programs').set(planning).send({ year: 2025, code: '26', name: 'Transparencia y rendición de cuentas', ownerUnitId: unit402.id }).expect(201);
      await http().post('/programs').set(planning).send({ year: 2025, code: '04', name: 'Gobierno participativo', ownerUnitId: unit304.id }).expect(201);

      const byYear = (await http().get('/programs?year=2025&sort=code&order=desc&limit=2').set(bearer(['auditor'])).expect(200)).body;
      expect(byYear).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(byYear.items.map((p: { code: string }) => p.code)).toEqual(['26', '08']);
      const next = (await http().get('/programs?year=2025&sort=code&order=desc&limit=2&offset=2').set(planning).expect(200)).body;
      expect(next.items.map((p: { code: string }) => p.code)).toEqual(['04']);

      const byUnit = (await http().get(`/programs?unitId=${unit402.id}`).set(planning).expect(200)).body;
      expect(byUnit.items.map((p: { code: string; year: number }) => `${p.code}/${p.year}`)).toEqual(['08/2026', '26/2025']);
      const byText = (await http().get('/programs?q=transparencia').set(planning).expect(200)).body;
      expect(byText.items.map((p: { label: string }) => p.label)).toEqual(['26 - Transparencia y rendición de cuentas']);
      await http().get('/programs?sort=owner').set(planning).expect(400);
    });

    it('lets only admin and planning write, and keeps each municipality to its own programs', async () => {
      await http().post('/programs').set(bearer(['clerk'], { units: ['402'] })).send({ year: 2025, code: '99', name: 'X', ownerUnitId: unit402.id }).expect(403);
      await http().post('/plans').set(bearer(['unit_head'])).send({ name: 'PMD', startYear: 2030, endYear: 2032 }).expect(403);
      const other = bearer(['planning'], { tenant: 'santa-lucia-del-camino' });
      expect((await http().get('/programs').set(other).expect(200)).body.total).toBe(0);
      await http().get(`/programs/${program08.id}`).set(other).expect(404);
      // A unit of another municipality cannot own a program here.
      const foreign = await http().post('/programs').set(other).send({ year: 2025, code: '08', name: 'X', ownerUnitId: unit402.id });
      expect(foreign.status).toBe(400);
      expect(foreign.body.message).toMatch(/^ownerUnitId: /);
    });

    it('deletes a program without indicators, publishing its last snapshot', async () => {
      const created = (await http().post('/programs').set(planning).send({ year: 2027, code: '50', name: 'Temporal', ownerUnitId: unit402.id }).expect(201)).body;
      const removed = await http().delete(`/programs/${created.id}`).set(planning).expect(200);
      expect(removed.body.version).toBe(2);
      await http().get(`/programs/${created.id}`).set(planning).expect(404);
      const event = await tap.waitFor((m) => m.key === created.id && m.headers['ce_type'] === 'tequio.catalog.program.deleted', 'program.deleted');
      expect(JSON.parse(event.value ?? '{}')).toMatchObject({ code: '50', version: 2 });
    });
  });

  describe('plan and program changes running at the same time', () => {
    let planB: { id: string; name: string };
    let objectiveB: { id: string };

    beforeAll(async () => {
      planB = (await http().post('/plans').set(planning).send({ name: 'PMD 2031-2033', startYear: 2031, endYear: 2033 }).expect(201)).body;
      const axis = (await http().post(`/plans/${planB.id}/axes`).set(planning).send({ number: 1, name: 'Bienestar' }).expect(201)).body;
      objectiveB = (await http().post(`/plan-axes/${axis.id}/objectives`).set(planning).send({ code: '1.1', name: 'Salud' }).expect(201)).body;
    });

    const lockWaits = async () =>
      (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;

    it('makes an alignment wait for a running change of the plan, and judges it by the plan as that change leaves it', async () => {
      const program = (await http().post('/programs').set(planning).send({ year: 2033, code: '70', name: 'Salud municipal', ownerUnitId: unit402.id }).expect(201)).body;
      // What PATCH /plans/:id does: lock the plan's row, check no aligned program falls outside, save the new years.
      const narrowing = new Client({ connectionString: database.url });
      await narrowing.connect();
      try {
        await narrowing.query('BEGIN');
        await narrowing.query('SELECT id FROM catalog.plan_period WHERE id = $1 FOR UPDATE', [planB.id]);
        await narrowing.query(`SELECT po.program_id FROM catalog.program_objective po WHERE po.objective_id = $1`, [objectiveB.id]);
        await narrowing.query('UPDATE catalog.plan_period SET end_year = 2032 WHERE id = $1', [planB.id]);

        let answered = false;
        const alignment = http()
          .patch(`/programs/${program.id}`)
          .set(planning)
          .send({ objectiveIds: [objectiveB.id] })
          .then((response) => {
            answered = true;
            return response;
          });
        // Either the alignment blocks on the plan (right) or it is saved against the plan's old years (wrong).
        const deadline = Date.now() + 10_000;
        while (!answered && (await lockWaits()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(answered).toBe(false);
        expect(await lockWaits()).toBeGreaterThan(0);

        await narrowing.query('COMMIT');
        const response = await alignment;
        expect(response.status).toBe(400);
        expect(response.body.message).toBe(`objectiveIds.0: el Objetivo 1.1 pertenece a PMD 2031-2033 (2031-2032), que no cubre 2033`);
      } finally {
        await narrowing.end();
      }
      expect(await database.query(`SELECT count(*)::int AS n FROM catalog.program_objective WHERE program_id = $1`, [program.id])).toEqual([{ n: 0 }]);
    });

    it('records an audit entry for each axis and objective a plan deletion removes, in the same transaction', async () => {
      const plan = (await http().post('/plans').set(planning).send({ name: 'PMD 2040-2042', startYear: 2040, endYear: 2042 }).expect(201)).body;
      const axis1 = (await http().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 1, name: 'Bienestar' }).expect(201)).body;
      const axis2 = (await http().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 2, name: 'Territorio' }).expect(201)).body;
      const objectives = [
        (await http().post(`/plan-axes/${axis1.id}/objectives`).set(planning).send({ code: '1.1', name: 'Salud' }).expect(201)).body,
        (await http().post(`/plan-axes/${axis1.id}/objectives`).set(planning).send({ code: '1.2', name: 'Educación' }).expect(201)).body,
        (await http().post(`/plan-axes/${axis2.id}/objectives`).set(planning).send({ code: '2.1', name: 'Movilidad' }).expect(201)).body,
      ];
      await http().delete(`/plans/${plan.id}`).set(planning).expect(200);

      const entries = await database.query<{ entity_type: string; entity_id: string; actor: string; reason: string; at: Date }>(
        `SELECT entity_type, entity_id, actor, reason, at FROM catalog.audit_entry WHERE action = 'deleted' AND entity_id = ANY($1::text[]) ORDER BY entity_type, entity_id`,
        [[plan.id, axis1.id, axis2.id, ...objectives.map((o: { id: string }) => o.id)]],
      );
      const expected = [
        ['plan', plan.id],
        ...[axis1.id, axis2.id].sort().map((id) => ['plan_axis', id]),
        ...objectives.map((o: { id: string }) => o.id).sort().map((id: string) => ['plan_objective', id]),
      ];
      expect(entries.map((e) => [e.entity_type, e.entity_id])).toEqual(expected);
      expect(entries.every((e) => e.actor === 'planeacion@oaxaca')).toBe(true);
      expect(entries.filter((e) => e.entity_type !== 'plan').every((e) => e.reason === 'se eliminó con el plan PMD 2040-2042')).toBe(true);
      // One transaction: the entries share its timestamp.
      expect(new Set(entries.map((e) => e.at.getTime())).size).toBe(1);
      const objectiveTrail = (await http().get(`/audit?entityType=plan_objective&entityId=${objectives[2].id}`).set(planning).expect(200)).body;
      expect(objectiveTrail.items[0]).toMatchObject({ action: 'deleted', changes: { code: { from: '2.1' } } });
    });
  });
});
