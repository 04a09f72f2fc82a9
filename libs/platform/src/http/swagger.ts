import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { X_PUBLIC, X_ROLES } from '@tequio/auth';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { ServiceDefinition } from '../service-definition';

/** Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setupOpenApi(app: INestApplication, definition: ServiceDefinition): void {
  const config = new DocumentBuilder()
    .setTitle(definition.title)
    .setDescription(definition.description)
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = documentGuardAnswers(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: definition.title });
}

type Operation = Record<string, unknown> & {
  responses?: Record<string, unknown>;
  security?: unknown[];
  parameters?: Array<{ in?: string }>;
  requestBody?: unknown;
};

/**
 * The platform answers some statuses before (or around) any handler: the guards' 401 and 403, the validation pipe's
 * 400, the body parser's 413, a 404 for an id in the path that does not exist or is not the caller's, the database
 * error filter's 409 on a write. Document them
 * here, from the operation's shape and the x-public and x-roles extensions that @Public and @Roles write, so no
 * controller has to repeat them (nor can forget them); a controller's own description of the same status wins.
 */
export function documentGuardAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
      const parameters = operation.parameters ?? [];
      // Strict DTOs: even a route without declared parameters refuses unknown query fields with a 400.
      responses['400'] ??= { description: 'Entrada inválida: el mensaje nombra cada campo' };
      if (parameters.some((parameter) => parameter.in === 'path')) responses['404'] ??= { description: 'No existe, o no es visible para el usuario' };
      if (operation.requestBody) responses['413'] ??= { description: 'El cuerpo excede el máximo (HTTP_JSON_LIMIT_KB)' };
      // Any write may meet a uniqueness or reference the database refuses (DatabaseErrorFilter), or a state that forbids it.
      if (method !== 'get') responses['409'] ??= { description: 'Conflicto con el estado del registro o con otro registro; el mensaje dice cuál' };
      if (operation[X_PUBLIC] === true) {
        operation.security = [];
        continue;
      }
      responses['401'] ??= { description: 'Falta el token, venció o su firma no es válida' };
      const roles = operation[X_ROLES];
      const tenant = 'el municipio del token no está registrado o está inactivo';
      responses['403'] ??= {
        description: Array.isArray(roles) && roles.length > 0 ? `Se requiere uno de los roles: ${roles.join(', ')}; o ${tenant}` : `El usuario no puede actuar aquí, o ${tenant}`,
      };
    }
  }
  return document;
}
