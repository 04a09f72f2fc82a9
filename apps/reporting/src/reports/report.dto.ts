import { calendarDate } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ReportStepDto extends createZodDto(
  z.object({ reason: z.string().trim().min(1).max(500).optional().meta({ description: 'Obligatorio al reabrir', example: 'Corrección de la meta del 2do trimestre' }) }).strict(),
) {}

export const REPORT_ACTIONS = ['prepare', 'validate', 'approve', 'reopen'] as const;

export class CompletenessQueryDto extends createZodDto(
  z
    .object({
      year: z.coerce.number().int().min(2000).max(2100).meta({ example: 2023 }),
      quarter: z.coerce.number().int().min(1).max(4).meta({ example: 2 }),
      dueDate: calendarDate().optional().meta({ description: 'Fecha límite; por omisión, 10 días naturales tras el cierre del trimestre', example: '2023-07-10' }),
    })
    .strict(),
) {}

const figures = { programmed: 50, achieved: 55, numerator: null, denominator: null, absoluteVariance: 5, relativeVariance: 10, compliance: 110, colour: 'verde', flags: [] };

export const reportResponseExample = {
  reportId: '0b7e3c55-2f6a-4d8e-9a41-7c2d1e5f3a90',
  status: 'validado',
  version: 3,
  approvedAt: null,
  table: {
    program: { programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d', code: '04', name: 'Gobierno participativo', label: '04 - Gobierno participativo', year: 2023, ownerUnitCode: '304' },
    year: 2023,
    quarter: 2,
    alignment: { plan: 'PMD 2022-2024', axes: [{ number: 2, name: 'Gobernabilidad democrática', objectives: [{ code: '2.1', name: 'Construir mecanismos institucionales…' }] }] },
    semaphore: { bands: [{ color: 'verde', min: 90, max: 110, minInclusive: true, maxInclusive: true }], decimals: 2, isDefault: true },
    indicators: [
      {
        indicatorId: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d',
        levelLabel: 'Propósito',
        name: 'Porcentaje de participantes en convocatorias públicas registradas',
        unitOfMeasure: 'Porcentaje',
        direction: 'ascendente',
        accumulation: 'annual_goal_share',
        factor: 100,
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        evaluation: { quarters: [{ quarter: 1, ...figures, programmed: 25, achieved: 25 }, { quarter: 2, ...figures, programmed: 25, achieved: 30 }], cumulative: figures, annualProgress: 55 },
        breakdowns: [],
        meansOfVerification: 'Segundo informe trimestral',
      },
    ],
    warnings: [{ code: 'captura_sin_evidencia', indicatorId: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d', message: 'Propósito: la captura del trimestre 2 no tiene evidencia' }],
    computedAt: '2023-07-05T17:00:00.000Z',
  },
  pendingDifferences: [],
  history: [{ action: 'prepare', fromStatus: 'borrador', toStatus: 'elaborado', actor: 'enlace@304', reason: null, at: '2023-07-03T17:00:00.000Z' }],
};

export const completenessExample = {
  year: 2023,
  quarter: 2,
  dueDate: '2023-07-10',
  overdue: true,
  programs: [{ programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d', label: '04 - Gobierno participativo', unitCode: '304', status: 'elaborado', prepared: true, validated: false, approved: false }],
  missing: { prepared: [], validated: ['304'], approved: ['304'] },
};
