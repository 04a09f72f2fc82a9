import { ALLIANCE_KINDS } from '@tequio/contracts';
import { calendarDate, paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const fields = {
  kind: z.enum(ALLIANCE_KINDS).meta({ description: 'alianza (intergubernamental o interinstitucional) o hermanamiento', example: 'hermanamiento' }),
  counterpart: z.string().trim().min(1, 'no puede estar vacío').max(200).meta({ description: 'Municipio, ciudad, institución u organización (nunca una persona)', example: 'Cozumel, Quintana Roo' }),
  signedOn: calendarDate().meta({ example: '2025-05-15' }),
  unitCode: z.string().trim().min(1).max(20).meta({ description: 'Unidad que lo gestionó', example: '403' }),
};

export class RegisterAllianceDto extends createZodDto(z.object(fields).strict()) {}

export class UpdateAllianceDto extends createZodDto(
  z
    .object(fields)
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class CancelAllianceDto extends createZodDto(z.object({ reason: z.string().trim().min(1, 'no puede estar vacío').max(500).meta({ example: 'Registrado por error' }) }).strict()) {}

export class ListAlliancesQueryDto extends createZodDto(
  z
    .object({
      kind: z.enum(ALLIANCE_KINDS).optional(),
      from: calendarDate().optional().meta({ example: '2025-04-01' }),
      to: calendarDate().optional().meta({ example: '2025-06-30' }),
      ...paginationFields,
    })
    .strict(),
) {}

export const allianceExample = {
  id: '1f3e5d7c-9b2a-4c6e-8d0f-1a3b5c7d9e0f',
  kind: 'hermanamiento',
  kindLabel: 'Hermanamiento',
  counterpart: 'Cozumel, Quintana Roo',
  signedOn: '2025-05-15',
  unitCode: '403',
  status: 'vigente',
  version: 1,
};
