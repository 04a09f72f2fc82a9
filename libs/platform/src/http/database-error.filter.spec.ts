import { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DatabaseErrorFilter } from './database-error.filter';

function respond(driverError: object) {
  const json = jest.fn();
  const status = jest.fn().mockReturnValue({ json });
  const host = { switchToHttp: () => ({ getResponse: () => ({ status }) }) } as unknown as ArgumentsHost;
  new DatabaseErrorFilter().catch(new QueryFailedError('INSERT …', [], Object.assign(new Error('db'), driverError)), host);
  return { status: status.mock.calls[0][0], body: json.mock.calls[0][0] };
}

describe('DatabaseErrorFilter', () => {
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
    expect(respond({ code: '57P01' })).toEqual({ status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'Error interno del servidor' } });
  });
});
