import { OpenAPIObject } from '@nestjs/swagger';
import { documentGuardAnswers, documentValidationAnswers } from './swagger';

const documentOf = (paths: Record<string, Record<string, unknown>>): OpenAPIObject => ({ openapi: '3.0.0', info: { title: 't', version: '1' }, paths }) as OpenAPIObject;
const statuses = (document: OpenAPIObject, path: string, method = 'get') => Object.keys((document.paths[path] as Record<string, { responses: object }>)[method].responses).sort();

describe('documentGuardAnswers', () => {
  const document = documentGuardAnswers(
    documentOf({
      '/public': { get: { 'x-public': true, responses: { '200': {} } } },
      '/any-role': { get: { responses: { '200': {} } } },
      '/admin': { get: { 'x-roles': ['admin'], responses: { '200': {} } } },
      '/bootstrap': { post: { 'x-roles': ['admin'], 'x-unregistered-tenant': true, responses: { '201': {} } } },
      '/unscoped': { post: { 'x-unregistered-tenant': true, responses: { '201': {} } } },
    }),
  );

  it('documents 401 on every guarded operation and 403 for an unregistered municipality or a role not listed', () => {
    expect(statuses(document, '/public')).toEqual(['200']);
    expect(statuses(document, '/any-role')).toEqual(['200', '401', '403']);
    expect(statuses(document, '/admin')).toEqual(['200', '401', '403']);
    expect(statuses(document, '/bootstrap', 'post')).toEqual(['201', '401', '403']);
    expect(statuses(document, '/unscoped', 'post')).toEqual(['201', '401']);
  });

  it('says why the 403 happens', () => {
    const description = (path: string, method = 'get') => (document.paths[path] as Record<string, { responses: Record<string, { description: string }> }>)[method].responses['403'].description;
    expect(description('/any-role')).toBe('El municipio del token no está registrado o está inactivo');
    expect(description('/admin')).toBe('Se requiere uno de los roles: admin; o el municipio del token no está registrado o está inactivo');
    expect(description('/bootstrap', 'post')).toBe('Se requiere uno de los roles: admin');
  });
});

describe('documentValidationAnswers', () => {
  it('documents 400 where the validation pipe can refuse: a body or a constrained parameter', () => {
    const document = documentValidationAnswers(
      documentOf({
        '/body': { post: { requestBody: {}, responses: { '201': {} } } },
        '/uuid/{id}': { get: { parameters: [{ in: 'path', name: 'id', schema: { type: 'string', format: 'uuid' } }], responses: { '200': {} } } },
        '/year/{year}': { get: { parameters: [{ in: 'path', name: 'year', schema: { type: 'integer' } }], responses: { '200': {} } } },
        '/free/{id}': { get: { parameters: [{ in: 'path', name: 'id', schema: { type: 'string' } }], responses: { '200': {} } } },
      }),
    );
    expect(statuses(document, '/body', 'post')).toEqual(['201', '400']);
    expect(statuses(document, '/uuid/{id}')).toEqual(['200', '400']);
    expect(statuses(document, '/year/{year}')).toEqual(['200', '400']);
    expect(statuses(document, '/free/{id}')).toEqual(['200']);
  });
});
