import { describeAuthorizationMatrix, TENANT_PLACEHOLDER } from '@tequio/testing';
import supertest from 'supertest';
import { catalogService } from '../src/catalog.definition';

// The fixture builds, through the API, a unit, the 2025-2027 plan with axis 2 and objective 2.1, a program of the unit
// under it and its component 1 (the documented examples add activity 1.2 to it), plus an axis, an objective, a plan,
// a unit, a program and a component that only their deletes use.
describeAuthorizationMatrix(catalogService, {
  scope: {
    fixture: async (http, sign) => {
      const admin = { Authorization: `Bearer ${sign(['admin'])}` };
      const create = async (path: string, body: object): Promise<string> => {
        const response: supertest.Response = await http().post(path).set(admin).send(body);
        if (response.status !== 201) throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.id;
      };
      const component = (number: number) => ({
        level: 'componente', componentNumber: number, name: `Componente ${number} de la matriz`, definition: 'Mide la matriz',
        calculationMethod: '(a / b) * 100', unitOfMeasure: 'Porcentaje', type: 'gestion', dimension: 'eficacia', frequency: 'trimestral',
        direction: 'ascendente', accumulation: 'flow',
      });
      const unit = await create('/units', { code: 'M01', name: 'Unidad de la matriz', kind: 'direccion', activeFrom: '2025-01-01' });
      const plan = await create('/plans', { name: 'PMD de la matriz', startYear: 2025, endYear: 2027 });
      const axis = await create(`/plans/${plan}/axes`, { number: 2, name: 'Eje de la matriz' });
      const objective = await create(`/plan-axes/${axis}/objectives`, { code: '2.1', name: 'Objetivo de la matriz' });
      const program = await create('/programs', { year: 2025, code: 'M1', name: 'Programa de la matriz', ownerUnitId: unit, objectiveIds: [objective] });
      const indicator = await create(`/programs/${program}/indicators`, component(1));
      // Records only a delete uses: nothing refers to them.
      const loneUnit = await create('/units', { code: 'M02', name: 'Unidad sola de la matriz', kind: 'direccion' });
      const lonePlan = await create('/plans', { name: 'Plan solo de la matriz', startYear: 2031, endYear: 2033 });
      const loneAxis = await create(`/plans/${plan}/axes`, { number: 4, name: 'Eje solo' });
      const loneObjective = await create(`/plan-axes/${axis}/objectives`, { code: '2.9', name: 'Objetivo solo' });
      const loneProgram = await create('/programs', { year: 2025, code: 'M2', name: 'Programa solo', ownerUnitId: unit, objectiveIds: [] });
      const loneIndicator = await create(`/programs/${program}/indicators`, component(2));
      return {
        records: {
          '/units/{id}': { params: { id: unit } },
          'DELETE /units/{id}': { params: { id: loneUnit } },
          '/plans/{id}': { params: { id: plan } },
          'DELETE /plans/{id}': { params: { id: lonePlan } },
          '/plans/{planId}': { params: { planId: plan } },
          '/plan-axes/{id}': { params: { id: axis } },
          'DELETE /plan-axes/{id}': { params: { id: loneAxis } },
          '/plan-axes/{axisId}': { params: { axisId: axis } },
          '/plan-objectives/{id}': { params: { id: objective } },
          'DELETE /plan-objectives/{id}': { params: { id: loneObjective } },
          '/programs/{id}': { params: { id: program } },
          'DELETE /programs/{id}': { params: { id: loneProgram } },
          '/programs/{programId}': { params: { programId: program } },
          '/indicators/{id}': { params: { id: indicator } },
          'DELETE /indicators/{id}': { params: { id: loneIndicator } },
          '/municipalities/{id}': { params: { id: TENANT_PLACEHOLDER } },
          '/metric-definitions/{name}': { params: { name: 'agenda.cabinet_meetings.held' }, shared: true },
        },
        // The documented examples are of 2025; a municipality registers itself.
        values: { ownerUnitId: unit, objectiveIds: [objective], programId: program, year: 2025, date: '2025-09-16' },
        bodies: {
          // A new municipality, not the documented one's INEGI code (the PATCH example sets it on ours).
          'POST /municipalities': { id: TENANT_PLACEHOLDER, inegiCode: '99001' },
          // Names, numbers and codes are unique: the example was just used by the create before.
          'POST /plans': { startYear: 2034, endYear: 2036 },
          'POST /calendars/{year}/holidays': { date: '2025-11-02', name: 'Día de Muertos' },
          'PATCH /plans/{id}': { name: 'PMD renombrado' },
          'POST /plans/{planId}/axes': { number: 3 },
          'PATCH /plan-objectives/{id}': { code: '2.7' },
          'PATCH /programs/{id}': { code: 'M9' },
          'POST /programs/{programId}/indicators': { activityNumber: 3 },
          'PATCH /indicators/{id}': () => ({ name: 'Componente renombrado' }),
        },
      };
    },
    unreached: {
      'POST /outbox/parked/{id}/retry': 'no message of the test broker is parked',
      'POST /programs/{programId}/mir-import': 'needs a MIR spreadsheet; apps/catalog/test/mir-import.int-spec.ts imports real ones',
    },
  },
});
