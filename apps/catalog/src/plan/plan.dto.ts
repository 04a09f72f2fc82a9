import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const year = z.int().min(2000).max(2100);
const name = (example: string) => z.string().trim().min(1, 'no puede estar vacío').max(500).meta({ example });
const atLeastOne = (value: object) => Object.keys(value).length > 0;
const AT_LEAST_ONE = 'indique al menos un campo a cambiar';

const yearsInOrder = (value: { startYear?: number; endYear?: number }, context: z.RefinementCtx) => {
  if (value.startYear !== undefined && value.endYear !== undefined && value.endYear < value.startYear) {
    context.addIssue({ code: 'custom', path: ['endYear'], message: 'no puede ser anterior a startYear' });
  }
};

export class CreatePlanDto extends createZodDto(
  z
    .object({ name: name('PMD 2025-2027'), startYear: year.meta({ example: 2025 }), endYear: year.meta({ example: 2027 }) })
    .strict()
    .superRefine(yearsInOrder),
) {}

export class UpdatePlanDto extends createZodDto(
  z
    .object({ name: name('PMD 2025-2027'), startYear: year, endYear: year })
    .partial()
    .strict()
    .refine(atLeastOne, AT_LEAST_ONE)
    .superRefine(yearsInOrder),
) {}

export class ListPlansQueryDto extends createZodDto(
  z
    .object({
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en el nombre' }),
      year: z.coerce.number().int().min(2000).max(2100).optional().meta({ description: 'Planes vigentes ese año' }),
      sort: z.enum(['startYear', 'name', 'createdAt']).default('startYear'),
      order: z.enum(['asc', 'desc']).default('desc'),
      ...paginationFields,
    })
    .strict(),
) {}

export class CreateAxisDto extends createZodDto(
  z.object({ number: z.int().min(1).max(99).meta({ example: 2 }), name: name('Gobernabilidad democrática') }).strict(),
) {}

export class UpdateAxisDto extends createZodDto(
  z
    .object({ number: z.int().min(1).max(99), name: name('Gobernabilidad democrática') })
    .partial()
    .strict()
    .refine(atLeastOne, AT_LEAST_ONE),
) {}

export class ListAxesQueryDto extends createZodDto(
  z
    .object({
      planId: z.uuid().optional(),
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en el nombre' }),
      sort: z.enum(['number', 'name']).default('number'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

const objectiveCode = z
  .string()
  .trim()
  .regex(/^[0-9]{1,2}\.[0-9]{1,2}$/, 'clave N.M, p. ej. 2.6')
  .meta({ example: '2.6' });

export class CreateObjectiveDto extends createZodDto(
  z.object({ code: objectiveCode, name: name('Gobierno innovador y tecnológico') }).strict(),
) {}

export class UpdateObjectiveDto extends createZodDto(
  z
    .object({ code: objectiveCode, name: name('Gobierno innovador y tecnológico') })
    .partial()
    .strict()
    .refine(atLeastOne, AT_LEAST_ONE),
) {}

export class ListObjectivesQueryDto extends createZodDto(
  z
    .object({
      planId: z.uuid().optional(),
      axisId: z.uuid().optional(),
      year: z.coerce.number().int().min(2000).max(2100).optional().meta({ description: 'Objetivos de los planes vigentes ese año' }),
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en clave y nombre' }),
      sort: z.enum(['code', 'name']).default('code'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

export const objectiveResponseExample = {
  id: '9e7f1a2b-3c4d-4e6f-8d0f-5c3e2b1a4c8d',
  tenant: 'oaxaca-de-juarez',
  planId: '5a1e0c7d-3b2f-4e6a-9c8d-7f6e5d4c3b2a',
  axisId: '7c2d1e5f-3a90-4b7e-8c55-2f6a4d8e9a41',
  code: '2.6',
  name: 'Gobierno innovador y tecnológico',
  label: 'Objetivo 2.6 - Gobierno innovador y tecnológico',
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
};

export const axisResponseExample = {
  id: '7c2d1e5f-3a90-4b7e-8c55-2f6a4d8e9a41',
  tenant: 'oaxaca-de-juarez',
  planId: '5a1e0c7d-3b2f-4e6a-9c8d-7f6e5d4c3b2a',
  number: 2,
  name: 'Gobernabilidad democrática',
  label: 'Eje 2 - Gobernabilidad democrática',
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
};

export const planResponseExample = {
  id: '5a1e0c7d-3b2f-4e6a-9c8d-7f6e5d4c3b2a',
  tenant: 'oaxaca-de-juarez',
  name: 'PMD 2025-2027',
  startYear: 2025,
  endYear: 2027,
  version: 3,
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
  axes: [{ ...axisResponseExample, objectives: [objectiveResponseExample] }],
};
