import { bearer, binaryParser, createTestDatabase, disguisedExecutable, pdfOf, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { createHash } from 'node:crypto';
import { correspondenceService } from '../src/correspondence.definition';
import { citizenDocument, PERSONAL, publishUnits } from './support';

const MAX_BYTES = 64 * 1024;

/** A Windows executable wearing a .pdf name. */
const executable = disguisedExecutable();

describe('attachments of front desk documents (real PostgreSQL)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const tenant = uniqueTenant('adj');
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'oficialia@adj' });
  const unit801 = bearer(['unit_head'], { tenant, units: ['801'], sub: 'servicios@adj' });
  const unit305 = bearer(['unit_head'], { tenant, units: ['305'], sub: 'obras@adj' });

  beforeAll(async () => {
    process.env['ATTACHMENTS_MAX_BYTES'] = String(MAX_BYTES);
    database = await createTestDatabase();
    await registerTenants(database, tenant);
    service = await startServiceInProcess(correspondenceService, database);
    await publishUnits(database, tenant);
  });

  afterAll(async () => {
    delete process.env['ATTACHMENTS_MAX_BYTES'];
    await service?.close();
    await database?.drop();
  });

  const http = () => service.http();
  const stored = async () =>
    (
      await database.query<{ attachments: number; chunks: number }>(
        `SELECT (SELECT count(*)::int FROM correspondence.attachment) AS attachments, (SELECT count(*)::int FROM correspondence.attachment_chunk) AS chunks`,
      )
    )[0];
  const registerAndTurn = async () => {
    const document = (await http().post('/documents').set(desk).send(citizenDocument()).expect(201)).body;
    const turned = (await http().post(`/documents/${document.id}/turns`).set(desk).send({ turns: [{ unitCode: '801' }] }).expect(201)).body;
    return { id: document.id as string, turnId: turned.turns[0].id as string };
  };

  let document: { id: string; turnId: string };
  let scan: { id: string; sha256: string };
  const bytes = pdfOf(40 * 1024);

  it('attaches the scanned letter and serves it back byte-identical with the right headers', async () => {
    document = await registerAndTurn();
    const upload = await http().post(`/documents/${document.id}/attachments`).set(desk).attach('file', bytes, 'escaneo.pdf');
    expect(upload.status).toBe(201);
    [scan] = upload.body.attachments;
    expect(scan).toMatchObject({ ownerType: 'correspondence.document', ownerId: document.id, contentType: 'application/pdf', size: bytes.length });
    expect(scan.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const list = await http().get(`/documents/${document.id}/attachments`).set(unit801).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([scan.id]);
    const download = await http().get(`/documents/${document.id}/attachments/${scan.id}`).set(unit801).buffer(true).parse(binaryParser as never).expect(200);
    expect(Buffer.compare(download.body, bytes)).toBe(0);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(download.headers['content-disposition']).toContain('escaneo.pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a disguised executable, an oversized file and a unit the document was not turned to, storing nothing', async () => {
    const before = await stored();
    const disguised = await http().post(`/documents/${document.id}/attachments`).set(desk).attach('file', executable, 'oficio.pdf');
    expect(disguised.status).toBe(415);
    expect(disguised.body.message).toMatch(/^file: /);
    const oversized = await http().post(`/documents/${document.id}/attachments`).set(desk).attach('file', pdfOf(MAX_BYTES + 1024), 'grande.pdf');
    expect(oversized.status).toBe(413);
    expect(oversized.body.message).toMatch(/^file: /);
    const foreign = await http().post(`/documents/${document.id}/attachments`).set(unit305).attach('file', bytes, 'ajeno.pdf');
    expect(foreign.status).toBe(403);
    await http().get(`/documents/${document.id}/attachments/${scan.id}`).set(unit305).expect(403);
    expect(await stored()).toEqual(before);
  });

  it('records the answer with its attached letter, and refuses another document’s attachment', async () => {
    const other = await registerAndTurn();
    const letter = (await http().post(`/documents/${other.id}/attachments`).set(unit801).attach('file', pdfOf(8 * 1024), 'respuesta.pdf').expect(201)).body.attachments[0];
    const wrong = await http().post(`/documents/${document.id}/answers`).set(unit801).send({ turnId: document.turnId, summary: PERSONAL.answer, attachmentIds: [letter.id] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/^attachmentIds\.0: el adjunto .* no pertenece al documento/);
    await http().get(`/documents/${document.id}/attachments/${letter.id}`).set(unit801).expect(404);
    const answered = await http().post(`/documents/${other.id}/answers`).set(unit801).send({ turnId: other.turnId, summary: PERSONAL.answer, attachmentIds: [letter.id] });
    expect(answered.status).toBe(201);
    expect(answered.body.turns[0]).toMatchObject({ status: 'respondido', answerAttachmentIds: [letter.id] });
  });
});
