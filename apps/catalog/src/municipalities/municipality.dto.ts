import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const fields = {
  id: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identificador en minúsculas, dígitos y guiones, p. ej. oaxaca-de-juarez')
    .meta({ example: 'oaxaca-de-juarez', description: 'El identificador que los registros llevan como tenant' }),
  name: z.string().trim().min(1).max(200).meta({ example: 'Oaxaca de Juárez' }),
  state: z.string().trim().min(1).max(100).meta({ example: 'Oaxaca' }),
  inegiCode: z
    .string()
    .trim()
    .regex(/^[0-9]{5}$/, 'clave INEGI de 5 dígitos (2 del estado y 3 del municipio)')
    .meta({ example: '20067' }),
  active: z.boolean().meta({ example: true }),
};

export class CreateMunicipalityDto extends createZodDto(
  z.object({ ...fields, active: fields.active.optional().meta({ description: 'Por omisión, true' }) }).strict(),
) {}

export class UpdateMunicipalityDto extends createZodDto(
  z
    .object(fields)
    .omit({ id: true })
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class ListMunicipalitiesQueryDto extends createZodDto(
  z
    .object({
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en identificador, nombre y clave INEGI' }),
      state: z.string().trim().min(1).max(100).optional().meta({ example: 'Oaxaca' }),
      active: z.enum(['true', 'false']).optional(),
      sort: z.enum(['id', 'name', 'inegiCode']).default('name'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

export const municipalityResponseExample = {
  id: 'oaxaca-de-juarez',
  name: 'Oaxaca de Juárez',
  state: 'Oaxaca',
  inegiCode: '20067',
  active: true,
  statusLabel: 'Activo',
  version: 1,
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
};
