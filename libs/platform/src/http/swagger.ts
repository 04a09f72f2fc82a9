import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { X_PUBLIC, X_ROLES, X_UNREGISTERED_TENANT } from '@tequio/auth';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { ServiceDefinition } from '../service-definition';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-error.filter';

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
 * The platform answers some statuses around any handler: the guards' 401 and 403, the validation pipe's 400 (strict
 * DTOs refuse even an unknown query field, so any operation), the body parser's 413, a 404 for an id in the path that
 * does not exist or is not the caller's, the database error filter's 409 on a write and its 503 while the database is
 * out of reach. Document them here, from the
 * operation's shape and the x-public, x-roles and x-unregistered-tenant extensions that @Public, @Roles and
 * @AllowUnregisteredTenant write, so no controller has to repeat them (nor can forget them); a controller's own
 * description of the same status wins. 403: a role the route does not accept, or a token whose municipality is not
 * registered and active (TenantGuard).
 */
export function documentGuardAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
      responses['400'] ??= { description: 'Datos no válidos: el mensaje nombra el campo' };
      if ((operation.parameters ?? []).some((parameter) => parameter.in === 'path')) responses['404'] ??= { description: 'No existe, o no es visible para el usuario' };
      if (operation.requestBody) responses['413'] ??= { description: 'El cuerpo excede el máximo (HTTP_JSON_LIMIT_KB)' };
      if (method !== 'get') responses['409'] ??= { description: 'Conflicto con el estado del registro o con otro registro; el mensaje dice cuál' };
      responses['503'] ??= {
        description: `La base de datos no está disponible por el momento (un reinicio o un cambio de servidor): reintente tras los segundos del encabezado Retry-After (${DATABASE_RETRY_AFTER_SECONDS})`,
        headers: { 'Retry-After': { description: 'Segundos que conviene esperar', schema: { type: 'integer', example: DATABASE_RETRY_AFTER_SECONDS } } },
      };
      if (operation[X_PUBLIC] === true) {
        operation.security = [];
        continue;
      }
      responses['401'] ??= { description: 'Falta el token, venció o su firma no es válida' };
      const roles = operation[X_ROLES];
      const reasons: string[] = [];
      if (Array.isArray(roles) && roles.length > 0) reasons.push(`se requiere uno de los roles: ${roles.join(', ')}`);
      if (operation[X_UNREGISTERED_TENANT] !== true) reasons.push('el municipio del token no está registrado o está inactivo');
      if (reasons.length > 0) responses['403'] ??= { description: capitalize(reasons.join('; o ')) };
    }
  }
  return document;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
