import { createTestDatabase, RunningService, startServiceInProcess, TestDatabase, undocumentedOperations } from '@tequio/testing';
import { transparencyService } from '../src/transparency.definition';

describe('transparency OpenAPI document', () => {
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startServiceInProcess(transparencyService, database, { TRANSPARENCY_DEADLINE_JOB_MS: '0' });
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('describes every endpoint with a summary and an example answer', async () => {
    const response = await service.http().get('/docs-json').expect(200);
    expect(response.body.info.title).toBe('Tequio · Transparencia');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/requests', '/requests/{id}/deadlines', '/turns/{turnId}/answer', '/appeals', '/complaints', '/trainings', '/statistics', '/statistics/consistency']),
    );
    expect(undocumentedOperations(response.body)).toEqual([]);
  });
});
