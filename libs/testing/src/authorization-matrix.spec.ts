import { authorizationMatrixCases, MatrixCase } from './authorization-matrix';

const responses = { '200': {}, '401': {}, '403': {} };
const document = {
  paths: {
    '/public': { get: { 'x-public': true, responses: { '200': {} } } },
    '/items/{id}': {
      get: { responses, parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }] },
      delete: { 'x-roles': ['admin' as const, 'planning' as const], responses, parameters: [{ name: 'id', in: 'path' }] },
    },
    '/calendars/{year}/{format}': { get: { responses, parameters: [{ name: 'format', in: 'path', schema: { enum: ['pdf', 'csv'] } }] } },
    '/municipalities': { post: { 'x-roles': ['admin' as const], 'x-unregistered-tenant': true, responses } },
  },
};
const caseOf = (cases: MatrixCase[], operation: string) => cases.filter((c) => c.operation === operation).map((c) => ({ caller: c.caller, expect: c.expect, exception: c.exception }));

describe('authorizationMatrixCases', () => {
  const cases = authorizationMatrixCases(document, { 'DELETE /items/{id}': { roles: ['planning'], reason: 'own unit only' } });

  it('checks a public operation without a token only', () => {
    expect(caseOf(cases, 'GET /public')).toEqual([{ caller: { kind: 'no-token' }, expect: 'allowed', exception: undefined }]);
  });

  it('refuses bad tokens with 401, an unregistered municipality and the roles not listed with 403, and lets each listed role past', () => {
    expect(caseOf(cases, 'DELETE /items/{id}')).toEqual([
      { caller: { kind: 'no-token' }, expect: 401, exception: undefined },
      { caller: { kind: 'expired' }, expect: 401, exception: undefined },
      { caller: { kind: 'foreign-key' }, expect: 401, exception: undefined },
      { caller: { kind: 'unregistered-tenant', roles: ['admin', 'planning'] }, expect: 403, exception: undefined },
      { caller: { kind: 'role', roles: ['unit_head', 'clerk', 'auditor'] }, expect: 403, exception: undefined },
      { caller: { kind: 'role', roles: ['admin'] }, expect: 'allowed', exception: undefined },
      { caller: { kind: 'role', roles: ['planning'] }, expect: 'allowed', exception: 'own unit only' },
    ]);
  });

  it('lets every role past an operation without x-roles, and has no refused-roles case', () => {
    const roles = caseOf(cases, 'GET /items/{id}').filter((c) => c.caller.kind === 'role');
    expect(roles).toEqual(['admin', 'planning', 'unit_head', 'clerk', 'auditor'].map((role) => ({ caller: { kind: 'role', roles: [role] }, expect: 'allowed', exception: undefined })));
  });

  it('lets an unregistered municipality past an @AllowUnregisteredTenant operation', () => {
    expect(caseOf(cases, 'POST /municipalities').find((c) => c.caller.kind === 'unregistered-tenant')).toEqual({ caller: { kind: 'unregistered-tenant', roles: ['admin'] }, expect: 'allowed', exception: undefined });
  });

  it('fills path parameters with syntactically valid values: a uuid for ids, a year, an enum value', () => {
    const url = (operation: string) => cases.find((c) => c.operation === operation)?.url;
    expect(url('GET /items/{id}')).toMatch(/^\/items\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(url('GET /calendars/{year}/{format}')).toBe(`/calendars/${new Date().getFullYear()}/pdf`);
  });

  it('carries the documented statuses of each operation', () => {
    expect(cases.find((c) => c.operation === 'GET /public')?.documented).toEqual(['200']);
    expect(cases.find((c) => c.operation === 'POST /municipalities')?.documented).toEqual(['200', '401', '403']);
  });
});
