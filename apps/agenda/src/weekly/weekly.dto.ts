import { calendarDate, isoWeekText, paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const isoWeek = isoWeekText()
  .meta({ description: 'Semana ISO de la agenda', example: '2025-W27' });
const content = z.string().trim().min(1, 'no puede estar vacío').max(20_000).meta({ description: 'Actividades de la semana', example: 'Lunes: recorrido de supervisión de obra en la colonia Reforma…' });

export class SubmitWeeklyAgendaDto extends createZodDto(
  z
    .object({
      unitCode: z.string().trim().min(1).max(20).meta({ description: 'Dependencia que entrega (una de las suyas)', example: '501' }),
      week: isoWeek,
      content,
      submittedAt: z.iso
        .datetime({ offset: true })
        .optional()
        .meta({ description: 'Solo la Oficina de la Presidencia: cuándo se recibió una agenda entregada por otro medio', example: '2025-06-28T10:57:00-06:00' }),
    })
    .strict(),
) {}

export class CorrectWeeklyAgendaDto extends createZodDto(z.object({ content }).strict()) {}

export class ListWeeklyAgendasQueryDto extends createZodDto(
  z
    .object({
      week: isoWeek.optional(),
      unitCode: z.string().trim().min(1).max(20).optional(),
      ...paginationFields,
    })
    .strict(),
) {}

export class ComplianceQueryDto extends createZodDto(
  z
    .object({
      from: calendarDate().meta({ description: 'Semanas cuyo jueves cae desde este día…', example: '2025-04-01' }),
      to: calendarDate().meta({ description: '…hasta este día, inclusive', example: '2025-06-30' }),
    })
    .strict()
    .refine((value) => value.to >= value.from, { path: ['to'], message: 'debe ser igual o posterior a from' })
    .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= 366 * 86_400_000, { path: ['to'], message: 'el periodo no puede pasar de un año' }),
) {}

export const weeklyAgendaExample = {
  id: '2e4f6a8b-1c3d-4e5f-9a7b-3c5d7e9f1a2b',
  unitCode: '501',
  week: '2025-W27',
  weekThursday: '2025-07-03',
  content: 'Lunes: recorrido de supervisión de obra en la colonia Reforma…',
  attachmentCount: 0,
  submittedAt: '2025-06-28T16:57:00.000Z',
  deadline: '2025-06-30T05:59:00.000Z',
  onTime: true,
  version: 1,
};

export const complianceExample = {
  from: '2025-06-23',
  to: '2025-06-29',
  totals: { weeks: 1, expected: 3, received: 2, onTime: 1, late: 1, missing: 1, onTimeRate: 33.3 },
  months: [{ month: '2025-06', weeks: 1, expected: 3, received: 2, onTime: 1, late: 1, missing: 1, onTimeRate: 33.3 }],
  units: [
    { unitCode: '402', expected: 1, onTime: 1, late: 0, missing: 0, onTimeRate: 100, submissionRate: 100 },
    { unitCode: '501', expected: 1, onTime: 0, late: 1, missing: 0, onTimeRate: 0, submissionRate: 100 },
    { unitCode: '602', expected: 1, onTime: 0, late: 0, missing: 1, onTimeRate: 0, submissionRate: 0 },
  ],
  weeks: [
    {
      week: '2025-W26',
      weekThursday: '2025-06-26',
      month: '2025-06',
      due: true,
      expected: 3,
      received: 2,
      onTime: 1,
      late: 1,
      missing: 1,
      missingUnitCodes: ['602'],
      pendingUnitCodes: [],
      submissions: [
        { unitCode: '402', submittedAt: '2025-06-21T16:57:00.000Z', onTime: true },
        { unitCode: '501', submittedAt: '2025-06-23T15:10:00.000Z', onTime: false },
      ],
    },
  ],
};
