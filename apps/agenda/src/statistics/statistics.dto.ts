import { calendarDate } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class StatisticsQueryDto extends createZodDto(
  z
    .object({
      from: calendarDate().meta({ description: 'Primer día del periodo', example: '2025-04-01' }),
      to: calendarDate().meta({ description: 'Último día del periodo, inclusive', example: '2025-06-30' }),
    })
    .strict()
    .refine((value) => value.to >= value.from, { path: ['to'], message: 'debe ser igual o posterior a from' })
    .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= 366 * 86_400_000, { path: ['to'], message: 'el periodo no puede pasar de un año' }),
) {}

const byStatus = { programada: 0, confirmada: 0, reprogramada: 0, cancelada: 2, realizada: 5 };

export const statisticsExample = {
  from: '2025-04-01',
  to: '2025-06-30',
  activities: {
    total: 7,
    held: 5,
    byStatus,
    byCategory: [{ category: 'dialogo_vecinal', label: 'Diálogos vecinales', reportCategory: 'dialogo_vecinal', total: 7, byStatus }],
  },
  cabinetMeetings: {
    programmed: 13,
    held: 13,
    cancelled: 0,
    participatingUnits: 2,
    attendanceByUnit: [
      { unitCode: '402', meetings: 13 },
      { unitCode: '501', meetings: 12 },
    ],
    agreements: { open: 3, done: 10, cancelled: 0, overdue: 1 },
  },
  weeklyAgendas: {
    weeks: 13,
    expected: 390,
    received: 320,
    onTime: 300,
    late: 20,
    missing: 70,
    averageReceivedPerWeek: 24.6,
    byMonth: [{ month: '2025-04', weeks: 4, expected: 120, received: 100, onTime: 95, late: 5, missing: 20, onTimeRate: 79.2 }],
    missingByWeek: [{ week: '2025-W14', missingUnitCodes: ['602', '703'] }],
  },
  alliances: { alianza: 12, hermanamiento: 3 },
};
