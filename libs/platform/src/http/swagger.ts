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

type Operation = Record<string, unknown> & { responses?: Record<string, unknown>; security?: unknown[] };

/**
 * The global guards answer 401 and 403 before any handler runs; document them from the x-public and x-roles
 * extensions that @Public and @Roles write, so no controller has to repeat them (nor can forget them).
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
      if (Array.isArray(roles) && roles.length > 0) {
        responses['403'] ??= { description: `Se requiere uno de los roles: ${roles.join(', ')}` };
      }
    }
  }
  return document;
}
