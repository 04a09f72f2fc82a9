import { describeAuthorizationMatrix } from '@tequio/testing';
import supertest from 'supertest';
import { DEFAULT_TRANSPARENCY_UNIT } from '../src/settings/settings.repository';
import { transparencyService } from '../src/transparency.definition';
import { seedUnits } from './support';

const STAFF_UNIT = DEFAULT_TRANSPARENCY_UNIT;
const TURNED_UNIT = '501';

// Requests, appeals and the rest are handled by the Transparency Unit's staff: the tokens belong to it, and to the
// unit requests are turned to. The fixture creates through the API what each operation acts on (see `records`).
describeAuthorizationMatrix(transparencyService, {
  env: { TRANSPARENCY_DEADLINE_JOB_MS: '0' },
  units: [STAFF_UNIT, TURNED_UNIT],
  scope: {
    fixture: async (http, sign, database) => {
      if (database) await seedUnits(undefined as never, database);
      const admin = { Authorization: `Bearer ${sign(['admin'])}` };
      const post = async (path: string, body: object, status = 201) => {
        const response: supertest.Response = await http().post(path).set(admin).send(body);
        if (response.status !== status) throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body;
      };
      const file = async (path: string): Promise<string> => {
        const response = await http().post(path).set(admin).attach('file', Buffer.from('Oficio de la matriz\n'), { filename: 'oficio.txt', contentType: 'text/plain' });
        if (response.status !== 201) throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(response.body)}`);
        return response.body.attachments[0].id;
      };
      let folios = 0;
      const request = (extra: object = {}) =>
        post('/requests', {
          folio: `2011738240009${String(folios++).padStart(2, '0')}`,
          channel: 'plataforma_nacional',
          receivedAt: '2024-04-08T10:00:00-06:00',
          requesterCategory: 'mujer',
          requesterName: 'Persona de la matriz',
          requesterContact: 'matriz@example.org',
          informationRequested: 'Contratos de obra pública de 2023',
          ...extra,
        });
      // The request the /requests operations act on (turned, extended, answered…), and one for each end or kind.
      const main = await request();
      await post(`/requests/${main.id}/turns`, { unitCode: TURNED_UNIT, turnedOn: '2024-04-15' });
      const arco = await request({ kind: 'arco', arcoRight: 'acceso' });
      const cancelled = await request();
      // A request whose turn the unit answers, with its oficio file.
      const turned = await request();
      const turn = (await post(`/requests/${turned.id}/turns`, { unitCode: TURNED_UNIT, turnedOn: '2024-04-15' })).turns[0].id;
      await post(`/turns/${turn}/answer`, { answerOficioNumber: 'SOP/0001/2024', answeredOn: '2024-04-16' });
      const turnFile = await file(`/turns/${turn}/attachments`);
      // A turn still waiting for the unit's answer.
      const waiting = await request();
      const openTurn = (await post(`/requests/${waiting.id}/turns`, { unitCode: TURNED_UNIT, turnedOn: '2024-04-15' })).turns[0].id;
      // An answered request (with its answer file), appealed in time: the appeal the /appeals operations act on.
      const answered = await request();
      await post(`/requests/${answered.id}/turns`, { unitCode: TURNED_UNIT, turnedOn: '2024-04-15' });
      await post(`/requests/${answered.id}/answer`, { answerType: 'entrega_informacion', answeredOn: '2024-05-10' });
      const answerFile = await file(`/requests/${answered.id}/answer/attachments`);
      const appealOf = (fileNumber: string) =>
        post('/appeals', { fileNumber, requestFolio: answered.folio, filedOn: '2024-05-20', ground: 'informacion_incompleta', requesterCategories: ['hombre'] });
      const appeal = await appealOf('RRA/0901/2024');
      const appealTurn = (await post(`/appeals/${appeal.id}/turns`, { unitCode: TURNED_UNIT, turnedOn: '2024-05-23' })).turns[0].id;
      const cancelledAppeal = await appealOf('RRA/0902/2024');
      const resolvedAppeal = await appealOf('RRA/0903/2024');
      await post(`/appeals/${resolvedAppeal.id}/resolution`, { resolution: 'modifica', resolvedOn: '2024-07-10', complianceDueOn: '2024-07-24' });
      const resolutionFile = await file(`/appeals/${resolvedAppeal.id}/resolution/attachments`);
      const complaint = await post('/complaints', { obligationReference: 'LGTAIP art. 70 fracc. XXIX', receivedOn: '2024-06-10', requesterCategory: 'no_identificado' });
      const requirement = (await post(`/complaints/${complaint.id}/requirements`, { unitCode: TURNED_UNIT, sentOn: '2024-06-11' })).requirements[0].id;
      const training = await post('/trainings', { heldOn: '2024-04-09', topic: 'Datos personales', men: 1, women: 1, unitCodes: [TURNED_UNIT] });
      const advisory = await post('/advisories', { givenOn: '2024-04-15', topic: 'enlaces', sex: 'mujer', unitCode: TURNED_UNIT });
      const monitoring = await post('/monitorings', { doneOn: '2024-04-01', platform: 'sisai', count: 1 });
      const staff = (params: Record<string, string>) => ({ params, unit: STAFF_UNIT });
      return {
        records: {
          '/requests/{id}': staff({ id: main.id }),
          'POST /requests/{id}/identity-verification': staff({ id: arco.id }),
          'POST /requests/{id}/cancel': staff({ id: cancelled.id }),
          '/requests/{id}/answer/attachments': staff({ id: answered.id, attachmentId: answerFile }),
          '/turns/{turnId}': { params: { turnId: turn, attachmentId: turnFile }, unit: TURNED_UNIT },
          'POST /turns/{turnId}/answer': { params: { turnId: openTurn }, unit: TURNED_UNIT },
          '/appeals/{id}': staff({ id: appeal.id, turnId: appealTurn }),
          'POST /appeals/{id}/cancel': staff({ id: cancelledAppeal.id }),
          '/appeals/{id}/resolution/attachments': staff({ id: resolvedAppeal.id, attachmentId: resolutionFile }),
          '/complaints/{id}': staff({ id: complaint.id, requirementId: requirement }),
          '/trainings/{id}': staff({ id: training.id }),
          '/advisories/{id}': staff({ id: advisory.id }),
          '/monitorings/{id}': staff({ id: monitoring.id }),
        },
        values: { requestFolio: answered.folio },
      };
    },
    unreached: {
      'POST /outbox/parked/{id}/retry': 'no message of the test broker is parked',
    },
  },
});
