import { INDICATOR_LEVELS } from '@tequio/contracts';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { indicatorFieldShape, indicatorFieldsSchema, indicatorInputSchema, refineLevelNumbers, targetsInputSchema, withDefaultFactor } from './indicator-input';

/** POST /programs/:programId/indicators: the program comes from the route. */
export class CreateIndicatorDto extends createZodDto(indicatorInputSchema) {}

/** POST /indicators: the same fields plus the program. */
export class CreateIndicatorWithProgramDto extends createZodDto(
  indicatorFieldsSchema
    .extend({ programId: z.uuid().meta({ example: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d' }) })
    .strict()
    .superRefine(refineLevelNumbers)
    .transform(withDefaultFactor),
) {}

const { targets: _targets, ...updatableShape } = indicatorFieldShape;

/** PATCH /indicators/:id: any field but the targets (PUT /indicators/:id/targets) and the program. */
export class UpdateIndicatorDto extends createZodDto(
  z
    .object(updatableShape)
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class PutTargetsDto extends createZodDto(
  targetsInputSchema
    .extend({ reason: z.string().trim().min(1).max(500).optional().meta({ example: 'Ajuste por recorte presupuestal', description: 'Motivo, queda en la bitácora' }) })
    .strict(),
) {}

export class ListIndicatorsQueryDto extends createZodDto(
  z
    .object({
      year: z.coerce.number().int().min(2000).max(2100).optional(),
      programId: z.uuid().optional(),
      unitId: z.uuid().optional().meta({ description: 'Unidad responsable del indicador' }),
      level: z.enum(INDICATOR_LEVELS).optional(),
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en nombre, definición y método de cálculo' }),
      sort: z.enum(['mir', 'name', 'createdAt', 'updatedAt']).default('mir').meta({ description: 'mir: año, programa y orden de la MIR (Fin, Propósito, Componente 1, Actividad 1.1, …)' }),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

export const indicatorResponseExample = {
  id: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d',
  tenant: 'oaxaca-de-juarez',
  programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  programLabel: '08 - Gobierno innovador y tecnológico',
  year: 2025,
  level: 'actividad',
  levelLabel: 'Actividad 1.2',
  componentNumber: 1,
  activityNumber: 2,
  parentId: '4c8d9e7f-1a2b-4c3d-8e5f-6a7b8c9d0e1f',
  name: 'Porcentaje de solicitudes escritas atendidas',
  definition: 'Mide el porcentaje de solicitudes escritas que requieren respuesta y fueron atendidas',
  calculationMethod: '(número de solicitudes atendidas / número de solicitudes recibidas que requieren respuesta) * 100',
  unitOfMeasure: 'Porcentaje',
  type: 'gestion',
  typeLabel: 'De gestión',
  dimension: 'eficacia',
  dimensionLabel: 'Eficacia',
  frequency: 'trimestral',
  frequencyLabel: 'Trimestral',
  direction: 'ascendente',
  directionLabel: 'Ascendente',
  baseline: { value: 0, year: 2024 },
  accumulation: 'flow',
  accumulationLabel: 'Flujo (acumulado = suma de numeradores entre suma de denominadores)',
  factor: 100,
  meansOfVerification: 'Registro de correspondencia de la Oficialía de Partes',
  responsibleUnitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  responsibleUnitCode: '402',
  targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
  formula: {
    numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { requiresResponse: true, unit: '402' } },
    denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { requiresResponse: true, unit: '402' } },
  },
  version: 1,
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
};
