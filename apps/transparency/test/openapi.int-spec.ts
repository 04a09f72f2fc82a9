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
    // The files of answers and resolutions: multipart upload with its refusals, and the binary download.
    for (const path of ['/turns/{turnId}/attachments', '/requests/{id}/answer/attachments', '/appeals/{id}/resolution/attachments']) {
      const upload = response.body.paths[path].post;
      expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
      expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '403', '409', '413', '415']));
      expect(upload.responses['201'].content['application/json'].schema.example.attachments[0].ownerType).toMatch(/^transparency\./);
      expect(response.body.paths[`${path}/{attachmentId}`].get.responses['200'].content).toHaveProperty('application/octet-stream');
    }
    const operationIds = Object.values(response.body.paths).flatMap((operations) => Object.values(operations as Record<string, { operationId: string }>).map((o) => o.operationId));
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(undocumentedOperations(response.body)).toEqual([]);
  });
});
