import { describeAuthorizationMatrix, eventually, spawnService, uniqueTenant } from '@tequio/testing';
import supertest from 'supertest';
import { reportingService } from '../src/reporting.definition';
import { mirCsv } from './mir-fixtures';

const UNIT = '402';

// The tokens belong to unit 402 of a municipality of the test's own: reporting replicates the shared broker's catalog
// topics from the beginning, where other files' matrices created their own units 402 in the default municipality.
// The fixture runs catalog on the same database and broker, where it creates unit 402, a plan and program 08 of 2025
// with its MIR (Fin, Propósito), and waits until reporting has replicated them; the matrix then captures, reports
// and exports that program and that unit's report.
describeAuthorizationMatrix(reportingService, {
  tenant: uniqueTenant('matriz-reportes'),
  units: [UNIT],
  scope: {
    fixture: async (http, sign, database) => {
      if (!database) throw new Error('the reporting matrix needs its database for catalog');
      const catalog = await spawnService('catalog', { DATABASE_URL: database.url, MIGRATIONS_RUN: 'false' });
      try {
        const planning = { Authorization: `Bearer ${sign(['planning'])}` };
        const catalogHttp = () => supertest(catalog.url);
        const unit = (await catalogHttp().post('/units').set(planning).send({ code: UNIT, name: 'Secretaría Particular', kind: 'secretaria' }).expect(201)).body;
        const plan = (await catalogHttp().post('/plans').set(planning).send({ name: 'PMD 2025-2027', startYear: 2025, endYear: 2027 }).expect(201)).body;
        const axis = (await catalogHttp().post(`/plans/${plan.id}/axes`).set(planning).send({ number: 1, name: 'Gobierno cercano' }).expect(201)).body;
        const objective = (await catalogHttp().post(`/plan-axes/${axis.id}/objectives`).set(planning).send({ code: '1.3', name: 'Atención ciudadana' }).expect(201)).body;
        const program = (await catalogHttp().post('/programs').set(planning).send({ year: 2025, code: '08', name: 'Atención a la ciudadanía', ownerUnitId: unit.id, objectiveIds: [objective.id] }).expect(201)).body;
        await catalogHttp().post(`/programs/${program.id}/mir-import?dryRun=false`).set(planning).attach('file', mirCsv([['Fin', [25, 25, 25, 25]], ['Propósito', [25, 25, 25, 25]]], 2024), 'mir.csv').expect(201);
        const indicators = (await catalogHttp().get(`/indicators?programId=${program.id}&limit=50`).set(planning).expect(200)).body.items as { id: string }[];
        await eventually('the replicated MIR and unit', async () => {
          const report = await http().get(`/reports/programs/${program.id}/2025/3`).set(planning);
          const units = await http().get(`/catalog-units?code=${UNIT}`).set(planning);
          return report.status === 200 && report.body.table.indicators.length === 2 && units.body.items?.length === 1;
        }, 60_000);
        const capture = (id: string) => ({ indicatorId: id, year: '2025', quarter: '3' });
        // A captured value with its evidence file.
        const captured = indicators[0].id;
        await http().put(`/indicators/${captured}/captures/2025/3`).set(planning).send({ value: 25, justification: 'Valor del trimestre' }).expect(200);
        const evidence = (await http().post(`/indicators/${captured}/captures/2025/3/evidence`).set(planning)
          .attach('file', Buffer.from('Informe del trimestre\n'), { filename: 'informe.txt', contentType: 'text/plain' }).expect(201)).body;
        return {
          records: {
            '/indicators/{indicatorId}': { params: { ...capture(captured), attachmentId: evidence.attachments[0].id }, unit: UNIT },
            '/reports/programs/{programId}': { params: { programId: program.id, year: '2025', quarter: '3' }, unit: UNIT },
            '/reports/units/{unitCode}': { params: { unitCode: UNIT, year: '2025', quarter: '3' }, unit: UNIT },
          },
          values: { year: 2025, quarter: 3, programId: program.id },
          close: () => catalog.stop(),
        };
      } catch (error) {
        await catalog.stop();
        throw error;
      }
    },
    unreached: {
      'POST /outbox/parked/{id}/retry': 'no message of the test broker is parked',
    },
  },
});
