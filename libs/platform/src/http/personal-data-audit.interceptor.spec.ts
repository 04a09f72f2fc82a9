import { operationName, personalDataReads } from './personal-data-audit.interceptor';

describe('personalDataReads', () => {
  const user = (roles: string[]) => ({ tenant: 'oaxaca-de-juarez', sub: 'oficialia@op', roles, units: ['402'] }) as never;
  const request = (roles: string[]) => ({ method: 'GET', route: { path: '/documents/:id' }, params: { id: 'doc-1' }, user: user(roles) });

  it('names the operation as the OpenAPI document does', () => {
    expect(operationName({ method: 'get', route: { path: '/turns/:turnId/attachments/:attachmentId' } })).toBe('GET /turns/{turnId}/attachments/{attachmentId}');
  });

  it('records who read which record, in which municipality, through which route', () => {
    expect(personalDataReads({ entity: 'document', param: 'id' }, request(['clerk']), {})).toEqual([
      { tenant: 'oaxaca-de-juarez', actor: 'oficialia@op', entityType: 'document', entityId: 'doc-1', action: 'personal_data_read', reason: 'GET /documents/{id}' },
    ]);
  });

  it('records nothing for a caller who only holds roles answered without the personal data', () => {
    const route = { entity: 'document', param: 'id', withheldFrom: ['planning', 'auditor'] as never };
    expect(personalDataReads(route, request(['planning', 'auditor']), {})).toEqual([]);
    expect(personalDataReads(route, request(['planning', 'clerk']), {})).toHaveLength(1);
  });

  it('records one entry per item of a list', () => {
    const reads = personalDataReads({ entity: 'transparency_request' }, { ...request(['clerk']), route: { path: '/requests' } }, { items: [{ id: 'a' }, { id: 'b' }] });
    expect(reads.map((read) => [read.entityId, read.reason])).toEqual([['a', 'GET /requests'], ['b', 'GET /requests']]);
  });
});
