import { isoWeekText } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const unitCodes = z
  .array(z.string().trim().min(1).max(20))
  .max(500)
  .refine((codes) => new Set(codes).size === codes.length, 'una unidad aparece más de una vez');

export class UpdateAgendaSettingsDto extends createZodDto(
  z
    .object({
      officeUnitCodes: unitCodes.meta({ description: 'Unidades de la Oficina de la Presidencia: gestionan la agenda y el gabinete', example: ['402', '403'] }),
      expectedUnitCodes: unitCodes.meta({ description: 'Dependencias que deben entregar agenda semanal', example: ['402', '501', '602'] }),
      deadlineWeekday: z.int().min(1).max(7).meta({ description: 'Día límite: 1 = lunes … 7 = domingo', example: 7 }),
      deadlineTime: z
        .string()
        .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'hora HH:MM')
        .meta({ description: 'Hora límite (hora del municipio)', example: '23:59' }),
      deadlineWeekOffset: z.union([z.literal(-1), z.literal(0)]).meta({ description: '-1: el límite cae en la semana anterior a la agenda; 0: en la misma semana', example: -1 }),
      rostersFrom: isoWeekText('semana ISO AAAA-Wss')
        .meta({ description: 'Primera semana ISO cuya lista de entregas esperadas se lleva', example: '2025-W14' }),
    })
    .strict(),
) {}

export const agendaSettingsExample = {
  tenant: 'oaxaca-de-juarez',
  officeUnitCodes: ['402', '403'],
  expectedUnitCodes: ['402', '501', '602'],
  deadlineWeekday: 7,
  deadlineWeekdayLabel: 'domingo',
  deadlineTime: '23:59',
  deadlineWeekOffset: -1,
  rostersFrom: '2025-W14',
  version: 2,
};
