import { calendarDate } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { unitCode } from '../documents/document.dto';

const isoDate = calendarDate('fecha AAAA-MM-DD');

export class StatisticsQueryDto extends createZodDto(
  z
    .object({
      from: isoDate.meta({ example: '2025-07-01', description: 'Primer día del periodo (hora del municipio)' }),
      to: isoDate.meta({ example: '2025-09-30', description: 'Último día del periodo' }),
      unitCode: unitCode.optional().meta({ example: '402', description: 'Solo lo recibido por esa unidad o turnado a ella' }),
    })
    .strict()
    .refine((value) => value.from <= value.to, { path: ['to'], message: 'no puede ser anterior a from' }),
) {}

export const documentStatisticsExample = {
  period: { from: '2025-07-01', to: '2025-09-30', unitCode: null },
  received: 1010,
  turned: 1010,
  answered: 100,
  designations: 294,
  requiringResponse: 716,
  answerRate: 0.1397,
  overdue: 0,
  byMonth: [
    { month: '2025-07', count: 337 },
    { month: '2025-08', count: 337 },
    { month: '2025-09', count: 336 },
  ],
  byType: [{ key: 'peticion_ciudadana', label: 'Petición ciudadana', count: 600 }],
  byChannel: [{ key: 'ventanilla', label: 'Ventanilla', count: 700 }],
  byStatus: [{ key: 'turnado', label: 'Turnado', count: 616 }],
  topReceivers: [{ unitCode: '801', unitName: 'Dirección de Servicios Municipales', count: 250 }],
};

export const hearingStatisticsExample = {
  period: { from: '2025-07-01', to: '2025-09-30', unitCode: null },
  received: 198,
  attended: 159,
  people: 420,
  byOutcome: [
    { key: 'dialogo_vecinal', label: 'Atendida en Diálogo Vecinal', count: 135 },
    { key: 'presidente', label: 'Atendida por el Presidente', count: 24 },
    { key: 'en_proceso', label: 'En proceso', count: 39 },
  ],
  byTopic: [{ key: 'obra_publica', label: 'Obra pública', count: 40 }],
  byRequesterCategory: [{ key: 'grupo', label: 'Grupo', count: 30 }],
};
