import { ROLES, Role, signDevToken } from '@tequio/auth';
import { ServiceDefinition } from '@tequio/platform';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { createTestDatabase } from './database';
import { startServiceInProcess } from './in-process-service';

interface MatrixParameter {
  name: string;
  in: string;
  schema?: { type?: string; format?: string; enum?: unknown[] };
}

interface MatrixOperation {
  'x-public'?: boolean;
  'x-roles'?: Role[];
  'x-unregistered-tenant'?: boolean;
  parameters?: MatrixParameter[];
  responses?: Record<string, unknown>;
}

export interface MatrixDocument {
  paths: Record<string, Record<string, MatrixOperation>>;
}

/** Who calls, and what the guards must answer. */
export type MatrixCaller =
  | { kind: 'no-token' }
  | { kind: 'expired' }
  | { kind: 'foreign-key' }
  | { kind: 'unregistered-tenant'; roles: Role[] }
  | { kind: 'role'; roles: Role[] };

export interface MatrixCase {
  /** `METHOD /path` as the document names the operation. */
  operation: string;
  method: string;
  /** The path with its parameters filled in. */
  url: string;
  caller: MatrixCaller;
  /** 'allowed': anything but 401 and 403 (the random ids may well answer 400 or 404). */
  expect: 401 | 403 | 'allowed';
  /** Why this allowed role may still get a 403 here (unit scope, ownership): from the exceptions the caller passed. */
  exception?: string;
  /** The statuses the operation documents. */
  documented: string[];
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
const WITH_BODY = new Set(['post', 'put', 'patch']);

/** A syntactically valid value for a path parameter: a uuid for ids, the first value of an enum, a plausible word otherwise. */
export function pathParameterValue(parameter: MatrixParameter | undefined, name: string): string {
  const schema = parameter?.schema ?? {};
  if (schema.enum?.length) return String(schema.enum[0]);
  if (name === 'year') return String(new Date().getFullYear());
  if (/date$/i.test(name)) return new Date().toISOString().slice(0, 10);
  if (schema.format === 'uuid' || /(^id|Id)$/.test(name)) return randomUUID();
  if (schema.type === 'integer' || schema.type === 'number') return String(1 + Math.floor(Math.random() * 1000));
  return `matrix-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Every check the authorization matrix makes for a document, one per operation and caller:
 * - not @Public: no token, an expired token and a token signed with another key → 401; a token of an unregistered
 *   municipality → 403 (except @AllowUnregisteredTenant routes, where it must get past the guards);
 * - @Roles: a token holding every role NOT in the list → 403; each listed role alone gets past the guards;
 * - without @Roles: each role alone gets past the guards; @Public: no token gets past them.
 * `exceptions` ("METHOD /path" → roles and reason) names the allowed roles that may still get a 403 from the service's
 * own unit-scope or ownership check.
 */
export function authorizationMatrixCases(document: MatrixDocument, exceptions: Record<string, MatrixException> = {}): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!HTTP_METHODS.has(method)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const url = path.replace(/\{([^}]+)\}/g, (_match, parameterName: string) =>
        encodeURIComponent(pathParameterValue(operation.parameters?.find((p) => p.in === 'path' && p.name === parameterName), parameterName)),
      );
      const base = { operation: name, method, url, documented: Object.keys(operation.responses ?? {}) };
      if (operation['x-public'] === true) {
        cases.push({ ...base, caller: { kind: 'no-token' }, expect: 'allowed' });
        continue;
      }
      const listed = operation['x-roles']?.length ? operation['x-roles'] : undefined;
      const allowed = listed ?? [...ROLES];
      const refused = ROLES.filter((role) => !allowed.includes(role));
      const exception = (role: Role) => (exceptions[name]?.roles.includes(role) ? { exception: exceptions[name].reason } : {});
      cases.push({ ...base, caller: { kind: 'no-token' }, expect: 401 });
      cases.push({ ...base, caller: { kind: 'expired' }, expect: 401 });
      cases.push({ ...base, caller: { kind: 'foreign-key' }, expect: 401 });
      cases.push({
        ...base,
        caller: { kind: 'unregistered-tenant', roles: [...allowed] },
        ...(operation['x-unregistered-tenant'] === true ? { expect: 'allowed' as const } : { expect: 403 as const }),
      });
      if (refused.length > 0) cases.push({ ...base, caller: { kind: 'role', roles: refused }, expect: 403 });
      for (const role of allowed) cases.push({ ...base, caller: { kind: 'role', roles: [role] }, expect: 'allowed', ...exception(role) });
    }
  }
  return cases;
}

/** Roles a route lists that the service itself may still refuse (unit scope, ownership), and why. */
export interface MatrixException {
  roles: Role[];
  reason: string;
}

export interface AuthorizationMatrixOptions {
  /** A registered, active municipality (default: the dev tokens' oaxaca-de-juarez). */
  tenant?: string;
  /** Units the tokens of allowed roles carry, e.g. the unit a service's own rule requires (default: none). */
  units?: string[];
  /** "METHOD /path" → roles the service itself may refuse with 403, and why (keep them few). */
  exceptions?: Record<string, MatrixException>;
}

export interface AuthorizationMatrixResult {
  /** How many requests were made. */
  checked: number;
  /** One line per wrong or undocumented answer; empty when the service keeps every promise of its document. */
  problems: string[];
}

/**
 * Runs every case of authorizationMatrixCases() against a running service (bodies are `{}`: the guards answer before
 * validation) and reports each answer that is not the expected one or whose status the operation does not document.
 */
export async function checkAuthorizationMatrix(
  http: () => supertest.Agent,
  document: MatrixDocument,
  options: AuthorizationMatrixOptions = {},
): Promise<AuthorizationMatrixResult> {
  const tenant = options.tenant ?? 'oaxaca-de-juarez';
  const unregistered = `matrix-unregistered-${randomUUID().slice(0, 8)}`;
  // A key pair the service has never seen: its tokens are well formed, with the right issuer and audience.
  const foreignKeysDir = mkdtempSync(join(tmpdir(), 'tequio-matrix-keys-'));
  const sub = `matrix-${randomUUID().slice(0, 8)}`;
  const token = (caller: MatrixCaller): string | undefined => {
    switch (caller.kind) {
      case 'no-token':
        return undefined;
      case 'expired':
        return signDevToken({ roles: ['admin'], tenant, sub, expiresIn: -60 });
      case 'foreign-key':
        return signDevToken({ roles: ['admin'], tenant, sub }, { keysDir: foreignKeysDir });
      case 'unregistered-tenant':
        return signDevToken({ roles: caller.roles, tenant: unregistered, sub, units: options.units });
      case 'role':
        return signDevToken({ roles: caller.roles, tenant, sub, units: options.units });
    }
  };
  const cases = authorizationMatrixCases(document, options.exceptions);
  const problems = Object.keys(options.exceptions ?? {})
    .filter((name) => !cases.some((matrixCase) => matrixCase.operation === name))
    .map((name) => `${name}: listed as an exception but not in the document`);
  for (const matrixCase of cases) {
    const bearer = token(matrixCase.caller);
    let request = (http() as unknown as Record<string, (url: string) => supertest.Test>)[matrixCase.method](matrixCase.url);
    if (bearer) request = request.set('Authorization', `Bearer ${bearer}`);
    const response = await (WITH_BODY.has(matrixCase.method) ? request.send({}) : request);
    const status = response.status;
    const who = describeCaller(matrixCase.caller);
    const wrong =
      matrixCase.expect === 'allowed'
        ? status === 401 || (status === 403 && !matrixCase.exception)
        : status !== matrixCase.expect;
    if (matrixCase.exception && status !== 403) problems.push(`${matrixCase.operation} ${who}: listed as an exception (${matrixCase.exception}) but answered ${status}; drop it`);
    if (wrong) {
      const expected = matrixCase.expect === 'allowed' ? 'past the guards' : String(matrixCase.expect);
      problems.push(`${matrixCase.operation} ${who}: expected ${expected}, got ${status} ${summary(response.body)}`);
    }
    const documented = matrixCase.documented.includes(String(status)) || matrixCase.documented.includes(`${String(status)[0]}XX`);
    if (!documented) problems.push(`${matrixCase.operation} ${who}: answered ${status}, not documented (${matrixCase.documented.join(', ')}) ${summary(response.body)}`);
  }
  return { checked: cases.length, problems: [...new Set(problems)] };
}

function describeCaller(caller: MatrixCaller): string {
  if (caller.kind === 'role') return `as ${caller.roles.join('+')}`;
  if (caller.kind === 'unregistered-tenant') return `as ${caller.roles.join('+')} of an unregistered municipality`;
  return `with ${caller.kind}`;
}

function summary(body: unknown): string {
  const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : undefined;
  return message === undefined ? '' : `(${JSON.stringify(message).slice(0, 160)})`;
}

/**
 * The matrix as a test of a service, booted in process on its own database: every operation of its OpenAPI
 * document answers the guards' 401 and 403 as documented, and each allowed role gets past them.
 */
export function describeAuthorizationMatrix(definition: ServiceDefinition, options: AuthorizationMatrixOptions & { env?: Record<string, string> } = {}): void {
  describe(`${definition.name}: authorization matrix from its OpenAPI document`, () => {
    it('answers no token, expired, foreign key, unregistered municipality and each role as every operation documents', async () => {
      const database = await createTestDatabase();
      const service = await startServiceInProcess(definition, database, options.env);
      try {
        const document = (await service.http().get('/docs-json').expect(200)).body as MatrixDocument;
        const { checked, problems } = await checkAuthorizationMatrix(service.http, document, options);
        expect(problems).toEqual([]);
        // Every operation got at least one check, each guarded one at least five.
        expect(checked).toBeGreaterThanOrEqual(Object.values(document.paths).reduce((sum, operations) => sum + Object.keys(operations).length, 0));
      } finally {
        await service.close();
        await database.drop();
      }
    }, 120_000);
  });
}
