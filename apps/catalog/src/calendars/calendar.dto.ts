import { calendarDate } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const year = z.coerce.number().int('año entero').min(2000, 'año entre 2000 y 2100').max(2100, 'año entre 2000 y 2100');
const isoDate = calendarDate('fecha AAAA-MM-DD');
const cutoff = z
  .string()
  .trim()
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'hora HH:MM de 00:00 a 23:59')
  .meta({ example: '15:00', description: 'Hora de corte (America/Mexico_City): lo recibido después cuenta como recibido el siguiente día hábil' });
const holiday = z
  .object({
    date: isoDate.meta({ example: '2025-09-16' }),
    name: z.string().trim().min(1).max(200).meta({ example: 'Día de la Independencia' }),
  })
  .strict();

export class CalendarYearParamDto extends createZodDto(z.object({ year }).strict()) {}

export class CalendarHolidayParamDto extends createZodDto(z.object({ year, date: isoDate }).strict()) {}

export class ReplaceCalendarDto extends createZodDto(
  z
    .object({
      cutoff: cutoff.optional().meta({ description: 'Por omisión se conserva la hora de corte vigente (15:00 si no hay)' }),
      holidays: z.array(holiday).max(366).meta({ description: 'El conjunto completo de días inhábiles del año (además de sábados y domingos)' }),
    })
    .strict(),
) {}

export class AddHolidayDto extends createZodDto(holiday) {}

export class BusinessDaysQueryDto extends createZodDto(
  z
    .object({
      from: isoDate.meta({ example: '2025-09-12', description: 'Fecha de recepción (ya ajustada por la hora de corte)' }),
      days: z.coerce.number().int('número entero de días').min(1, 'al menos 1 día').max(365, 'a lo más 365 días').meta({ example: 20 }),
    })
    .strict(),
) {}

const holidaysExample = [
  { date: '2025-09-16', name: 'Día de la Independencia', weekday: 'martes' },
  { date: '2025-11-17', name: 'Día de la Revolución', weekday: 'lunes' },
];

export const calendarResponseExample = {
  year: 2025,
  isDefault: false,
  note: null,
  cutoff: '15:00',
  timeZone: 'America/Mexico_City',
  holidays: holidaysExample,
  counts: { calendarDays: 365, weekendDays: 104, holidays: 2, holidaysOnWeekdays: 2, businessDays: 259 },
  version: 3,
  updatedAt: '2025-01-10T17:00:00.000Z',
};

export const businessDaysResponseExample = {
  from: '2025-09-12',
  days: 5,
  date: '2025-09-22',
  weekday: 'lunes',
  skipped: [
    { date: '2025-09-13', reason: 'sábado' },
    { date: '2025-09-14', reason: 'domingo' },
    { date: '2025-09-16', reason: 'Día de la Independencia' },
    { date: '2025-09-20', reason: 'sábado' },
    { date: '2025-09-21', reason: 'domingo' },
  ],
  warnings: [],
};
