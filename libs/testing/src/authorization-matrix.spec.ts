import { loadOrCreateDevKeyPair } from '@tequio/auth';
import jwt from 'jsonwebtoken';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { authorizationMatrixCases, checkAuthorizationMatrix, MatrixCase } from './authorization-matrix';

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

describe('checkAuthorizationMatrix', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'tequio-matrix-spec-'));
  const previous = process.env['AUTH_DEV_KEYS_DIR'];
  beforeAll(() => (process.env['AUTH_DEV_KEYS_DIR'] = keysDir));
  afterAll(() => (previous === undefined ? delete process.env['AUTH_DEV_KEYS_DIR'] : (process.env['AUTH_DEV_KEYS_DIR'] = previous)));

  /** A service with the platform's guards, where /items/{id} forgets its roles and /notes/{id} answers an undocumented 404. */
  const service = (exceptionsLeak = false) => {
    const publicKey = loadOrCreateDevKeyPair(keysDir).publicKey;
    return createServer((request, response) => {
      const answer = (status: number) => response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      if (!token) return answer(401);
      let claims: { tenant: string; roles: string[] };
      try {
        claims = jwt.verify(token, publicKey, { algorithms: ['RS256'] }) as typeof claims;
      } catch {
        return answer(401);
      }
      if (claims.tenant !== 'oaxaca-de-juarez') return answer(403);
      if (request.url?.startsWith('/admin-only/') && !claims.roles.includes('admin')) return answer(403);
      if (request.url?.startsWith('/scoped/') && (exceptionsLeak || claims.roles.includes('admin'))) return answer(404);
      if (request.url?.startsWith('/scoped/')) return answer(403);
      return answer(404);
    });
  };
  const guarded = { '200': {}, '401': {}, '403': {}, '404': {} };
  const matrixDocument = {
    paths: {
      '/admin-only/{id}': { get: { 'x-roles': ['admin' as const], responses: guarded } },
      '/items/{id}': { delete: { 'x-roles': ['admin' as const], responses: guarded } },
      '/notes/{id}': { get: { responses: { '200': {}, '401': {}, '403': {} } } },
      '/scoped/{id}': { post: { responses: guarded } },
    },
  };
  const staffOnly = { 'POST /scoped/{id}': { roles: ['planning' as const, 'unit_head' as const, 'clerk' as const, 'auditor' as const], reason: 'own unit only' } };

  it('names the operation that lets a refused role in, an undocumented status, and nothing else', async () => {
    const http = service();
    const { checked, problems } = await checkAuthorizationMatrix(() => supertest.agent(http), matrixDocument, { exceptions: staffOnly });
    // Four callers for every guarded operation, plus the refused roles (two operations) and each allowed role.
    expect(checked).toBe(4 * 4 + 2 + 1 + 1 + 5 + 5);
    // Reads run first, so a write cannot remove the record a read needs.
    expect(problems).toEqual([
      ...['admin', 'planning', 'unit_head', 'clerk', 'auditor'].map((role) => expect.stringMatching(new RegExp(`^GET /notes/\\{id\\} as ${role}: answered 404, not documented \\(200, 401, 403\\)`))),
      expect.stringMatching(/^DELETE \/items\/\{id\} as planning\+unit_head\+clerk\+auditor: expected 403, got 404/),
    ]);
  });

  it('fails an exception the service no longer needs, and one naming an operation the document lacks', async () => {
    const http = service(true);
    const { problems } = await checkAuthorizationMatrix(() => supertest.agent(http), { paths: { '/scoped/{id}': matrixDocument.paths['/scoped/{id}'] } }, {
      exceptions: { ...staffOnly, 'GET /gone': { roles: ['clerk'], reason: 'removed' } },
    });
    expect(problems).toEqual([
      'GET /gone: listed as an exception but not in the document',
      ...['planning', 'unit_head', 'clerk', 'auditor'].map((role) => `POST /scoped/{id} as ${role}: listed as an exception (own unit only) but answered 404; drop it`),
    ]);
  });
});

describe('checkAuthorizationMatrix with a fixture', () => {
  const keysDir = mkdtempSync(join(tmpdir(), 'tequio-matrix-scope-'));
  const previous = process.env['AUTH_DEV_KEYS_DIR'];
  beforeAll(() => (process.env['AUTH_DEV_KEYS_DIR'] = keysDir));
  afterAll(() => (previous === undefined ? delete process.env['AUTH_DEV_KEYS_DIR'] : (process.env['AUTH_DEV_KEYS_DIR'] = previous)));

  const RECORD = '0b8f6c1e-5d2a-4c3b-9e7f-1a2b3c4d5e6f';
  const guarded = { '200': {}, '400': {}, '401': {}, '403': {}, '404': {} };
  const matrixDocument = {
    paths: {
      '/records': { get: { 'x-personal-data': true, 'x-personal-data-withheld-from': ['planning' as const], responses: guarded } },
      '/records/{id}': { get: { 'x-personal-data': true, 'x-personal-data-record': 'id', 'x-personal-data-withheld-from': ['planning' as const], responses: guarded, parameters: [{ name: 'id', in: 'path' }] } },
    },
  };

  /** Unit 402's record of oaxaca-de-juarez; `flaw` says which promise this service breaks. */
  const service = (flaw?: 'tenant' | 'unit' | 'audit') => {
    const publicKey = loadOrCreateDevKeyPair(keysDir).publicKey;
    const audit: Array<{ sub: string; tenant: string; entityId: string; reason: string }> = [];
    const server = createServer((request, response) => {
      const answer = (status: number, body: unknown = {}) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      let claims: { tenant: string; roles: string[]; units: string[]; sub: string };
      try {
        claims = jwt.verify(token ?? '', publicKey, { algorithms: ['RS256'] }) as typeof claims;
      } catch {
        return answer(401);
      }
      if (!['oaxaca-de-juarez', 'santa-maria-del-tule'].includes(claims.tenant)) return answer(403);
      const owner = claims.tenant === 'oaxaca-de-juarez' || flaw === 'tenant';
      const inUnit = claims.units.includes('402') || claims.roles.some((role) => ['admin', 'planning', 'auditor'].includes(role)) || flaw === 'unit';
      const read = (reason: string) => {
        if (flaw !== 'audit' && !claims.roles.every((role) => role === 'planning')) audit.push({ sub: claims.sub, tenant: claims.tenant, entityId: RECORD, reason });
      };
      if (request.url === '/records') {
        const items = owner && inUnit ? [{ id: RECORD }] : [];
        if (items.length) read('GET /records');
        return answer(200, { items });
      }
      if (request.url !== `/records/${RECORD}` || !owner) return answer(404);
      if (!inUnit) return answer(403);
      read('GET /records/{id}');
      return answer(200, { id: RECORD });
    });
    const scope = {
      fixture: async () => ({ records: { '/records/{id}': { params: { id: RECORD }, unit: '402' } } }),
      otherTenant: 'santa-maria-del-tule',
      auditEntries: async (sub: string) => audit.filter((entry) => entry.sub === sub),
    };
    return { http: () => supertest.agent(server), scope };
  };

  it('passes a service that keeps its records to its municipality and units and audits each personal-data read', async () => {
    const { http, scope } = service();
    expect((await checkAuthorizationMatrix(http, matrixDocument, { units: ['402'], scope })).problems).toEqual([]);
  });

  it('names a record another municipality gets, by its id or in a list', async () => {
    const { http, scope } = service('tenant');
    const { problems } = await checkAuthorizationMatrix(http, matrixDocument, { units: ['402'], scope });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^GET \/records as .* of santa-maria-del-tule: the answer carries another municipality's record/),
        expect.stringMatching(/^GET \/records\/\{id\} as .* of santa-maria-del-tule: expected 403 or 404 on another municipality's record, got 200/),
      ]),
    );
  });

  it("names a unit record another unit's head and clerk get", async () => {
    const { http, scope } = service('unit');
    const { problems } = await checkAuthorizationMatrix(http, matrixDocument, { units: ['402'], scope });
    expect(problems).toEqual([
      "GET /records/{id} as unit_head of another unit: expected 403 or 404 on unit 402's record, got 200 ",
      "GET /records/{id} as clerk of another unit: expected 403 or 404 on unit 402's record, got 200 ",
    ]);
  });

  it('names each successful personal-data read that left no audit entry, and not the roles it is withheld from', async () => {
    const { http, scope } = service('audit');
    const { problems } = await checkAuthorizationMatrix(http, matrixDocument, { units: ['402'], scope });
    const unaudited = problems.map((problem) => problem.match(/^(GET \S+) as (\S+): read personal data but the audit trail has no/)?.slice(1).join(' ') ?? problem);
    expect(unaudited.filter((line) => line.startsWith('GET /records/{id} '))).toEqual(['admin', 'unit_head', 'clerk', 'auditor'].map((role) => `GET /records/{id} ${role}`));
    expect(unaudited).toContain('GET /records admin');
  });
});
