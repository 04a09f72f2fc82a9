import { UNIT_KINDS } from '@tequio/contracts';
import { calendarDate, paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'clave de 1 a 20 letras, dígitos, "." o "-"')
  .meta({ example: '402' });
const isoDate = calendarDate('fecha AAAA-MM-DD');

const unitFields = {
  code,
  name: z.string().trim().min(1).max(200).meta({ example: 'Secretaría Particular' }),
  kind: z.enum(UNIT_KINDS).meta({ example: 'secretaria' }),
  parentId: z.uuid().nullable().optional().meta({ description: 'Unidad superior; null para una unidad raíz' }),
  headName: z.string().trim().min(1).max(200).nullable().optional().meta({ example: 'Lic. Ana Pérez López' }),
  headTitle: z.string().trim().min(1).max(200).nullable().optional().meta({ example: 'Secretaria Particular' }),
  activeFrom: isoDate.optional().meta({ example: '2025-01-01', description: 'Por omisión, hoy' }),
};

export class CreateUnitDto extends createZodDto(z.object(unitFields).strict()) {}

export class UpdateUnitDto extends createZodDto(
  z
    .object({ ...unitFields, activeTo: isoDate.nullable() })
    .omit({ code: true })
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class DeactivateUnitDto extends createZodDto(
  z.object({ activeTo: isoDate.optional().meta({ example: '2025-12-31', description: 'Último día de operación; por omisión, hoy' }) }).strict(),
) {}

export class ListUnitsQueryDto extends createZodDto(
  z
    .object({
      q: z.string().trim().min(1).max(100).optional().meta({ description: 'Busca en clave y nombre' }),
      kind: z.enum(UNIT_KINDS).optional(),
      parentId: z.uuid().optional(),
      active: z.enum(['true', 'false']).optional().meta({ description: 'Solo unidades activas hoy (true) o inactivas (false)' }),
      sort: z.enum(['code', 'name', 'createdAt']).default('code'),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...paginationFields,
    })
    .strict(),
) {}

export class UnitTreeQueryDto extends createZodDto(
  z
    .object({
      activeOn: isoDate
        .optional()
        .meta({ example: '2025-09-30', description: 'Solo unidades activas ese día, bajo la unidad superior que tenían ese día' }),
    })
    .strict(),
) {}

export const unitResponseExample = {
  id: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  tenant: 'oaxaca-de-juarez',
  code: '402',
  name: 'Secretaría Particular',
  kind: 'secretaria',
  kindLabel: 'Secretaría',
  parentId: null,
  headName: 'Lic. Ana Pérez López',
  headTitle: 'Secretaria Particular',
  activeFrom: '2025-01-01',
  activeTo: null,
  version: 1,
  createdAt: '2025-01-02T16:00:00.000Z',
  updatedAt: '2025-01-02T16:00:00.000Z',
};

export const unitTreeResponseExample = {
  activeOn: '2025-09-30',
  total: 2,
  roots: [
    {
      id: '1b2c3d4e-0000-4000-8000-000000000100',
      code: '100',
      name: 'Presidencia Municipal',
      kind: 'secretaria',
      kindLabel: 'Secretaría',
      parentId: null,
      activeFrom: '2025-01-01',
      activeTo: null,
      children: [
        {
          id: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
          code: '402',
          name: 'Secretaría Particular',
          kind: 'secretaria',
          kindLabel: 'Secretaría',
          parentId: '1b2c3d4e-0000-4000-8000-000000000100',
          activeFrom: '2025-01-01',
          activeTo: null,
          children: [],
        },
      ],
    },
  ],
};

export const unitHistoryResponseExample = {
  unitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  code: '402',
  name: 'Secretaría Particular',
  items: [
    {
      parentId: '1b2c3d4e-0000-4000-8000-000000000100',
      parentCode: '100',
      parentName: 'Presidencia Municipal',
      validFrom: '2025-01-01',
      validTo: '2025-06-30',
      current: false,
      label: 'Dependió de 100 - Presidencia Municipal del 2025-01-01 al 2025-06-30',
    },
    {
      parentId: null,
      parentCode: null,
      parentName: null,
      validFrom: '2025-07-01',
      validTo: null,
      current: true,
      label: 'Unidad raíz (sin unidad superior) desde el 2025-07-01',
    },
  ],
};
