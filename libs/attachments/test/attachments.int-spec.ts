import { loadServiceConfig, runMigrations } from '@tequio/platform';
import {
  bearer,
  binaryParser,
  createTestDatabase,
  disguisedExecutable,
  eventually,
  pdfOf,
  registerTenants,
  RunningService,
  startServiceInProcess,
  TestDatabase,
  undocumentedOperations,
  uniqueTenant,
} from '@tequio/testing';
import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AttachmentsService } from '../src';
import { attachmentsTestService, TEST_OWNER_TYPE } from './attachments-test.service';

const MAX_BYTES = 1024 * 1024;
const SCHEMA = attachmentsTestService.name;

// Superagent types the parser's first argument as its own Response, but passes the node message.
const binary = binaryParser as never;

const executable = disguisedExecutable(4096);

describe('@tequio/attachments in a service (real PostgreSQL)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const tenant = uniqueTenant('adjuntos');
  const clerk = bearer(['clerk'], { tenant, sub: 'oficialia-1' });
  const strangerTenant = uniqueTenant('otro');
  const stranger = bearer(['clerk'], { tenant: strangerTenant, sub: 'ajeno-1' });

  async function stored(): Promise<{ attachments: number; chunks: number; audits: number }> {
    const [row] = await database.query<{ attachments: number; chunks: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM ${SCHEMA}.attachment) AS attachments,
              (SELECT count(*)::int FROM ${SCHEMA}.attachment_chunk) AS chunks,
              (SELECT count(*)::int FROM ${SCHEMA}.audit_entry WHERE entity_type = 'attachment') AS audits`,
    );
    return row;
  }

  /** Runs `act` and proves it left the tables exactly as they were. */
  async function leavesNothing(act: () => Promise<unknown>): Promise<void> {
    const before = await stored();
    await act();
    expect(await stored()).toEqual(before);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // The template database holds the five services' schemas; this test-only service migrates its own.
    process.env['ATTACHMENTS_MAX_BYTES'] = String(MAX_BYTES);
    await runMigrations(loadServiceConfig(SCHEMA, 0, { ...process.env, DATABASE_URL: database.url }), attachmentsTestService);
    await registerTenants(database, tenant, strangerTenant);
    service = await startServiceInProcess(attachmentsTestService, database);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
    delete process.env['ATTACHMENTS_MAX_BYTES'];
  });

  it('stores a file in chunks and serves it back byte-identical with safe headers', async () => {
    const recordId = randomUUID();
    const bytes = pdfOf(600 * 1024);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const upload = await service
      .http()
      .post(`/records/${recordId}/files`)
      .set(clerk)
      .attach('file', bytes, { filename: 'Oficio señalamiento; turno=1 (copia).pdf', contentType: 'application/octet-stream' })
      .expect(201);
    const [attachment] = upload.body.attachments;
    expect(attachment).toMatchObject({ ownerType: TEST_OWNER_TYPE, ownerId: recordId, filename: 'Oficio señalamiento; turno=1 (copia).pdf', contentType: 'application/pdf', size: bytes.length, sha256, uploadedBy: 'oficialia-1' });

    const chunks = await database.query<{ seq: number; bytes: number }>(
      `SELECT seq, octet_length(data) AS bytes FROM ${SCHEMA}.attachment_chunk WHERE attachment_id = $1 ORDER BY seq`,
      [attachment.id],
    );
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((total, chunk) => total + chunk.bytes, 0)).toBe(bytes.length);
    const audit = await database.query(`SELECT action, actor, changes->'sha256'->>'to' AS sha256 FROM ${SCHEMA}.audit_entry WHERE entity_id = $1`, [attachment.id]);
    expect(audit).toEqual([{ action: 'created', actor: 'oficialia-1', sha256 }]);

    const download = await service.http().get(`/files/${attachment.id}`).set(clerk).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, bytes)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-length']).toBe(String(bytes.length));
    expect(download.headers['etag']).toBe(`"${sha256}"`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Oficio senalamiento; turno=1 (copia).pdf"; filename*=UTF-8''Oficio%20se%C3%B1alamiento%3B%20turno%3D1%20%28copia%29.pdf`,
    );

    const listed = await service.http().get(`/records/${recordId}/files`).set(clerk).expect(200);
    expect(listed.body.map((item: { id: string }) => item.id)).toEqual([attachment.id]);
  });

  it('stores several files of one request, and text with its charset', async () => {
    const recordId = randomUUID();
    const csv = Buffer.from('colonia,solicitudes\nCentro,12\n');
    const response = await service
      .http()
      .post(`/records/${recordId}/files`)
      .set(clerk)
      .attach('file', pdfOf(2048), 'acuse.pdf')
      .attach('file', csv, 'resumen.csv')
      .field('nota', 'dos anexos')
      .expect(201);
    expect(response.body.fields).toEqual({ nota: 'dos anexos' });
    expect(response.body.attachments.map((a: { contentType: string }) => a.contentType)).toEqual(['application/pdf', 'text/csv; charset=utf-8']);
    const download = await service.http().get(`/files/${response.body.attachments[1].id}`).set(clerk).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(download.body as Buffer, csv)).toBe(0);
  });

  it('refuses an oversized file with 413 naming the field, storing nothing', async () => {
    await leavesNothing(async () => {
      const response = await service.http().post(`/records/${randomUUID()}/files`).set(clerk).attach('file', pdfOf(MAX_BYTES + 1), 'grande.pdf').expect(413);
      expect(response.body.message).toBe('file: el archivo excede el límite de 1 MiB');
    });
  });

  it('refuses an executable named .pdf with 415 naming the field, storing nothing', async () => {
    await leavesNothing(async () => {
      const response = await service
        .http()
        .post(`/records/${randomUUID()}/files`)
        .set(clerk)
        .attach('file', executable, { filename: 'oficio.pdf', contentType: 'application/pdf' })
        .expect(415);
      expect(response.body.message).toMatch(/^file: el contenido es un ejecutable de Windows; se admiten PDF/);
    });
  });

  it('stores all files of a request or none: a disguised second file undoes the first', async () => {
    const recordId = randomUUID();
    await leavesNothing(async () => {
      await service
        .http()
        .post(`/records/${recordId}/files`)
        .set(clerk)
        .attach('file', pdfOf(300 * 1024), 'bueno.pdf')
        .attach('file', executable, 'malo.pdf')
        .expect(415);
    });
    const listed = await service.http().get(`/records/${recordId}/files`).set(clerk).expect(200);
    expect(listed.body).toEqual([]);
  });

  it('refuses a request that is not multipart, lacks the file or uses another field', async () => {
    await leavesNothing(async () => {
      const notMultipart = await service.http().post(`/records/${randomUUID()}/files`).set(clerk).send({ file: 'x' }).expect(415);
      expect(notMultipart.body.message).toMatch(/^Content-Type: se espera multipart\/form-data/);
      const missing = await service.http().post(`/records/${randomUUID()}/files`).set(clerk).field('nota', 'sin archivo').expect(400);
      expect(missing.body.message).toBe('file: falta el archivo');
      const otherField = await service.http().post(`/records/${randomUUID()}/files`).set(clerk).attach('documento', pdfOf(1024), 'a.pdf').expect(400);
      expect(otherField.body.message).toMatch(/^documento: campo de archivo inesperado/);
    });
  });

  it('leaves nothing behind when the client goes away mid-upload, and keeps serving', async () => {
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    const boundary = 'limite-de-prueba';
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="escaneo.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    await leavesNothing(async () => {
      await new Promise<void>((resolve) => {
        const request = httpRequest({
          port,
          method: 'POST',
          path: `/records/${randomUUID()}/files`,
          headers: { ...clerk, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + 800 * 1024) },
        });
        request.on('error', () => resolve());
        request.write(head);
        // Past one stored chunk, so rows were written inside the transaction before the client leaves.
        request.write(pdfOf(400 * 1024), () => setTimeout(() => { request.destroy(); resolve(); }, 300));
      });
      // The rollback follows the disconnect, a moment later on a busy machine: wait until the upload's transaction is
      // gone. Nothing committed is not enough: a transaction left hanging open would hold its connection for ever.
      await eventually('the abandoned upload to be rolled back', async () => {
        const [open] = await database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        );
        return open.n === 0;
      }, 10_000);
    });
    await service.http().post(`/records/${randomUUID()}/files`).set(clerk).attach('file', pdfOf(1024), 'despues.pdf').expect(201);
  });

  it("answers 404 for another tenant's file, as for an unknown one", async () => {
    const recordId = randomUUID();
    const upload = await service.http().post(`/records/${recordId}/files`).set(clerk).attach('file', pdfOf(1024), 'propio.pdf').expect(201);
    const id = upload.body.attachments[0].id;
    const foreign = await service.http().get(`/files/${id}`).set(stranger).expect(404);
    expect(foreign.body.message).toBe(`id: no existe el adjunto ${id}`);
    await service.http().get(`/files/${randomUUID()}`).set(clerk).expect(404);
    await leavesNothing(() => service.http().delete(`/files/${id}`).set(stranger).expect(404));
    expect((await service.http().get(`/records/${recordId}/files`).set(stranger).expect(200)).body).toEqual([]);
  });

  it('removes a file with its bytes and an audit entry', async () => {
    const upload = await service.http().post(`/records/${randomUUID()}/files`).set(clerk).attach('file', pdfOf(300 * 1024), 'quitar.pdf').expect(201);
    const id = upload.body.attachments[0].id;
    await service.http().delete(`/files/${id}`).set(clerk).expect(200);
    await service.http().get(`/files/${id}`).set(clerk).expect(404);
    expect(await database.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.attachment_chunk WHERE attachment_id = $1`, [id])).toEqual([{ n: 0 }]);
    const audit = await database.query(`SELECT action, actor FROM ${SCHEMA}.audit_entry WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit).toEqual([
      { action: 'created', actor: 'oficialia-1' },
      { action: 'deleted', actor: 'oficialia-1' },
    ]);
  });

  it("writes in the caller's transaction: rolled back with it, committed with it", async () => {
    const attachments = service.app.get(AttachmentsService);
    const dataSource = service.app.get(DataSource);
    const owner = { type: TEST_OWNER_TYPE, id: randomUUID() };
    const meta = { filename: 'generado.pdf', uploadedBy: 'proceso-1' };
    await leavesNothing(() =>
      expect(
        dataSource.transaction(async (manager) => {
          await attachments.store(tenant, owner, Readable.from([pdfOf(300 * 1024)]), meta, manager);
          throw new Error('the caller changed its mind');
        }),
      ).rejects.toThrow('the caller changed its mind'),
    );
    const bytes = pdfOf(4096);
    const kept = await dataSource.transaction((manager) => attachments.store(tenant, owner, Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), meta, manager));
    expect(await attachments.list(tenant, owner)).toEqual([expect.objectContaining({ id: kept.id, sha256: createHash('sha256').update(bytes).digest('hex') })]);
  });

  it('documents the multipart body and every endpoint', async () => {
    const document = await service.http().get('/docs-json').expect(200);
    expect(undocumentedOperations(document.body)).toEqual([]);
    const upload = document.body.paths['/records/{recordId}/files'].post;
    expect(upload.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'array', items: { type: 'string', format: 'binary' } });
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '400', '413', '415']));
  });
});
