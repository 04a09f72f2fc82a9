import { APPEAL_GROUNDS, APPEAL_RESOLUTIONS, APPEAL_STATUSES, REQUESTER_CATEGORIES } from '@tequio/contracts';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { folio, isoDate } from '../requests/request.dto';

const day = (example: string) => isoDate.meta({ example });
const oficioNumber = z.string().trim().min(1).max(60);

export class RegisterAppealDto extends createZodDto(
  z
    .object({
      fileNumber: z.string().trim().min(1).max(60).meta({ example: 'RRA/0123/2024', description: 'Expediente del órgano garante' }),
      requestFolio: folio,
      filedOn: day('2024-05-20'),
      ground: z.enum(APPEAL_GROUNDS).meta({ example: 'informacion_incompleta' }),
      groundDetail: z.string().trim().min(1).max(5000).optional().meta({ description: 'Texto de quien recurre: no sale del servicio' }),
      requesterCategories: z
        .array(z.enum(REQUESTER_CATEGORIES))
        .min(1, 'al menos una persona recurrente')
        .max(20)
        .meta({ example: ['hombre'], description: 'Una categoría por persona que recurre' }),
    })
    .strict(),
) {}

export class AppealNotificationDto extends createZodDto(
  z
    .object({
      oficioNumber: oficioNumber.meta({ example: 'OGAIPO/SRR/0456/2024' }),
      receivedOn: day('2024-05-22'),
      dueOn: day('2024-05-31').optional().meta({ description: 'Vencimiento que fija la notificación' }),
    })
    .strict(),
) {}

export class AppealTurnDto extends createZodDto(z.object({ unitCode: z.string().trim().min(1).max(20).meta({ example: '501' }), turnedOn: day('2024-05-23') }).strict()) {}

export class AppealTurnAnswerDto extends createZodDto(
  z.object({ answerOficioNumber: oficioNumber.meta({ example: 'SOP/0301/2024' }), answeredOn: day('2024-05-28') }).strict(),
) {}

export class PleadingsDto extends createZodDto(z.object({ filedOn: day('2024-05-30') }).strict()) {}

export class AppealResolutionDto extends createZodDto(
  z
    .object({
      resolution: z.enum(APPEAL_RESOLUTIONS).meta({ example: 'modifica' }),
      resolvedOn: day('2024-07-10'),
      complianceDueOn: day('2024-07-24').optional().meta({ description: 'Plazo para cumplir (si modifica o revoca)' }),
    })
    .strict(),
) {}

export class ComplianceDto extends createZodDto(z.object({ compliedOn: day('2024-07-20') }).strict()) {}

export class ListAppealsQueryDto extends createZodDto(
  z.object({ status: z.enum(APPEAL_STATUSES).optional(), from: isoDate.optional(), to: isoDate.optional(), ...paginationFields }).strict(),
) {}

export const appealViewExample = {
  id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  fileNumber: 'RRA/0123/2024',
  requestId: '1f7a3c2e-5b9d-4e8f-a1c3-2d4e6f8a0b1c',
  requestFolio: '201173824000123',
  filedOn: '2024-05-20',
  ground: 'informacion_incompleta',
  requesterCategories: ['hombre'],
  status: 'en_alegatos',
  notifications: [{ id: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f', oficioNumber: 'OGAIPO/SRR/0456/2024', receivedOn: '2024-05-22', dueOn: '2024-05-31' }],
  turns: [],
  pleadingsFiledOn: null,
  resolution: null,
  resolvedOn: null,
  complianceDueOn: null,
  compliedOn: null,
  version: 2,
};
