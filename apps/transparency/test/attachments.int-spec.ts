import { binaryParser, createTestDatabase, disguisedExecutable, pdfOf, RunningService, startServiceInProcess, TestDatabase } from '@tequio/testing';
import { createHash, randomBytes } from 'node:crypto';
import { transparencyService } from '../src/transparency.definition';
import { newFolio, publishCalendar, seedUnits, tokens } from './support';

const MAX_BYTES = 64 * 1024;

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(4096)]);
/** A Windows executable wearing a .pdf name. */
const executable = disguisedExecutable();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('attachments of answers and appeal resolutions (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const { staff, works, treasury, planning } = tokens();
  const http = () => service.http();

  beforeAll(async () => {
    process.env['ATTACHMENTS_MAX_BYTES'] = String(MAX_BYTES);
    database = await createTestDatabase();
    service = await startServiceInProcess(transparencyService, database, { TRANSPARENCY_DEADLINE_JOB_MS: '0' });
    await seedUnits(service, database);
    await publishCalendar(database, 2024, [{ date: '2024-05-01', name: 'Día del Trabajo' }], 1);
  });

  afterAll(async () => {
    delete process.env['ATTACHMENTS_MAX_BYTES'];
    await service?.close();
    await database?.drop();
  });

  const stored = async () =>
    (
      await database.query<{ attachments: number; chunks: number; audit: number; outbox: number }>(
        `SELECT (SELECT count(*)::int FROM transparency.attachment) AS attachments, (SELECT count(*)::int FROM transparency.attachment_chunk) AS chunks,
                (SELECT count(*)::int FROM transparency.audit_entry) AS audit, (SELECT count(*)::int FROM transparency.outbox) AS outbox`,
      )
    )[0];
  const download = (path: string, token: Record<string, string>) => http().get(path).set(token).buffer(true).parse(binaryParser as never);
  const reads = (entityId: string) =>
    database.query<{ actor: string; attachmentId: string; ownerType: string }>(
      `SELECT actor, changes->'attachmentId'->>'to' AS "attachmentId", changes->'ownerType'->>'to' AS "ownerType"
         FROM transparency.audit_entry WHERE entity_id = $1 AND action = 'attachment_read' ORDER BY id`,
      [entityId],
    );

  /** A request turned to works (501), the turn answered by works, and the request answered on 2024-04-30. */
  async function answeredRequest(): Promise<{ id: string; folio: string; turnId: string }> {
    const { body: request } = await http()
      .post('/requests')
      .set(staff)
      .send({ folio: newFolio(), channel: 'plataforma_nacional', receivedAt: '2024-04-08T10:00:00-06:00', requesterCategory: 'mujer', requesterName: 'María López', informationRequested: 'Contratos de obra pública de 2023' })
      .expect(201);
    const turned = await http().post(`/requests/${request.id}/turns`).set(staff).send({ unitCode: '501', turnedOn: '2024-04-09' }).expect(201);
    const turnId = turned.body.turns[0].id as string;
    const early = await http().post(`/turns/${turnId}/attachments`).set(works).attach('file', pdfOf(4096), 'oficio.pdf');
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/^turnId: el área aún no registra su oficio de respuesta/);
    await http().post(`/turns/${turnId}/answer`).set(works).send({ answerOficioNumber: 'SOP/0231/2024', answeredOn: '2024-04-22' }).expect(201);
    return { id: request.id, folio: request.folio, turnId };
  }

  let request: { id: string; folio: string; turnId: string };
  let oficio: { id: string };
  const oficioBytes = pdfOf(40 * 1024);

  it('a unit attaches its answer oficio to its own turn; it comes back byte-identical and every download is audited', async () => {
    request = await answeredRequest();
    const upload = await http().post(`/turns/${request.turnId}/attachments`).set(works).attach('file', oficioBytes, 'oficio SOP-0231-2024.pdf');
    expect(upload.status).toBe(201);
    [oficio] = upload.body.attachments;
    expect(upload.body.attachments[0]).toMatchObject({
      ownerType: 'transparency.turn-answer',
      ownerId: request.turnId,
      filename: 'oficio SOP-0231-2024.pdf',
      contentType: 'application/pdf',
      size: oficioBytes.length,
      sha256: sha256(oficioBytes),
      uploadedBy: 'obras@oaxaca',
    });
    for (const token of [works, staff]) {
      const list = await http().get(`/turns/${request.turnId}/attachments`).set(token).expect(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([oficio.id]);
    }
    const file = await download(`/turns/${request.turnId}/attachments/${oficio.id}`, works).expect(200);
    expect(Buffer.compare(file.body, oficioBytes)).toBe(0);
    expect(file.headers['content-type']).toMatch(/^application\/pdf/);
    expect(file.headers['etag']).toBe(`"${sha256(oficioBytes)}"`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toContain('SOP-0231-2024.pdf');
    await download(`/turns/${request.turnId}/attachments/${oficio.id}`, staff).expect(200);
    expect((await reads(request.id)).map(({ actor, attachmentId, ownerType }) => [actor, attachmentId, ownerType])).toEqual([
      ['obras@oaxaca', oficio.id, 'transparency.turn-answer'],
      ['ut@oaxaca', oficio.id, 'transparency.turn-answer'],
    ]);
    const [created] = await database.query<{ actor: string }>(`SELECT actor FROM transparency.audit_entry WHERE entity_type = 'attachment' AND entity_id = $1 AND action = 'created'`, [oficio.id]);
    expect(created).toEqual({ actor: 'obras@oaxaca' });
  });

  it('refuses a disguised executable (415), a file over the limit (413) and another unit’s user (403), storing nothing', async () => {
    const before = await stored();
    const disguised = await http().post(`/turns/${request.turnId}/attachments`).set(works).attach('file', executable, 'oficio.pdf');
    expect(disguised.status).toBe(415);
    expect(disguised.body.message).toMatch(/^file: el contenido es un ejecutable/);
    // The second file is refused: the first one of the same form is not kept either.
    const oversized = await http().post(`/turns/${request.turnId}/attachments`).set(works).attach('file', pdfOf(8 * 1024), 'anexo.pdf').attach('file', pdfOf(MAX_BYTES + 1024), 'grande.pdf');
    expect(oversized.status).toBe(413);
    expect(oversized.body.message).toMatch(/^file: el archivo excede el límite/);
    const foreign = await http().post(`/turns/${request.turnId}/attachments`).set(treasury).attach('file', oficioBytes, 'ajeno.pdf');
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/^turnId: .*unidad 501, que no es suya/);
    await http().get(`/turns/${request.turnId}/attachments`).set(treasury).expect(403);
    await download(`/turns/${request.turnId}/attachments/${oficio.id}`, treasury).expect(403);
    const notMultipart = await http().post(`/turns/${request.turnId}/attachments`).set(works).send({ file: 'x' });
    expect(notMultipart.status).toBe(415);
    expect(await stored()).toEqual(before);
  });

  it('the final answer takes its files once recorded, for the transparency unit only; another record’s file answers 404', async () => {
    const before = await stored();
    const early = await http().post(`/requests/${request.id}/answer/attachments`).set(staff).attach('file', pdfOf(4096), 'respuesta.pdf');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentStatus: 'turnada' });
    expect(await stored()).toEqual(before);
    await http().post(`/requests/${request.id}/answer`).set(staff).send({ answerType: 'entrega_informacion', answeredOn: '2024-04-30' }).expect(201);
    const answerBytes = pdfOf(20 * 1024);
    const upload = await http().post(`/requests/${request.id}/answer/attachments`).set(staff).attach('file', answerBytes, 'respuesta.pdf').attach('file', png, 'plano.png');
    expect(upload.status).toBe(201);
    expect(upload.body.attachments.map((file: { contentType: string; ownerType: string }) => [file.contentType, file.ownerType])).toEqual([
      ['application/pdf', 'transparency.request-answer'],
      ['image/png', 'transparency.request-answer'],
    ]);
    const [answerFile, image] = upload.body.attachments;
    const list = await http().get(`/requests/${request.id}/answer/attachments`).set(staff).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id).sort()).toEqual([answerFile.id, image.id].sort());
    expect(Buffer.compare((await download(`/requests/${request.id}/answer/attachments/${image.id}`, staff).expect(200)).body, png)).toBe(0);
    expect(Buffer.compare((await download(`/requests/${request.id}/answer/attachments/${answerFile.id}`, staff).expect(200)).body, answerBytes)).toBe(0);
    // The answer goes to the requester: a unit, even the one that was turned, and planning do not read it.
    const beforeRefusals = await stored();
    for (const token of [works, planning]) {
      await http().get(`/requests/${request.id}/answer/attachments`).set(token).expect(403);
      await download(`/requests/${request.id}/answer/attachments/${answerFile.id}`, token).expect(403);
      await http().post(`/requests/${request.id}/answer/attachments`).set(token).attach('file', answerBytes, 'respuesta.pdf').expect(403);
    }
    // The unit's oficio is not a file of the final answer.
    const misplaced = await download(`/requests/${request.id}/answer/attachments/${oficio.id}`, staff).expect(404);
    expect(misplaced.body.toString()).toContain('attachmentId: ');
    expect(await stored()).toEqual(beforeRefusals);
  });

  it('an appeal’s resolution takes its files once resolved; staff only', async () => {
    const { body: appeal } = await http()
      .post('/appeals')
      .set(staff)
      .send({ fileNumber: `RRA/${request.folio}`, requestFolio: request.folio, filedOn: '2024-05-10', ground: 'informacion_incompleta', requesterCategories: ['mujer'] })
      .expect(201);
    const resolutionBytes = pdfOf(30 * 1024);
    const before = await stored();
    const early = await http().post(`/appeals/${appeal.id}/resolution/attachments`).set(staff).attach('file', resolutionBytes, 'resolucion.pdf');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ currentStatus: 'recibido' });
    expect(await stored()).toEqual(before);
    await http().post(`/appeals/${appeal.id}/resolution`).set(staff).send({ resolution: 'confirma', resolvedOn: '2024-06-20' }).expect(201);
    const upload = await http().post(`/appeals/${appeal.id}/resolution/attachments`).set(staff).attach('file', resolutionBytes, 'resolución RRA.pdf');
    expect(upload.status).toBe(201);
    const [file] = upload.body.attachments;
    expect(file).toMatchObject({ ownerType: 'transparency.appeal-resolution', ownerId: appeal.id, filename: 'resolución RRA.pdf', sha256: sha256(resolutionBytes) });
    const list = await http().get(`/appeals/${appeal.id}/resolution/attachments`).set(staff).expect(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([file.id]);
    const served = await download(`/appeals/${appeal.id}/resolution/attachments/${file.id}`, staff).expect(200);
    expect(Buffer.compare(served.body, resolutionBytes)).toBe(0);
    expect(served.headers['content-disposition']).toContain("filename*=UTF-8''resoluci%C3%B3n%20RRA.pdf");
    expect((await reads(appeal.id)).map(({ actor, attachmentId }) => [actor, attachmentId])).toEqual([['ut@oaxaca', file.id]]);
    const afterUpload = await stored();
    await http().post(`/appeals/${appeal.id}/resolution/attachments`).set(works).attach('file', resolutionBytes, 'r.pdf').expect(403);
    await download(`/appeals/${appeal.id}/resolution/attachments/${file.id}`, works).expect(403);
    await http().post(`/appeals/${appeal.id}/resolution/attachments`).set(staff).attach('file', executable, 'resolucion.pdf').expect(415);
    await http().post(`/appeals/${appeal.id}/resolution/attachments`).set(staff).attach('file', pdfOf(MAX_BYTES + 1), 'resolucion.pdf').expect(413);
    expect(await stored()).toEqual(afterUpload);
  });
});
