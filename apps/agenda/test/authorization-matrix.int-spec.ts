import { describeAuthorizationMatrix } from '@tequio/testing';
import { agendaService } from '../src/agenda.definition';
import { OFFICE_UNIT, seedAgendaUnits } from './agenda-fixture';

const TENANT = 'oaxaca-de-juarez';

// The tokens belong to the president's office unit, which the fixture names in the agenda settings: its planning,
// heads and clerks manage the agenda and the cabinet (auditors never do: @OfficeOnly). The fixture records, through
// the API, a private activity, the office's weekly agenda (with a file), held, programmed and cancelled meetings, an agreement, an alliance and a unit's feed.
describeAuthorizationMatrix(agendaService, {
  units: [OFFICE_UNIT],
  scope: {
    fixture: async (http, sign) => {
      const admin = { Authorization: `Bearer ${sign(['admin'])}` };
      // The units the documented examples name.
      await seedAgendaUnits(http, admin, TENANT, [OFFICE_UNIT, '403', '501', '602']);
      await http().put('/agenda-settings').set(admin).send({
        officeUnitCodes: [OFFICE_UNIT, '403'],
        expectedUnitCodes: [OFFICE_UNIT, '501'],
        deadlineWeekday: 7,
        deadlineTime: '23:59',
        deadlineWeekOffset: -1,
        rostersFrom: '2025-W14',
      }).expect(200);
      const activity = (await http().post('/activities').set(admin).send({
        title: 'Recorrido de la matriz', category: 'dialogo_vecinal', organizerUnitCode: OFFICE_UNIT, visibility: 'privada',
        startsAt: '2025-07-14T10:00:00-06:00', endsAt: '2025-07-14T12:00:00-06:00',
      }).expect(201)).body;
      const weekly = (await http().post('/weekly-agendas').set(admin).send({ unitCode: OFFICE_UNIT, week: '2025-W20', content: 'Lunes: reunión de la matriz' }).expect(201)).body;
      // A meeting the matrix holds (minutes, then agreements), one it cancels, and one already held with an agreement.
      const meeting = (await http().post('/cabinet-meetings').set(admin).send({ date: '2025-04-14', place: 'Palacio Municipal' }).expect(201)).body;
      const cancelled = (await http().post('/cabinet-meetings').set(admin).send({ date: '2025-04-21' }).expect(201)).body;
      const held = (await http().post('/cabinet-meetings').set(admin).send({ date: '2025-04-07' }).expect(201)).body;
      await http().post(`/cabinet-meetings/${held.id}/minutes`).set(admin).send({}).expect(201);
      const agreement = (await http().post(`/cabinet-meetings/${held.id}/agreements`).set(admin).send({ description: 'Acuerdo de la matriz', responsibleUnitCode: OFFICE_UNIT, dueDate: '2025-04-30' }).expect(201)).body.agreements[0];
      const file = (path: string) =>
        http().post(path).set(admin).attach('file', Buffer.from('Minuta de la matriz\n'), { filename: 'matriz.txt', contentType: 'text/plain' }).expect(201).then((r) => r.body.attachments[0].id as string);
      const weeklyFile = await file(`/weekly-agendas/${weekly.id}/files`);
      const minutesFile = await file(`/cabinet-meetings/${held.id}/minutes/files`);
      const alliance = (await http().post('/alliances').set(admin).send({ kind: 'hermanamiento', counterpart: 'Municipio de la matriz', signedOn: '2025-05-15', unitCode: OFFICE_UNIT }).expect(201)).body;
      const feed = (await http().post('/calendar-feeds').set(admin).send({ audience: 'unidad', unitCode: OFFICE_UNIT, label: 'Calendario de la matriz' }).expect(201)).body;
      return {
        records: {
          '/activities/{id}': { params: { id: activity.id }, unit: OFFICE_UNIT },
          '/weekly-agendas/{id}': { params: { id: weekly.id, attachmentId: weeklyFile }, unit: OFFICE_UNIT },
          '/cabinet-meetings/{id}': { params: { id: meeting.id } },
          '/cabinet-meetings/{id}/cancel': { params: { id: cancelled.id } },
          '/cabinet-meetings/{id}/minutes/files': { params: { id: held.id, attachmentId: minutesFile } },
          '/cabinet-agreements/{id}': { params: { id: agreement.id }, unit: OFFICE_UNIT },
          '/alliances/{id}': { params: { id: alliance.id } },
          '/calendar-feeds/{id}': { params: { id: feed.id }, unit: OFFICE_UNIT },
        },
        values: { file: `${feed.token ?? 'matriz'}.ics`, code: 'recorrido_matriz' },
        // The held meeting took minute 1 of 2025.
        bodies: { 'POST /cabinet-meetings/{id}/minutes': { minuteNumber: 2 } },
      };
    },
    unreached: {
      'POST /outbox/parked/{id}/retry': 'no message of the test broker is parked',
    },
  },
});
