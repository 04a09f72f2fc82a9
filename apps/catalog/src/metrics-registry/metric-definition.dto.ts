import { METRIC_SERVICES } from '@tequio/contracts';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ListMetricDefinitionsQueryDto extends createZodDto(
  z
    .object({
      service: z.enum(METRIC_SERVICES).optional(),
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en nombre y descripción' }),
      sort: z.enum(['name', 'service']).default('name'),
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
};
