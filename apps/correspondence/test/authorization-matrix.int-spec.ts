import { describeAuthorizationMatrix } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';
import { citizenDocument, publishUnits } from './support';

const TENANT = 'oaxaca-de-juarez';

// The tokens belong to the desk (402) and to units a document is turned to (801, 120); the fixture registers a
// citizen's document at the desk, turns it (801 acknowledges and answers, 120 is closed, 650 reassigned), attaches
// a file, registers a second document (cancelled) and a hearing of 402, all through the API.
describeAuthorizationMatrix(correspondenceService, {
  units: ['402', '801', '120'],
  scope: {
    fixture: async (http, sign, database) => {
      if (database) await publishUnits(database, TENANT);
      const admin = { Authorization: `Bearer ${sign(['admin'])}` };
      const document = (await http().post('/documents').set(admin).send(citizenDocument()).expect(201)).body;
      // Turned when the documented examples say, so their acknowledgement and answer times come after it.
      const turned = (await http().post(`/documents/${document.id}/turns`).set(admin).send({
        turnedAt: '2025-07-02T10:30:00-06:00',
        turns: ['801', '120', '650'].map((unitCode) => ({ unitCode, requiresResponse: true })),
      }).expect(201)).body;
      const turnTo = (unitCode: string) => turned.turns.find((turn: { unitCode: string }) => turn.unitCode === unitCode).id;
      // Only a document not yet turned can be cancelled.
      const untouched = (await http().post('/documents').set(admin).send(citizenDocument()).expect(201)).body;
      const attached = (await http().post(`/documents/${document.id}/attachments`).set(admin).attach('file', Buffer.from('Oficio escaneado\n'), { filename: 'oficio.txt', contentType: 'text/plain' }).expect(201)).body;
      const hearing = (await http().post('/hearings').set(admin).send({
        unitCode: '402',
        requester: { name: 'Comité vecinal de la matriz', phone: '951 555 0303' },
        requestedOn: '2025-07-08',
        requesterCategory: 'grupo',
        groupSize: 3,
        topic: 'alumbrado_publico',
      }).expect(201)).body;
      return {
        records: {
          '/documents/{id}': { params: { id: document.id, attachmentId: attached.attachments[0].id }, unit: '402' },
          '/documents/{id}/cancellation': { params: { id: untouched.id }, unit: '402' },
          '/hearings/{id}': { params: { id: hearing.id }, unit: '402' },
        },
        values: { turnId: turnTo('801'), attachmentIds: [attached.attachments[0].id], folio: document.folio, code: document.trackingCode },
        bodies: {
          'PATCH /documents/{id}': { channel: 'correo_electronico' },
          'POST /documents/{id}/turns': { turns: [{ unitCode: '305', requiresResponse: false }] },
          // Closing one turn and reassigning another: each acts on a turn still open.
          'POST /documents/{id}/closures': { turnId: turnTo('120') },
          'POST /documents/{id}/reassignments': { turnId: turnTo('650'), unitCode: '210' },
        },
      };
    },
    unreached: {
      'POST /outbox/parked/{id}/retry': 'no message of the test broker is parked',
    },
  },
});
