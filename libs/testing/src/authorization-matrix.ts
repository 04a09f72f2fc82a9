import { ROLES, Role, signDevToken } from '@tequio/auth';
import { registerTenants } from '@tequio/devstack';
import { ServiceDefinition } from '@tequio/platform';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { createTestDatabase, TestDatabase } from './database';
import { startServiceInProcess } from './in-process-service';
import { ExampleDocument, ExampleSchema, exampleValue } from './openapi-examples';

interface MatrixParameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: ExampleSchema;
}

interface MatrixOperation {
  'x-public'?: boolean;
  'x-roles'?: Role[];
  'x-unregistered-tenant'?: boolean;
  'x-personal-data'?: boolean;
  'x-personal-data-withheld-from'?: Role[];
  'x-personal-data-record'?: string;
  parameters?: MatrixParameter[];
  requestBody?: { content?: Record<string, { schema?: ExampleSchema }> };
  responses?: Record<string, unknown>;
}

export interface MatrixDocument extends ExampleDocument {
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
  /** The path template. */
  path: string;
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
      const base = { operation: name, path, method, url, documented: Object.keys(operation.responses ?? {}) };
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

/** A record the fixture created through the API, and the operations that act on it. */
export interface MatrixRecord {
  /** Path parameter values of the operations under this path ("/documents/{id}" → { id }). */
  params: Record<string, string>;
  /** The unit the record belongs to: a head or clerk of another unit must be refused (403 or 404). */
  unit?: string;
  /** The same for every municipality (the metric registry): another municipality may read it. */
  shared?: boolean;
}

/** What a service's matrix fixture made: its records, and values for path parameters and body fields by name. */
export interface MatrixFixture {
  /**
   * Path template prefix → record: an operation whose path starts with it acts on that record (longest prefix wins);
   * a key "METHOD /path" names one operation's own record (a delete that needs a record nothing else refers to).
   */
  records: Record<string, MatrixRecord>;
  /** Values of path and query parameters and body fields by name, for every operation ("unitCode": "801"). */
  values?: Record<string, unknown>;
  /**
   * "METHOD /path" → body fields replacing the example's (an example that contradicts the fixture's record), or a
   * function of the example giving the whole body. A value `{tenant}` anywhere becomes the caller's municipality.
   */
  bodies?: Record<string, Record<string, unknown> | ((example: Record<string, unknown>) => object)>;
  /** Stops what the fixture started (another service), once the matrix is done. */
  close?: () => Promise<void>;
}

/** Signs a token of the matrix's municipality (or another) for the fixture's requests. */
export type MatrixSigner = (roles: Role[], options?: { units?: string[]; tenant?: string }) => string;

export interface AuthorizationMatrixOptions {
  /**
   * The tokens' municipality (default: the dev tokens' oaxaca-de-juarez). describeAuthorizationMatrix registers it;
   * checkAuthorizationMatrix expects it registered and active.
   */
  tenant?: string;
  /** Units the tokens of allowed roles carry, e.g. the unit a service's own rule requires (default: none). */
  units?: string[];
  /** "METHOD /path" → roles the service itself may refuse with 403, and why (keep them few). */
  exceptions?: Record<string, MatrixException>;
  /**
   * Real records and the scope checks: each operation gets its path ids and body fields from the fixture and its
   * bodies from the document's examples; another registered municipality must never get or see a record
   * (403/404 on its ids, none of its ids in any answer); another unit's heads and clerks get 403/404 on a unit's
   * record; each operation answers 2xx to at least one allowed caller (or is listed in `unreached`, with why);
   * a successful read of an `x-personal-data` operation leaves its audit entries (`auditEntries`).
   */
  scope?: {
    fixture: (http: () => supertest.Agent, sign: MatrixSigner, database?: TestDatabase) => Promise<MatrixFixture>;
    /** A registered municipality other than `tenant`. */
    otherTenant: string;
    /** Units of the "another unit" tokens (default ['999']). */
    otherUnits?: string[];
    /** "METHOD /path" → why no allowed caller can get a 2xx from it here (a listed one that does fails). */
    unreached?: Record<string, string>;
    /** "METHOD /path" → why another unit may act on a unit's record there (a listed one that refuses it fails). */
    openToEveryUnit?: Record<string, string>;
    /** The audit entries `personal_data_read` a caller (JWT subject) left. */
    auditEntries: (sub: string) => Promise<Array<{ tenant: string; entityId: string; reason: string | null }>>;
  };
}

export interface AuthorizationMatrixResult {
  /** How many requests were made. */
  checked: number;
  /** One line per wrong or undocumented answer; empty when the service keeps every promise of its document. */
  problems: string[];
  /** Operations that answered 2xx to an allowed caller (with `scope`). */
  succeeded?: string[];
}

const SCOPE_ROLES: Role[] = ['unit_head', 'clerk'];
/** A fixture value that stands for the caller's municipality (a municipality's own record, its bootstrap). */
export const TENANT_PLACEHOLDER = '{tenant}';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads before writes, and what ends a record (cancel, delete) last, so each operation finds its record alive. */
function operationRank(matrixCase: MatrixCase): number {
  if (matrixCase.method === 'get') return 0;
  if (matrixCase.method === 'delete' || /\/(cancel|cancellation|deactivate)$/.test(matrixCase.path)) return 2;
  return 1;
}

/**
 * Runs every case of authorizationMatrixCases() against a running service and reports each answer that is not the
 * expected one or whose status the operation does not document; with `scope`, also the scope checks above.
 */
export async function checkAuthorizationMatrix(
  http: () => supertest.Agent,
  document: MatrixDocument,
  options: AuthorizationMatrixOptions = {},
): Promise<AuthorizationMatrixResult> {
  const tenant = options.tenant ?? 'oaxaca-de-juarez';
  // A fresh one per request: the bootstrap (POST /municipalities) registers the municipality its token names.
  const unregisteredTenant = () => `matrix-unregistered-${randomUUID().slice(0, 8)}`;
  // A key pair the service has never seen: its tokens are well formed, with the right issuer and audience.
  const foreignKeysDir = mkdtempSync(join(tmpdir(), 'tequio-matrix-keys-'));
  let callers = 0;
  // One subject per request, so the audit trail says which request left an entry.
  const nextSub = () => `matrix-${callers++}-${randomUUID().slice(0, 8)}`;
  const sign: MatrixSigner = (roles, signOptions = {}) =>
    signDevToken({ roles, tenant: signOptions.tenant ?? tenant, sub: nextSub(), units: signOptions.units ?? options.units });
  const token = (caller: MatrixCaller, unregistered: string): string | undefined => {
    switch (caller.kind) {
      case 'no-token':
        return undefined;
      case 'expired':
        return signDevToken({ roles: ['admin'], tenant, sub: nextSub(), expiresIn: -60 });
      case 'foreign-key':
        return signDevToken({ roles: ['admin'], tenant, sub: nextSub() }, { keysDir: foreignKeysDir });
      case 'unregistered-tenant':
        return sign(caller.roles, { tenant: unregistered });
      case 'role':
        return sign(caller.roles);
    }
  };
  const scope = options.scope;
  const fixture: MatrixFixture = scope ? await scope.fixture(http, sign) : { records: {} };
  try {
    return await runMatrix();
  } finally {
    await fixture.close?.();
  }

  async function runMatrix(): Promise<AuthorizationMatrixResult> {
    const recordIds = new Set(
      Object.values(fixture.records)
        .filter((record) => !record.shared)
        .flatMap((record) => Object.values(record.params).filter((value) => UUID.test(value))),
    );
    const recordOf = ({ method, path }: { method: string; path: string }): MatrixRecord | undefined => {
      const own = fixture.records[`${method.toUpperCase()} ${path}`];
      if (own) return own;
      const prefix = Object.keys(fixture.records)
        .filter((candidate) => path === candidate || path.startsWith(`${candidate}/`))
        .sort((a, b) => b.length - a.length)[0];
      return prefix === undefined ? undefined : fixture.records[prefix];
    };

    /** The request of a case: the fixture's ids in the path, required query parameters, the example body. */
    const send = (matrixCase: MatrixCase, bearer: string | undefined, callerTenant = tenant): supertest.Test => {
      const operation = document.paths[matrixCase.path][matrixCase.method];
      const record = recordOf(matrixCase);
      const values = { ...fixture.values, ...record?.params };
      let url = matrixCase.url;
      const query: Record<string, string> = {};
      if (scope) {
        url = matrixCase.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
          const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
          const value = values[name] ?? parameter?.example ?? parameter?.schema?.example ?? pathParameterValue(parameter, name);
          return encodeURIComponent(String(value === TENANT_PLACEHOLDER ? callerTenant : value));
        });
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in !== 'query' || !parameter.required) continue;
          query[parameter.name] = String(values[parameter.name] ?? parameter.example ?? exampleValue(parameter.schema, document));
        }
      }
      let request = (http() as unknown as Record<string, (url: string) => supertest.Test>)[matrixCase.method](url).query(query);
      if (bearer) request = request.set('Authorization', `Bearer ${bearer}`);
      if (!WITH_BODY.has(matrixCase.method)) return request;
      const content = operation.requestBody?.content ?? {};
      if (!scope || !operation.requestBody) return request.send({});
      if (content['multipart/form-data']) {
        const field = Object.keys(content['multipart/form-data'].schema?.properties ?? { file: {} })[0];
        return request.attach(field, Buffer.from('Matriz de autorización\n'), { filename: 'matriz.txt', contentType: 'text/plain' });
      }
      if (!content['application/json']) return request.send({});
      const example = exampleValue(content['application/json'].schema, document, values) as Record<string, unknown>;
      const override = fixture.bodies?.[matrixCase.operation];
      const body = typeof override === 'function' ? override(example) : { ...example, ...override };
      return request.send(JSON.parse(JSON.stringify(body), (_key, value: unknown) => (value === TENANT_PLACEHOLDER ? callerTenant : value)));
    };

    const cases = authorizationMatrixCases(document, options.exceptions).sort((a, b) => operationRank(a) - operationRank(b));
    const problems = Object.keys(options.exceptions ?? {})
      .filter((name) => !cases.some((matrixCase) => matrixCase.operation === name))
      .map((name) => `${name}: listed as an exception but not in the document`);
    for (const listed of [scope?.unreached, scope?.openToEveryUnit]) {
      for (const name of Object.keys(listed ?? {})) {
        if (!cases.some((matrixCase) => matrixCase.operation === name)) problems.push(`${name}: listed in the matrix options but not in the document`);
      }
    }
    const succeeded = new Set<string>();
    const openedByOtherUnit = new Set<string>();
    let checked = 0;
    const documentedStatus = (matrixCase: MatrixCase, status: number) =>
      matrixCase.documented.includes(String(status)) || matrixCase.documented.includes(`${String(status)[0]}XX`);

    let scopeChecked = '';
    for (const matrixCase of cases) {
      if (scope && matrixCase.expect === 'allowed' && matrixCase.caller.kind === 'role' && scopeChecked !== matrixCase.operation) {
        // Before the first allowed caller acts on the record: another municipality, another unit.
        scopeChecked = matrixCase.operation;
        checked += await checkScope(matrixCase);
      }
      checked += 1;
      const unregistered = unregisteredTenant();
      const bearer = token(matrixCase.caller, unregistered);
      const response = await send(matrixCase, bearer, matrixCase.caller.kind === 'unregistered-tenant' ? unregistered : tenant);
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
      if (!documentedStatus(matrixCase, status)) problems.push(`${matrixCase.operation} ${who}: answered ${status}, not documented (${matrixCase.documented.join(', ')}) ${summary(response.body)}`);
      if (process.env['MATRIX_DEBUG'] && matrixCase.expect === 'allowed' && (status < 200 || status >= 300)) {
        process.stderr.write(`${matrixCase.operation} ${who}: ${status} ${summary(response.body)}\n`);
      }
      if (scope && matrixCase.expect === 'allowed' && status >= 200 && status < 300) {
        succeeded.add(matrixCase.operation);
        if (matrixCase.caller.kind === 'role' && bearer) await checkAudit(matrixCase, bearer, response.body);
      }
    }

    /** Another municipality's token (every allowed role, the same units), then another unit's heads and clerks. */
    async function checkScope(matrixCase: MatrixCase): Promise<number> {
      if (!scope) return 0;
      const operation = document.paths[matrixCase.path][matrixCase.method];
      const allowed = operation['x-roles']?.length ? operation['x-roles'] : [...ROLES];
      const record = recordOf(matrixCase);
      let made = 1;
      const foreign = await send(matrixCase, sign(allowed, { tenant: scope.otherTenant }));
      // An id the request itself named may come back in the refusal ("no existe el documento …"); any other is a leak.
      const sent = JSON.stringify([foreign.request.url, (foreign.request as unknown as { _data?: unknown })._data ?? null]);
      const leaked = [...recordIds].filter((id) => !sent.includes(id) && (foreign.text ?? '').includes(id));
      // 400 (the other municipality's catalog has no such unit, the body is invalid there) reveals nothing either.
      if (record && !record.shared && ![400, 403, 404].includes(foreign.status)) {
        problems.push(`${matrixCase.operation} as ${allowed.join('+')} of ${scope.otherTenant}: expected 403 or 404 on another municipality's record, got ${foreign.status} ${summary(foreign.body)}`);
      }
      if (leaked.length > 0) problems.push(`${matrixCase.operation} as ${allowed.join('+')} of ${scope.otherTenant}: the answer carries another municipality's record ${leaked[0]}`);
      if (!documentedStatus(matrixCase, foreign.status)) problems.push(`${matrixCase.operation} as another municipality: answered ${foreign.status}, not documented (${matrixCase.documented.join(', ')})`);
      if (!record?.unit) return made;
      const open = scope.openToEveryUnit?.[matrixCase.operation];
      for (const role of SCOPE_ROLES.filter((candidate) => allowed.includes(candidate))) {
        made += 1;
        const other = await send(matrixCase, sign([role], { units: scope.otherUnits ?? ['999'] }));
        const refused = other.status === 403 || other.status === 404;
        if (!refused) openedByOtherUnit.add(matrixCase.operation);
        if (!refused && !open) problems.push(`${matrixCase.operation} as ${role} of another unit: expected 403 or 404 on unit ${record.unit}'s record, got ${other.status} ${summary(other.body)}`);
        if (!documentedStatus(matrixCase, other.status)) problems.push(`${matrixCase.operation} as ${role} of another unit: answered ${other.status}, not documented (${matrixCase.documented.join(', ')})`);
      }
      return made;
    }

    /** A successful read of personal data left one `personal_data_read` per record it carried, by this caller, on this route. */
    async function checkAudit(matrixCase: MatrixCase, bearer: string, body: unknown): Promise<void> {
      const operation = document.paths[matrixCase.path][matrixCase.method];
      if (!scope || operation['x-personal-data'] !== true || matrixCase.caller.kind !== 'role') return;
      const roles = matrixCase.caller.roles;
      const withheld = operation['x-personal-data-withheld-from'] ?? [];
      const sub = (JSON.parse(Buffer.from(bearer.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
      const entries = (await scope.auditEntries(sub)).filter((entry) => entry.reason === matrixCase.operation && entry.tenant === tenant);
      const who = describeCaller(matrixCase.caller);
      if (roles.every((role) => withheld.includes(role))) {
        if (entries.length > 0) problems.push(`${matrixCase.operation} ${who}: answered without personal data (x-personal-data-withheld-from) but left ${entries.length} audit entries`);
        return;
      }
      // The record a read names is the path parameter the document says; a list's are its items.
      const pathId = operation['x-personal-data-record'];
      const record = recordOf(matrixCase);
      const expected = pathId
        ? [record?.params[pathId]].filter((id): id is string => id !== undefined)
        : ((body as { items?: Array<{ id?: string }> })?.items ?? []).map((item) => String(item.id));
      const recorded = entries.map((entry) => entry.entityId);
      if (expected.length === 0) problems.push(`${matrixCase.operation} ${who}: a personal-data read the matrix cannot tie to a record (no fixture id, empty list)`);
      const missing = expected.filter((id) => !recorded.includes(id));
      if (missing.length > 0 || entries.length === 0) {
        problems.push(`${matrixCase.operation} ${who}: read personal data but the audit trail has no personal_data_read for ${missing.join(', ') || 'it'} (found ${JSON.stringify(recorded)})`);
      }
    }

    if (scope) {
      const operations = [...new Set(cases.map((matrixCase) => matrixCase.operation))];
      for (const name of operations) {
        const reason = scope.unreached?.[name];
        if (!succeeded.has(name) && !reason) problems.push(`${name}: no allowed caller got a 2xx (examples and fixture do not reach the handler; list it in unreached with why)`);
        if (succeeded.has(name) && reason) problems.push(`${name}: listed as unreached (${reason}) but answered 2xx; drop it`);
      }
      for (const name of Object.keys(scope.openToEveryUnit ?? {})) {
        if (!openedByOtherUnit.has(name)) problems.push(`${name}: listed as open to every unit but another unit was refused (or it acts on no unit's record); drop it`);
      }
    }
    return { checked, problems: [...new Set(problems)], ...(scope ? { succeeded: [...succeeded] } : {}) };
  }
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

export type DescribeMatrixOptions = Omit<AuthorizationMatrixOptions, 'scope'> & {
  env?: Record<string, string>;
  /** The scope checks; the audit trail is read from the service's schema in the test database. */
  scope?: Omit<NonNullable<AuthorizationMatrixOptions['scope']>, 'auditEntries' | 'otherTenant'> & { otherTenant?: string };
};

/**
 * The matrix as a test of a service, booted in process on its own database: every operation of its OpenAPI
 * document answers the guards' 401 and 403 as documented, each allowed role gets past them, and with `scope` the
 * tenant, unit and personal-data checks on real records.
 */
export function describeAuthorizationMatrix(definition: ServiceDefinition, options: DescribeMatrixOptions = {}): void {
  describe(`${definition.name}: authorization matrix from its OpenAPI document`, () => {
    it('answers no token, expired, foreign key, unregistered municipality, another municipality, another unit and each role as every operation documents', async () => {
      const database = await createTestDatabase();
      // A municipality of the test's own keeps the shared broker's earlier records (other files' units, programs) out.
      if (options.tenant) await registerTenants(database, options.tenant);
      const service = await startServiceInProcess(definition, database, options.env);
      try {
        const document = (await service.http().get('/docs-json').expect(200)).body as MatrixDocument;
        const given = options.scope;
        const scope = given && {
          otherTenant: 'santa-maria-del-tule',
          ...given,
          fixture: (http: () => supertest.Agent, sign: MatrixSigner) => given.fixture(http, sign, database),
          auditEntries: (sub: string) =>
            database.query<{ tenant: string; entityId: string; reason: string | null }>(
              `SELECT tenant, entity_id AS "entityId", reason FROM ${definition.name}.audit_entry WHERE actor = $1 AND action = 'personal_data_read'`,
              [sub],
            ),
        };
        const { checked, problems } = await checkAuthorizationMatrix(service.http, document, { ...options, scope });
        expect(problems).toEqual([]);
        // Every operation got at least one check, each guarded one at least five.
        expect(checked).toBeGreaterThanOrEqual(Object.values(document.paths).reduce((sum, operations) => sum + Object.keys(operations).length, 0));
      } finally {
        await service.close();
        await database.drop();
      }
    }, 180_000);
  });
}
