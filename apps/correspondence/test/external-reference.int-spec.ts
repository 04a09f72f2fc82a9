import { bearer, createTestDatabase, registerTenants, RunningService, startServiceInProcess, TestDatabase, uniqueTenant } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';
import { citizenDocument, publishUnits } from './support';

describe('external reference of a document (real PostgreSQL and Kafka)', () => {
  let database: TestDatabase;
  let service: RunningService;
  const tenant = uniqueTenant('ref');
  const otherTenant = uniqueTenant('ref2');
  const desk = bearer(['clerk'], { tenant, units: ['402'], sub: 'oficialia@ref' });
  const otherDesk = bearer(['clerk'], { tenant: otherTenant, units: ['402'], sub: 'oficialia@ref2' });
  const planning = bearer(['planning'], { tenant, sub: 'planeacion@ref' });

  beforeAll(async () => {
    database = await createTestDatabase();
    await registerTenants(database, tenant, otherTenant);
    service = await startServiceInProcess(correspondenceService, database);
    await publishUnits(database, tenant);
    await publishUnits(database, otherTenant);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const http = () => service.http();
  const written = async () =>
    (
      await database.query<{ documents: number; outbox: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM correspondence.document) AS documents, (SELECT count(*)::int FROM correspondence.outbox) AS outbox,
                (SELECT count(*)::int FROM correspondence.audit_entry) AS audit`,
      )
    )[0];

  let first: { id: string; folio: string };

  it('stores the reference, shows it in the document and in lists, and filters lists by it', async () => {
    const created = await http().post('/documents').set(desk).send(citizenDocument({ externalReference: ' SIGED-2025-000731 ' }));
    expect(created.status).toBe(201);
    expect(created.body.externalReference).toBe('SIGED-2025-000731');
    first = created.body;
    const other = await http().post('/documents').set(desk).send(citizenDocument({ externalReference: 'SIGED-2025-000732' }));
    expect(other.status).toBe(201);
    const plain = await http().post('/documents').set(desk).send(citizenDocument());
    expect(plain.status).toBe(201);
    expect(plain.body.externalReference).toBeNull();

    const [row] = await database.query<{ external_reference: string }>(`SELECT external_reference FROM correspondence.document WHERE id = $1`, [first.id]);
    expect(row.external_reference).toBe('SIGED-2025-000731');
    expect((await http().get(`/documents/${first.id}`).set(desk).expect(200)).body.externalReference).toBe('SIGED-2025-000731');

    const filtered = await http().get('/documents').query({ externalReference: 'SIGED-2025-000731' }).set(planning).expect(200);
    expect(filtered.body.items.map((d: { id: string }) => d.id)).toEqual([first.id]);
    expect(filtered.body.total).toBe(1);
    // Not personal data: planning, who never sees senders or subjects, sees it.
    expect(filtered.body.items[0]).toMatchObject({ externalReference: 'SIGED-2025-000731' });
    expect(filtered.body.items[0]).not.toHaveProperty('sender');
    const none = await http().get('/documents').query({ externalReference: 'SIGED-1999-000001' }).set(planning).expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const all = await http().get('/documents').set(planning).expect(200);
    expect(all.body.total).toBe(3);
  });

  it('refuses a second document with the same reference in the municipality: 409 naming the field and the existing document, nothing written', async () => {
    const before = await written();
    const duplicate = await http().post('/documents').set(desk).send(citizenDocument({ externalReference: 'SIGED-2025-000731', receivedAt: '2025-07-02T09:00:00-06:00' }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/^externalReference: /);
    expect(duplicate.body.message).toContain(first.id);
    expect(duplicate.body.existingDocumentId).toBe(first.id);
    expect(await written()).toEqual(before);
  });

  it('lets another municipality use the same reference', async () => {
    const elsewhere = await http().post('/documents').set(otherDesk).send(citizenDocument({ externalReference: 'SIGED-2025-000731' }));
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.id).not.toBe(first.id);
    const listed = await http().get('/documents').query({ externalReference: 'SIGED-2025-000731' }).set(planning).expect(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([first.id]);
  });

  it('lets exactly one of several simultaneous registrations with a new reference through; the others name it', async () => {
    const before = await written();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http()
          .post('/documents')
          .set(desk)
          .send(citizenDocument({ externalReference: 'SIGED-2025-000900', receivedAt: `2025-07-03T10:0${i}:00-06:00` })),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(5);
    for (const response of refused) expect(response.body).toMatchObject({ existingDocumentId: created[0].body.id, message: expect.stringMatching(/^externalReference: /) });
    const after = await written();
    expect(after.documents).toBe(before.documents + 1);
    // The losers' folios went back with their rolled-back transactions.
    const folios = await database.query<{ folio: string }>(`SELECT folio FROM correspondence.document WHERE tenant = $1 ORDER BY sequence_number`, [tenant]);
    expect(folios.map((f) => f.folio)).toEqual(['OP/2025/000001', 'OP/2025/000002', 'OP/2025/000003', 'OP/2025/000004']);
  });

  it.each([
    ['empty', '', /externalReference: no puede quedar vacío/],
    ['too long', 'X'.repeat(101), /externalReference: a lo más 100 caracteres/],
    ['a control character', 'SIGED\n2025', /externalReference: solo caracteres ASCII visibles/],
    ['not a string', 731, /externalReference/],
  ])('refuses a reference that is %s with a 400 naming the field, writing nothing', async (_, externalReference, message) => {
    const before = await written();
    const response = await http().post('/documents').set(desk).send(citizenDocument({ externalReference }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(message);
    expect(await written()).toEqual(before);
  });

  it('refuses a malformed reference filter with a 400 naming it', async () => {
    const response = await http().get('/documents').query({ externalReference: 'X'.repeat(101) }).set(planning);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.message)).toMatch(/externalReference/);
  });
});
