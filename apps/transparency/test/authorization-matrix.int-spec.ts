import { describeAuthorizationMatrix } from '@tequio/testing';
import { DEFAULT_TRANSPARENCY_UNIT } from '../src/settings/settings.repository';
import { transparencyService } from '../src/transparency.definition';
import { seedUnits } from './support';

const TURNED_UNIT = '501';
const NO_APPEAL = 'the fixture files no appeal (one filed in time needs an answered request of the last 15 business days)';
const NO_FILE = 'the fixture uploads no file to this record';
const NO_ACTIVITY = 'the fixture registers no activity';

// Requests, appeals and the rest are handled by the Transparency Unit's staff: the tokens belong to it, and to the
// unit a request is turned to. The fixture registers a request (turned to 501) and a complaint through the API.
describeAuthorizationMatrix(transparencyService, {
  env: { TRANSPARENCY_DEADLINE_JOB_MS: '0' },
  units: [DEFAULT_TRANSPARENCY_UNIT, TURNED_UNIT],
  scope: {
    fixture: async (http, sign, database) => {
      if (database) await seedUnits(undefined as never, database);
      const admin = { Authorization: `Bearer ${sign(['admin'])}` };
      const request = (await http().post('/requests').set(admin).send({
        folio: '201173824000999',
        channel: 'plataforma_nacional',
        receivedAt: '2024-04-08T10:00:00-06:00',
        requesterCategory: 'mujer',
        requesterName: 'Persona de la matriz',
        requesterContact: 'matriz@example.org',
        informationRequested: 'Contratos de obra pública de 2023',
      }).expect(201)).body;
      const turned = (await http().post(`/requests/${request.id}/turns`).set(admin).send({ unitCode: TURNED_UNIT, turnedOn: '2024-04-15' }).expect(201)).body;
      const complaint = (await http().post('/complaints').set(admin).send({ obligationReference: 'LGTAIP art. 70 fracc. XXIX', receivedOn: '2024-06-10', requesterCategory: 'no_identificado' }).expect(201)).body;
      return {
        records: {
          '/requests/{id}': { params: { id: request.id }, unit: DEFAULT_TRANSPARENCY_UNIT },
          '/turns/{turnId}': { params: { turnId: turned.turns[0].id }, unit: TURNED_UNIT },
          '/complaints/{id}': { params: { id: complaint.id }, unit: DEFAULT_TRANSPARENCY_UNIT },
        },
        values: { requestFolio: request.folio },
      };
    },
    // Not reached yet: each needs a fixture record the matrix does not create (an appeal filed in time, a file, an
    // ARCO request, an activity, a complaint's requirement) or a record in another state than the one it leaves.
    unreached: {
      'POST /outbox/parked/{id}/retry': 'no message of the test broker is parked',
      'GET /appeals/{id}': NO_APPEAL,
      'GET /appeals/{id}/resolution/attachments': NO_APPEAL,
      'GET /appeals/{id}/resolution/attachments/{attachmentId}': NO_APPEAL,
      'POST /appeals': NO_APPEAL,
      'POST /appeals/{id}/notifications': NO_APPEAL,
      'POST /appeals/{id}/turns': NO_APPEAL,
      'POST /appeals/{id}/turns/{turnId}/answer': NO_APPEAL,
      'POST /appeals/{id}/pleadings': NO_APPEAL,
      'POST /appeals/{id}/resolution': NO_APPEAL,
      'POST /appeals/{id}/compliance': NO_APPEAL,
      'POST /appeals/{id}/resolution/attachments': NO_APPEAL,
      'POST /appeals/{id}/cancel': NO_APPEAL,
      'GET /turns/{turnId}/attachments/{attachmentId}': NO_FILE,
      'GET /requests/{id}/answer/attachments/{attachmentId}': NO_FILE,
      'POST /turns/{turnId}/attachments': 'the request is answered before the turn (document order), so the turn takes no file',
      'POST /turns/{turnId}/answer': 'the request is answered before the turn (document order)',
      'POST /requests/{id}/identity-verification': 'only ARCO requests verify identity; the fixture registers an access request',
      'POST /requests/{id}/cancel': 'the request is answered before it could be cancelled',
      'POST /complaints/{id}/requirements/{requirementId}/compliance': 'the fixture creates no requirement',
      'POST /trainings/{id}/cancel': NO_ACTIVITY,
      'POST /advisories/{id}/cancel': NO_ACTIVITY,
      'POST /monitorings/{id}/cancel': NO_ACTIVITY,
    },
  },
});
