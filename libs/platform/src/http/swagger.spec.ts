import type { OpenAPIObject } from '@nestjs/swagger';
import { X_PUBLIC, X_ROLES } from '@tequio/auth';
import { documentGuardAnswers } from './swagger';

function documentOf(paths: Record<string, Record<string, Record<string, unknown>>>): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths } as unknown as OpenAPIObject;
}

describe('documentGuardAnswers', () => {
  it('documents what the platform answers around the handler: 400 always, 401/403 unless public, 404 for a path id, 409 for a write, 413 for a body', () => {
    const document = documentGuardAnswers(
      documentOf({
        '/units/{id}': {
          patch: { responses: { 200: { description: 'ok' } }, parameters: [{ in: 'path', name: 'id' }], requestBody: {}, [X_ROLES]: ['admin'] },
          get: { responses: { 200: { description: 'ok' }, 404: { description: 'no existe la unidad' } }, parameters: [{ in: 'path', name: 'id' }] },
        },
        '/units/tree': { get: { responses: { 200: { description: 'ok' } } } },
        '/seguimiento/{folio}': { get: { responses: { 200: { description: 'ok' } }, parameters: [{ in: 'path', name: 'folio' }], [X_PUBLIC]: true } },
      }),
    );
    const patch = document.paths['/units/{id}'].patch?.responses as Record<string, { description: string }>;
    expect(Object.keys(patch).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413']);
    expect(patch['403'].description).toBe('Se requiere uno de los roles: admin; o el municipio del token no está registrado o está inactivo');

    const get = document.paths['/units/{id}'].get?.responses as Record<string, { description: string }>;
    // A controller's own description wins.
    expect(get['404'].description).toBe('no existe la unidad');
    expect(get['403'].description).toMatch(/no está registrado/);

    expect(Object.keys(document.paths['/units/tree'].get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403']);

    const tracking = document.paths['/seguimiento/{folio}'].get as { responses: Record<string, unknown>; security: unknown[] };
    expect(Object.keys(tracking.responses).sort()).toEqual(['200', '400', '404']);
    expect(tracking.security).toEqual([]);
  });
});
