import { OpenAPIObject } from '@nestjs/swagger';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-error.filter';
import { documentGuardAnswers } from './swagger';

const documentOf = (paths: Record<string, Record<string, unknown>>): OpenAPIObject => ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths }) as OpenAPIObject;
const responsesOf = (document: OpenAPIObject, path: string, method = 'get') =>
  (document.paths[path] as Record<string, { responses: Record<string, { description: string }> }>)[method].responses;
const statuses = (document: OpenAPIObject, path: string, method = 'get') => Object.keys(responsesOf(document, path, method)).sort();

describe('documentGuardAnswers', () => {
  const document = documentGuardAnswers(
    documentOf({
      '/public/{folio}': { get: { 'x-public': true, parameters: [{ in: 'path', name: 'folio' }], responses: { '200': {} } } },
      '/any-role': { get: { responses: { '200': {} } } },
      '/admin': { get: { 'x-roles': ['admin'], responses: { '200': {} } } },
      '/units/{id}': {
        patch: { 'x-roles': ['admin'], parameters: [{ in: 'path', name: 'id' }], requestBody: {}, responses: { '200': {} } },
        get: { parameters: [{ in: 'path', name: 'id' }], responses: { '200': {}, '404': { description: 'no existe la unidad' } } },
      },
      '/bootstrap': { post: { 'x-roles': ['admin'], 'x-unregistered-tenant': true, requestBody: {}, responses: { '201': {} } } },
      '/unscoped': { post: { 'x-unregistered-tenant': true, responses: { '201': {} } } },
    }),
  );

  it('documents what the platform answers around a handler: 400 always, 401/403 unless public, 404 for a path id, 409 for a write, 413 for a body, 503 always', () => {
    expect(statuses(document, '/public/{folio}')).toEqual(['200', '400', '404', '503']);
    expect(statuses(document, '/any-role')).toEqual(['200', '400', '401', '403', '503']);
    expect(statuses(document, '/admin')).toEqual(['200', '400', '401', '403', '503']);
    expect(statuses(document, '/units/{id}', 'patch')).toEqual(['200', '400', '401', '403', '404', '409', '413', '503']);
    expect(statuses(document, '/bootstrap', 'post')).toEqual(['201', '400', '401', '403', '409', '413', '503']);
    expect(statuses(document, '/unscoped', 'post')).toEqual(['201', '400', '401', '409', '503']);
    expect((document.paths['/public/{folio}'] as { get: { security: unknown[] } }).get.security).toEqual([]);
  });

  it('says why the 403 happens, and keeps a controller’s own description', () => {
    expect(responsesOf(document, '/any-role')['403'].description).toBe('El municipio del token no está registrado o está inactivo');
    expect(responsesOf(document, '/admin')['403'].description).toBe('Se requiere uno de los roles: admin; o el municipio del token no está registrado o está inactivo');
    expect(responsesOf(document, '/bootstrap', 'post')['403'].description).toBe('Se requiere uno de los roles: admin');
    expect(responsesOf(document, '/units/{id}')['404'].description).toBe('no existe la unidad');
  });

  it('says a 503 is the database out of reach and how long to wait (the database error filter’s Retry-After)', () => {
    const unavailable = responsesOf(document, '/any-role')['503'] as { description: string; headers: Record<string, { schema: { example: number } }> };
    expect(unavailable.description).toMatch(/^La base de datos no está disponible/);
    expect(unavailable.headers['Retry-After'].schema.example).toBe(DATABASE_RETRY_AFTER_SECONDS);
  });
});
