import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { lastValueFrom, Observable } from 'rxjs';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseErrorFilter } from './database-error.filter';

function hostFor(type = 'http') {
  const json = jest.fn();
  const status = jest.fn().mockReturnValue({ json });
  const setHeader = jest.fn();
  const response = { status, setHeader };
  const host = { getType: () => type, switchToHttp: () => ({ getResponse: () => response }), getArgByIndex: () => response } as unknown as ArgumentsHost;
  return { host, json, status, setHeader };
}

function answerTo(exception: unknown) {
  const { host, json, status, setHeader } = hostFor();
  new DatabaseErrorFilter().catch(exception, host);
  return { status: status.mock.calls[0]?.[0], body: json.mock.calls[0]?.[0], headers: Object.fromEntries(setHeader.mock.calls) };
}

const queryFailed = (driverError: object) => new QueryFailedError('INSERT …', [], Object.assign(new Error('db'), driverError));
const respond = (driverError: object) => {
  const { status, body } = answerTo(queryFailed(driverError));
  return { status, body };
};

describe('DatabaseErrorFilter', () => {
  beforeEach(() => {
    for (const level of ['error', 'warn'] as const) jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('turns a unique violation into 409 naming the constraint', () => {
    expect(respond({ code: '23505', constraint: 'program_tenant_year_code_key' })).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'program_tenant_year_code_key: ya existe un registro con esos datos' },
    });
  });

  it('names the API fields of the key when PostgreSQL says which, leaving the tenant out', () => {
    const { body } = respond({ code: '23505', constraint: 'program_tenant_year_code_key', detail: 'Key (tenant, year, code)=(oax, 2025, 08) already exists.' });
    expect(body.message).toBe('year, code: ya existe un registro con esos datos');
    expect(respond({ code: '23505', detail: 'Key (tenant, inegi_code)=(oax, 20067) already exists.' }).body.message).toMatch(/^inegiCode: /);
  });

  it('turns a check violation into 400', () => {
    expect(respond({ code: '23514', constraint: 'unit_active_range' }).status).toBe(400);
  });

  it('hides any other database error behind a 500', () => {
    expect(respond({ code: '42P01' })).toEqual({ status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Error interno del servidor' } });
  });

  describe('the database out of reach: 503 with Retry-After', () => {
    const unavailable = {
      statusCode: 503,
      error: 'Service Unavailable',
      message: `La base de datos no está disponible por el momento: intente de nuevo en ${DATABASE_RETRY_AFTER_SECONDS} s (database unavailable: retry in ${DATABASE_RETRY_AFTER_SECONDS} s)`,
    };
    it.each([
      ['the server shutting down under a query (57P01)', queryFailed({ code: '57P01' })],
      ['a crash of another backend (57P02)', queryFailed({ code: '57P02' })],
      ['the server starting up (57P03)', queryFailed({ code: '57P03' })],
      ['a connection failure (08006)', queryFailed({ code: '08006' })],
      ['too many connections (53300)', queryFailed({ code: '53300' })],
      ['a connection dropped under a query, no SQLSTATE', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
      ['a refused connection: the driver’s error, not a QueryFailedError', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
      ['the pool not getting a connection in time', new Error('timeout exceeded when trying to connect')],
      ['a connection closed by the server while opening it', new Error('Connection terminated due to connection timeout')],
      ['a transaction whose connection the server ended: TypeORM released its runner before the next query', new QueryRunnerAlreadyReleasedError()],
      ['the same through the transaction’s entity manager', new QueryRunnerProviderAlreadyReleasedError()],
    ])('%s', (_label, exception) => {
      const answer = answerTo(exception);
      expect(answer).toEqual({ status: 503, body: unavailable, headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } });
    });
  });

  it('leaves every other error to Nest: an HttpException keeps its status, a bug is a 500 without a Retry-After', () => {
    const reply = jest.fn();
    const filter = new DatabaseErrorFilter({ reply, isHeadersSent: () => false, end: jest.fn() } as never);
    const { host, setHeader } = hostFor();
    filter.catch(new BadRequestException('fecha: no válida'), host);
    expect(reply.mock.calls[0][2]).toBe(400);
    filter.catch(new TypeError("Cannot read properties of undefined (reading 'id')"), host);
    expect(reply.mock.calls[1][2]).toBe(500);
    expect(setHeader).not.toHaveBeenCalled();
  });

  it('answers nothing over Kafka: a consumer’s database failure fails the message (the consumer retries it)', async () => {
    const { host, status } = hostFor('rpc');
    const outcome = new DatabaseErrorFilter().catch(queryFailed({ code: '57P01' }), host) as Observable<unknown>;
    await expect(lastValueFrom(outcome)).rejects.toBeDefined();
    expect(status).not.toHaveBeenCalled();
  });
});
