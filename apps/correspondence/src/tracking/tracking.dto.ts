import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class TrackDocumentDto extends createZodDto(
  z
    .object({
      municipality: z.string().trim().min(1).max(100).meta({ example: 'oaxaca-de-juarez', description: 'Clave del municipio' }),
      folio: z.string().trim().min(1).max(60).meta({ example: 'OP/2025/000123' }),
      code: z.string().trim().min(1).max(60).meta({ example: 'K7QD9-XTM3P-4HWNB-8RZ2C', description: 'Código de seguimiento entregado al registrar' }),
    })
    .strict(),
) {}

export const trackingResponseExample = {
  folio: 'OP/2025/000123',
  receivedAt: '2025-07-01T17:05:00.000Z',
  status: 'acusado',
  statusLabel: 'Acusado',
  turns: [
    {
      unitCode: '801',
      unitName: 'Dirección de Servicios Municipales',
      oficioNumber: 'SP/0042/2025',
      turnedAt: '2025-07-02T16:30:00.000Z',
      dueOn: '2025-07-16',
      status: 'acusado',
      acknowledgedAt: '2025-07-03T15:00:00.000Z',
      answeredAt: null,
      closedAt: null,
    },
  ],
  history: [
    { at: '2025-07-01T17:05:00.000Z', status: 'registrado' },
    { at: '2025-07-02T16:30:00.000Z', status: 'turnado' },
  ],
};

export const TRACKING_NOT_FOUND = 'folio o código de seguimiento incorrectos';
