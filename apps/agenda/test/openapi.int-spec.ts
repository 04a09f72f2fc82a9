import { createTestDatabase, RunningService, startServiceInProcess, TestDatabase, undocumentedOperations } from '@tequio/testing';
import { agendaService } from '../src/agenda.definition';

describe('agenda OpenAPI document', () => {
  let database: TestDatabase;
  let agenda: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    agenda = await startServiceInProcess(agendaService, database);
  });

  afterAll(async () => {
    await agenda?.close();
    await database?.drop();
  });

  it('is served without a token and describes every endpoint with a summary and an example answer', async () => {
    const response = await agenda.http().get('/docs-json').expect(200);
    expect(response.body.info.title).toBe('Tequio · Agenda');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/activities', '/activities/{id}/status', '/cabinet-meetings/{id}/minutes', '/weekly-agendas/compliance', '/statistics', '/feeds/{file}', '/alliances']),
    );
    expect(undocumentedOperations(response.body)).toEqual([]);
  });
});
