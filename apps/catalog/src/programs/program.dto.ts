import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'clave de 1 a 20 letras, dígitos, "." o "-"')
  .meta({ example: '08' });
const objectiveIds = z
  .array(z.uuid())
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'un objetivo aparece más de una vez')
  .meta({ description: 'Objetivos del Plan Municipal de Desarrollo con los que se alinea', example: ['9e7f1a2b-3c4d-4e6f-8d0f-5c3e2b1a4c8d'] });

const programFields = {
  code,
  name: z.string().trim().min(1, 'no puede estar vacío').max(300).meta({ example: 'Gobierno innovador y tecnológico' }),
  ownerUnitId: z.uuid().meta({ description: 'Unidad responsable del programa', example: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10' }),
  objectiveIds: objectiveIds.default([]),
};

export class CreateProgramDto extends createZodDto(
  z.object({ year: z.int().min(2000).max(2100).meta({ example: 2025 }), ...programFields }).strict(),
) {}

export class UpdateProgramDto extends createZodDto(
  z
    .object({ ...programFields, objectiveIds })
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class ListProgramsQueryDto extends createZodDto(
  z
    .object({
      year: z.coerce.number().int().min(2000).max(2100).optional(),
      unitId: z.uuid().optional().meta({ description: 'Unidad responsable' }),
      objectiveId: z.uuid().optional().meta({ description: 'Programas alineados a este objetivo' }),
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en clave y nombre' }),
      sort: z.enum(['code', 'name', 'year', 'createdAt']).default('code'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

export const programResponseExample = {
  id: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  tenant: 'oaxaca-de-juarez',
  year: 2025,
  code: '08',
  name: 'Gobierno innovador y tecnológico',
  label: '08 - Gobierno innovador y tecnológico',
  ownerUnitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  ownerUnit: { id: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10', code: '402', name: 'Secretaría Particular', label: '402 - Secretaría Particular' },
  objectiveIds: ['9e7f1a2b-3c4d-4e6f-8d0f-5c3e2b1a4c8d'],
  objectives: [{ id: '9e7f1a2b-3c4d-4e6f-8d0f-5c3e2b1a4c8d', code: '2.6', name: 'Gobierno innovador y tecnológico', label: 'Objetivo 2.6 - Gobierno innovador y tecnológico' }],
  version: 1,
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
};
