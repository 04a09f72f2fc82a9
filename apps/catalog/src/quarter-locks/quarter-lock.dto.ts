import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class ListQuarterLocksQueryDto extends createZodDto(
  z
    .object({
      programId: z.uuid().optional(),
      year: z.coerce.number().int().min(2000).max(2100).optional(),
      quarter: z.coerce.number().int().min(1).max(4).optional(),
      locked: z.enum(['true', 'false']).optional().meta({ description: 'Solo trimestres cerrados (true) o reabiertos (false)' }),
      order: z.enum(['asc', 'desc']).default('desc'),
      ...paginationFields,
    })
    .strict(),
) {}

export const quarterLockResponseExample = {
  id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  tenant: 'oaxaca-de-juarez',
  programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  year: 2025,
  quarter: 2,
  quarterLabel: '2º trimestre de 2025',
  reportId: '0b7e3c55-2f6a-4d8e-9a41-7c2d1e5f3a90',
  approvedAt: '2025-07-10T17:00:00.000Z',
  reopenedAt: null,
  reopenReason: null,
  locked: true,
  updatedAt: '2025-07-10T17:00:01.000Z',
};
