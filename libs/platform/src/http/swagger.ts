import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { X_PUBLIC, X_ROLES, X_UNREGISTERED_TENANT } from '@tequio/auth';
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
  const document = documentValidationAnswers(documentGuardAnswers(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config))));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: definition.title });
}

type Operation = Record<string, unknown> & {
  responses?: Record<string, unknown>;
  security?: unknown[];
  requestBody?: unknown;
  parameters?: Array<{ in?: string; schema?: Record<string, unknown> }>;
};

/**
 * The global guards answer 401 and 403 before any handler runs; document them from the x-public, x-roles and
 * x-unregistered-tenant extensions that @Public, @Roles and @AllowUnregisteredTenant write, so no controller has to
 * repeat them (nor can forget them). 403: a role the route does not accept, or a token whose municipality is not
 * registered and active (TenantGuard).
 */
export function documentGuardAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const responses = (operation.responses ??= {});
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

/** Schema keywords of a parameter that the validation pipe enforces, so a value can be refused. */
const CONSTRAINED = ['pattern', 'format', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength'];

/**
 * The global validation pipe and the JSON body parser answer 400 (naming the field) before any handler runs, for
 * every operation with a body or a constrained parameter; document it once here, like the guards' answers.
 */
export function documentValidationAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const constrained = (operation.parameters ?? []).some(({ schema }) => schema !== undefined && (CONSTRAINED.some((key) => key in schema) || ['integer', 'number', 'boolean'].includes(String(schema['type']))));
      if (operation.requestBody === undefined && !constrained) continue;
      (operation.responses ??= {})['400'] ??= { description: 'Datos no válidos: el mensaje nombra el campo' };
    }
  }
  return document;
}
