import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CreateCalendarFeedDto extends createZodDto(
  z
    .object({
      audience: z.enum(['publica', 'unidad']).meta({ description: 'publica: actividades públicas; unidad: las de una unidad (organizadas o con su participación)', example: 'unidad' }),
      unitCode: z.string().trim().min(1).max(20).optional().meta({ description: 'Obligatoria para audience=unidad', example: '501' }),
      label: z.string().trim().min(1, 'no puede estar vacío').max(120).meta({ description: 'Para reconocer la suscripción al revocarla', example: 'Calendario de la Secretaría de Obras' }),
    })
    .strict()
    .superRefine((value, context) => {
      if (value.audience === 'unidad' && !value.unitCode) context.addIssue({ code: 'custom', path: ['unitCode'], message: 'es obligatoria para un calendario de unidad' });
      if (value.audience === 'publica' && value.unitCode) context.addIssue({ code: 'custom', path: ['unitCode'], message: 'no aplica al calendario público' });
    }),
) {}

export const calendarFeedExample = {
  id: '3c5e7a9b-1d2f-4a6c-8e0b-2d4f6a8c0e1f',
  audience: 'unidad',
  unitCode: '501',
  label: 'Calendario de la Secretaría de Obras',
  createdAt: '2025-07-01T15:00:00.000Z',
  revokedAt: null,
};

export const createdCalendarFeedExample = {
  ...calendarFeedExample,
  token: 'q3Zr0c2b6m2Jm1a9Yb0x8sV4kT7uW1eR5nQ2pL6hD3E',
  path: '/feeds/q3Zr0c2b6m2Jm1a9Yb0x8sV4kT7uW1eR5nQ2pL6hD3E.ics',
};

export const icsExample = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Tequio//Agenda//ES',
  'NAME:Agenda pública del Presidente Municipal',
  'BEGIN:VEVENT',
  'UID:5b1d7c2e-4f3a-4e8b-9c6d-2a1b3c4d5e6f@agenda.tequio',
  'SEQUENCE:2',
  'DTSTAMP:20250710T150000Z',
  'DTSTART:20250714T160000Z',
  'DTEND:20250714T180000Z',
  'SUMMARY:Diálogo vecinal en la colonia Reforma',
  'LOCATION:Parque de la colonia Reforma',
  'STATUS:CANCELLED',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');
