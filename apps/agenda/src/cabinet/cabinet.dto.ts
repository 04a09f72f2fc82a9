import { AGREEMENT_STATUSES, CABINET_MEETING_STATUSES } from '@tequio/contracts';
import { calendarDate, paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const unitCode = z.string().trim().min(1, 'no puede estar vacío').max(20);

export class ScheduleCabinetMeetingDto extends createZodDto(
  z
    .object({
      date: calendarDate().meta({ example: '2025-04-07' }),
      place: z.string().trim().min(1).max(300).nullable().default(null).meta({ example: 'Palacio Municipal' }),
    })
    .strict(),
) {}

export class RecordMinutesDto extends createZodDto(
  z
    .object({
      minuteNumber: z.int().min(1).max(999).optional().meta({ description: 'Número de minuta; por omisión, el siguiente del año', example: 1 }),
    })
    .strict(),
) {}

export class CancelCabinetMeetingDto extends createZodDto(
  z.object({ reason: z.string().trim().min(1, 'no puede estar vacío').max(500).meta({ example: 'Día inhábil' }) }).strict(),
) {}

export class ReplaceAttendanceDto extends createZodDto(
  z
    .object({
      attendees: z
        .array(
          z
            .object({
              unitCode,
              role: z.string().trim().min(1, 'no puede estar vacío').max(100).meta({ description: 'Cargo de quien representó a la unidad (nunca su nombre)', example: 'Titular' }),
            })
            .strict(),
        )
        .max(200)
        .refine((list) => new Set(list.map((entry) => entry.unitCode)).size === list.length, 'una unidad aparece más de una vez')
        .meta({ example: [{ unitCode: '402', role: 'Titular' }, { unitCode: '501', role: 'Enlace' }] }),
    })
    .strict(),
) {}

export class AddAgreementDto extends createZodDto(
  z
    .object({
      description: z.string().trim().min(1, 'no puede estar vacío').max(2000).meta({ example: 'Presentar el plan de bacheo de temporada de lluvias' }),
      responsibleUnitCode: unitCode.meta({ example: '501' }),
      dueDate: calendarDate().meta({ example: '2025-04-30' }),
    })
    .strict(),
) {}

export class UpdateAgreementDto extends createZodDto(
  z
    .object({
      status: z.enum(AGREEMENT_STATUSES).meta({ example: 'cumplido' }),
      dueDate: calendarDate().meta({ example: '2025-05-15' }),
    })
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class ListCabinetMeetingsQueryDto extends createZodDto(
  z
    .object({
      year: z.coerce.number().int().min(2000).max(2100).optional(),
      status: z.enum(CABINET_MEETING_STATUSES).optional(),
      ...paginationFields,
    })
    .strict(),
) {}

export class ListAgreementsQueryDto extends createZodDto(
  z
    .object({
      status: z.enum(AGREEMENT_STATUSES).optional(),
      unitCode: z.string().trim().min(1).max(20).optional().meta({ description: 'Unidad responsable' }),
      overdue: z.enum(['true', 'false']).optional().meta({ description: 'Solo vencidos (abiertos con fecha pasada)' }),
      ...paginationFields,
    })
    .strict(),
) {}

const agreementExample = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  meetingId: '7c2e5b1d-3a4f-4b8e-8c6d-1a2b3c4d5e6f',
  description: 'Presentar el plan de bacheo de temporada de lluvias',
  responsibleUnitCode: '501',
  dueDate: '2025-04-30',
  status: 'pendiente',
  statusLabel: 'Pendiente',
  overdue: false,
};

export const cabinetAgreementExample = agreementExample;

export const cabinetMeetingExample = {
  id: '7c2e5b1d-3a4f-4b8e-8c6d-1a2b3c4d5e6f',
  year: 2025,
  date: '2025-04-07',
  place: 'Palacio Municipal',
  status: 'celebrada',
  minuteNumber: 1,
  minuteLabel: 'Minuta 1/2025',
  attendance: [
    { unitCode: '402', role: 'Titular' },
    { unitCode: '501', role: 'Enlace' },
  ],
  agreements: [agreementExample],
  version: 3,
};
