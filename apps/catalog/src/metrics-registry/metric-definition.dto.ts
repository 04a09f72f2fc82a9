import { METRIC_DIMENSION_TYPES, METRIC_SERVICES } from '@tequio/contracts';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const METRIC_NAME_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2,}$/;

const dimensionSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][A-Za-z0-9]{0,49}$/, 'nombre en camelCase, p. ej. requiresResponse')
      .meta({ example: 'requiresResponse' }),
    type: z.enum(METRIC_DIMENSION_TYPES).meta({ example: 'boolean' }),
    values: z.array(z.string().trim().min(1).max(50)).min(1).optional().meta({ description: 'Valores admitidos (solo para type=enum)' }),
    description: z.string().trim().min(1).max(300).optional(),
  })
  .strict()
  .superRefine((dimension, context) => {
    if (dimension.type === 'enum' && !dimension.values) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'una dimensión enum necesita su lista de valores' });
    }
    if (dimension.type !== 'enum' && dimension.values) {
      context.addIssue({ code: 'custom', path: ['values'], message: 'solo una dimensión enum lleva lista de valores' });
    }
  });

export class CreateMetricDefinitionDto extends createZodDto(
  z
    .object({
      name: z
        .string()
        .trim()
        .regex(METRIC_NAME_PATTERN, 'servicio.objeto.acción en minúsculas, p. ej. correspondence.documents.answered')
        .meta({ example: 'agenda.alliances.signed' }),
      service: z.enum(METRIC_SERVICES).meta({ example: 'agenda' }),
      description: z.string().trim().min(1).max(300).meta({ example: 'Alianzas intergubernamentales firmadas' }),
      dimensions: z.array(dimensionSchema).max(20).default([]),
    })
    .strict()
    .superRefine((metric, context) => {
      if (!metric.name.startsWith(`${metric.service}.`)) {
        context.addIssue({ code: 'custom', path: ['name'], message: `debe empezar con el servicio que la produce ("${metric.service}.")` });
      }
      const names = metric.dimensions.map((dimension) => dimension.name);
      names.forEach((name, index) => {
        if (names.indexOf(name) !== index) context.addIssue({ code: 'custom', path: ['dimensions', index, 'name'], message: `la dimensión ${name} se repite` });
      });
    }),
) {}

export class ListMetricDefinitionsQueryDto extends createZodDto(
  z
    .object({
      service: z.enum(METRIC_SERVICES).optional(),
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en nombre y descripción' }),
      sort: z.enum(['name', 'service', 'createdAt']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

export const metricDefinitionResponseExample = {
  name: 'correspondence.documents.answered',
  service: 'correspondence',
  description: 'Documentos con respuesta recibida',
  dimensions: [
    { name: 'unit', type: 'unit', description: 'Clave de la unidad responsable, p. ej. "402"' },
    { name: 'requiresResponse', type: 'boolean', description: 'false para designaciones de representación, que no requieren respuesta' },
  ],
  builtIn: true,
  createdBy: null,
  createdAt: '2025-01-01T00:00:00.000Z',
};
