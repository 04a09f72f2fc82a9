import { ROLES } from '@tequio/auth';
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

  it('names the roles of staff-only routes, and lets every role of a turned unit answer its turn', async () => {
    const { paths } = (await service.http().get('/docs-json').expect(200)).body;
    const staff = ['admin', 'unit_head', 'clerk'];
    for (const [path, method] of [['/requests', 'get'], ['/requests/{id}/requester', 'get'], ['/appeals/{id}', 'get'], ['/complaints', 'post'], ['/trainings', 'get'], ['/requests/{id}/answer/attachments', 'post'], ['/appeals/{id}/resolution/attachments/{attachmentId}', 'get']]) {
      expect({ path, roles: paths[path][method]['x-roles'] }).toEqual({ path, roles: staff });
    }
    expect(paths['/appeals/{id}/turns/{turnId}/answer'].post['x-roles']).toEqual([...ROLES]);
    expect(paths['/turns/{turnId}/answer'].post['x-roles']).toBeUndefined();
    expect(paths['/turns/{turnId}/attachments'].post['x-roles']).toBeUndefined();
  });
});
