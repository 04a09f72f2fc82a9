import { INDICATOR_LEVELS } from '@tequio/contracts';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const PLANNING_SORTS = ['unit', 'program', 'level', 'compliance', 'colour'] as const;

const planningFilters = {
  year: z.coerce.number().int().min(2000).max(2100).meta({ example: 2023 }),
  quarter: z.coerce.number().int().min(1).max(4).meta({ example: 2 }),
  programId: z.uuid().optional(),
  axis: z.coerce.number().int().positive().optional().meta({ description: 'Número del eje del plan', example: 2 }),
  objective: z.string().trim().min(1).max(20).optional().meta({ description: 'Clave del objetivo', example: '2.1' }),
  level: z.enum(INDICATOR_LEVELS).optional(),
  colour: z.enum(['verde', 'amarillo', 'rojo', 'n/a']).optional().meta({ description: 'Color del semáforo del acumulado' }),
  unit: z.string().trim().min(1).max(20).optional().meta({ description: 'Clave de la unidad responsable', example: '304' }),
  sort: z.enum(PLANNING_SORTS).default('unit'),
  order: z.enum(['asc', 'desc']).default('asc'),
};

export class PlanningIndicatorsQueryDto extends createZodDto(z.object({ ...planningFilters, ...paginationFields }).strict()) {}

/** The export takes the same filters and order, and holds every row (no pages). */
export class PlanningExportQueryDto extends createZodDto(z.object(planningFilters).strict()) {}

export const planningIndicatorExample = {
  items: [
    {
      indicatorId: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d',
      programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
      programLabel: '04 - Gobierno participativo',
      unitCode: '304',
      axes: [2],
      objectives: ['2.1'],
      level: 'proposito',
      levelLabel: 'Propósito',
      name: 'Porcentaje de participantes en convocatorias públicas registradas',
      reportStatus: 'aprobado',
      quarter: { programmed: 25, achieved: 30, compliance: 120, colour: 'amarillo' },
      cumulative: { programmed: 50, achieved: 55, compliance: 110, colour: 'verde' },
      previousYear: { quarter: { achieved: 20, compliance: 80, colour: 'amarillo' }, cumulative: { achieved: 45, compliance: 90, colour: 'verde' } },
    },
  ],
  total: 1,
  limit: 50,
  offset: 0,
};
