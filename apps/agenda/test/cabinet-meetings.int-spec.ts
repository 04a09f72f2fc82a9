import { CabinetAgreementOverdue, CabinetMeetingHeld, Topic } from '@tequio/contracts';
import { bearer, EventTap } from '@tequio/testing';
import { AgendaFixture, startAgenda } from './agenda-fixture';

describe('cabinet meetings (real PostgreSQL and Kafka)', () => {
  let fixture: AgendaFixture;
  let tap: EventTap;
  const http = () => fixture.agenda.http();
  const count = async (table: string) => (await fixture.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM agenda.${table}`))[0].n;
  const writes = async () => ({ meetings: await count('cabinet_meeting'), outbox: await count('outbox'), audit: await count('audit_entry') });

  beforeAll(async () => {
    fixture = await startAgenda('cabinet', ['501', '602']);
    // After the service: it has provisioned the agenda topics, so the tap never subscribes to one still being created.
    tap = await EventTap.open([Topic.AgendaCabinetMeetingV1]);
  });

  afterAll(async () => {
    await tap?.close();
    await fixture?.close();
  });

  it('numbers minutes consecutively per year, records attendance and agreements, and refuses a second minute for a meeting', async () => {
    const first = (await http().post('/cabinet-meetings').set(fixture.office).send({ date: '2025-04-07', place: 'Palacio Municipal' }).expect(201)).body;
    const second = (await http().post('/cabinet-meetings').set(fixture.office).send({ date: '2025-04-14' }).expect(201)).body;
    expect(first).toMatchObject({ status: 'programada', minuteNumber: null, year: 2025 });

    const skipping = await http().post(`/cabinet-meetings/${second.id}/minutes`).set(fixture.office).send({ minuteNumber: 2 });
    expect(skipping.status).toBe(409);
    expect(skipping.body.message).toBe('minuteNumber: las minutas son consecutivas por año; la siguiente de 2025 es la 1, no la 2');

    const held = (await http().post(`/cabinet-meetings/${first.id}/minutes`).set(fixture.office).send({ minuteNumber: 1 }).expect(201)).body;
    expect(held).toMatchObject({ status: 'celebrada', minuteNumber: 1, minuteLabel: 'Minuta 1/2025' });
    expect((await http().post(`/cabinet-meetings/${second.id}/minutes`).set(fixture.office).send({}).expect(201)).body.minuteNumber).toBe(2);

    const before = await writes();
    const again = await http().post(`/cabinet-meetings/${first.id}/minutes`).set(fixture.office).send({ minuteNumber: 3 });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('minuteNumber: la reunión del 2025-04-07 ya tiene la minuta 1/2025');
    const twice = await http().put(`/cabinet-meetings/${first.id}/attendance`).set(fixture.office).send({ attendees: [{ unitCode: '501', role: 'Titular' }, { unitCode: '501', role: 'Enlace' }] });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ field: 'attendees', message: 'una unidad aparece más de una vez' }]);
    const outsider = await http().post('/cabinet-meetings').set(bearer(['clerk'], { tenant: fixture.tenant, units: ['501'] })).send({ date: '2025-04-21' });
    expect(outsider.status).toBe(403);
    expect(await writes()).toEqual(before);

    const withAttendance = (await http()
      .put(`/cabinet-meetings/${first.id}/attendance`)
      .set(fixture.office)
      .send({ attendees: [{ unitCode: '402', role: 'Titular' }, { unitCode: '501', role: 'Enlace' }] })
      .expect(200)).body;
    expect(withAttendance.attendance).toEqual([{ unitCode: '402', role: 'Titular' }, { unitCode: '501', role: 'Enlace' }]);
    const withAgreement = (await http()
      .post(`/cabinet-meetings/${first.id}/agreements`)
      .set(fixture.office)
      .send({ description: 'Presentar el plan de bacheo', responsibleUnitCode: '501', dueDate: '2025-04-30' })
      .expect(201)).body;
    expect(withAgreement.agreements).toEqual([expect.objectContaining({ responsibleUnitCode: '501', dueDate: '2025-04-30', status: 'pendiente', overdue: true })]);

    const event = await tap.waitFor((m) => m.key === first.id && JSON.parse(m.value ?? '{}').version === withAgreement.version, 'meeting with its agreement');
    expect(JSON.parse(event.value ?? '{}')).toMatchObject({
      status: 'celebrada',
      minuteNumber: 1,
      attendance: [{ unitCode: '402', role: 'Titular' }, { unitCode: '501', role: 'Enlace' }],
      agreements: [{ responsibleUnitCode: '501', dueDate: '2025-04-30', status: 'pendiente' }],
    });
    expect(JSON.parse(event.value ?? '{}').agreements[0].description).toBeUndefined();
    const heldEvent = await tap.waitFor((m) => m.key === second.id && m.headers['ce_type'] === CabinetMeetingHeld.type, 'second meeting held');
    expect(JSON.parse(heldEvent.value ?? '{}').minuteNumber).toBe(2);
  });

  it('tells the responsible unit once that its agreement is overdue; the unit closes it', async () => {
    const meeting = (await http().post('/cabinet-meetings').set(fixture.office).send({ date: '2025-05-05' }).expect(201)).body;
    await http().post(`/cabinet-meetings/${meeting.id}/minutes`).set(fixture.office).send({}).expect(201);
    const withAgreement = (await http().post(`/cabinet-meetings/${meeting.id}/agreements`).set(fixture.office).send({ description: 'Informe de luminarias', responsibleUnitCode: '602', dueDate: '2025-05-12' }).expect(201)).body;
    const agreementId = withAgreement.agreements[0].id;

    const notified = (await http().post('/cabinet-agreements/overdue/notify').set(fixture.office).expect(200)).body.notified;
    expect(notified).toEqual(expect.arrayContaining([{ agreementId, responsibleUnitCode: '602', dueDate: '2025-05-12' }]));
    expect((await http().post('/cabinet-agreements/overdue/notify').set(fixture.office).expect(200)).body.notified).toEqual([]);
    const overdue = await tap.waitFor((m) => m.headers['ce_type'] === CabinetAgreementOverdue.type && JSON.parse(m.value ?? '{}').agreementId === agreementId, 'overdue agreement');
    expect(overdue.key).toBe(meeting.id);
    expect(JSON.parse(overdue.value ?? '{}')).toMatchObject({ responsibleUnitCode: '602', agreements: [{ agreementId, overdue: true }] });

    await http().patch(`/cabinet-agreements/${agreementId}`).set(bearer(['clerk'], { tenant: fixture.tenant, units: ['501'] })).send({ status: 'cumplido' }).expect(403);
    const done = (await http().patch(`/cabinet-agreements/${agreementId}`).set(bearer(['clerk'], { tenant: fixture.tenant, units: ['602'] })).send({ status: 'cumplido' }).expect(200)).body;
    expect(done.agreements[0]).toMatchObject({ status: 'cumplido', overdue: false });
    const open = (await http().get('/cabinet-agreements?overdue=true&unitCode=602').set(fixture.office).expect(200)).body;
    expect(open.total).toBe(0);
  });

  it('keeps the signed minutes of a held meeting as files, refused by content when they are not documents', async () => {
    const programmed = (await http().post('/cabinet-meetings').set(fixture.office).send({ date: '2025-06-02' }).expect(201)).body;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const early = await http().post(`/cabinet-meetings/${programmed.id}/minutes/files`).set(fixture.office).attach('file', pdf, 'minuta.pdf');
    expect(early.status).toBe(409);
    await http().post(`/cabinet-meetings/${programmed.id}/minutes`).set(fixture.office).send({}).expect(201);

    const files = await count('attachment');
    const disguised = await http().post(`/cabinet-meetings/${programmed.id}/minutes/files`).set(fixture.office).attach('file', Buffer.from('MZ\x90\x00binary'), 'minuta.pdf');
    expect(disguised.status).toBe(415);
    expect(disguised.body.message).toMatch(/^file: /);
    expect(await count('attachment')).toBe(files);

    const uploaded = (await http().post(`/cabinet-meetings/${programmed.id}/minutes/files`).set(fixture.office).attach('file', pdf, 'minuta-2025.pdf').expect(201)).body;
    expect(uploaded.attachments).toEqual([expect.objectContaining({ filename: 'minuta-2025.pdf', contentType: 'application/pdf', size: pdf.length, ownerId: programmed.id })]);
    const listed = (await http().get(`/cabinet-meetings/${programmed.id}/minutes/files`).set(bearer(['auditor'], { tenant: fixture.tenant })).expect(200)).body;
    expect(listed.map((file: { id: string }) => file.id)).toEqual([uploaded.attachments[0].id]);
    const download = await http()
      .get(`/cabinet-meetings/${programmed.id}/minutes/files/${uploaded.attachments[0].id}`)
      .set(fixture.office)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    // A unit that did not attend does not read the minutes.
    await http().get(`/cabinet-meetings/${programmed.id}/minutes/files`).set(bearer(['clerk'], { tenant: fixture.tenant, units: ['602'] })).expect(403);
  });
});
