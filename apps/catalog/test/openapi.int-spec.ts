import { createTestDatabase, RunningService, startServiceInProcess, TestDatabase, undocumentedOperations } from '@tequio/testing';
import { catalogService } from '../src/catalog.definition';

describe('catalog OpenAPI document', () => {
  let database: TestDatabase;
  let catalog: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    catalog = await startServiceInProcess(catalogService, database);
  });

  afterAll(async () => {
    await catalog?.close();
    await database?.drop();
  });

  it('is served without a token and describes every endpoint with a summary and an example answer', async () => {
    const response = await catalog.http().get('/docs-json').expect(200);
    expect(response.body.info.title).toBe('Tequio · Catálogo');
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/units', '/indicators', '/programs/{programId}/mir-import', '/calendars/{year}', '/semaphore/{year}']));
    expect(undocumentedOperations(response.body)).toEqual([]);
    await catalog.http().get('/docs').expect(200);
  });
});
