import { createTestDatabase, RunningService, startServiceInProcess, TestDatabase, undocumentedOperations } from '@tequio/testing';
import { correspondenceService } from '../src/correspondence.definition';

describe('correspondence OpenAPI document', () => {
  let database: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startServiceInProcess(correspondenceService, database);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('is served without a token and describes every endpoint with a summary and an example answer', async () => {
    const response = await service.http().get('/docs-json').expect(200);
    expect(response.body.info.title).toBe('Tequio · Correspondencia');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/documents',
        '/documents/{id}/turns',
        '/documents/{id}/answers',
        '/documents/{id}/attachments',
        '/tracking',
        '/hearings',
        '/statistics/documents',
        '/statistics/hearings',
        '/settings',
      ]),
    );
    expect(undocumentedOperations(response.body)).toEqual([]);
    await service.http().get('/docs').expect(200);
  });
});
