import { HEARING_OUTCOMES, HEARING_TOPICS, REQUESTER_CATEGORIES } from '@tequio/contracts';
import { calendarDate, paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { unitCode } from '../documents/document.dto';

const isoDate = calendarDate('fecha AAAA-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'no puede quedar vacío').max(max, `a lo más ${max} caracteres`);

const hearingFields = {
  requesterCategory: z.enum(REQUESTER_CATEGORIES).meta({ example: 'grupo' }),
  groupSize: z.int('número entero').min(2, 'un grupo tiene al menos 2 personas').max(100_000).nullable().optional().meta({ example: 12, description: 'Obligatorio para grupos' }),
  topic: z.enum(HEARING_TOPICS).meta({ example: 'alumbrado_publico', description: 'Uno de los temas habilitados en el municipio' }),
  attendedOn: isoDate.nullable().optional().meta({ example: null, description: 'Obligatorio salvo si está en proceso' }),
  outcome: z.enum(HEARING_OUTCOMES).meta({ example: 'en_proceso' }),
  channelledUnitCode: unitCode.nullable().optional().meta({ example: null, description: 'Unidad a la que se canalizó (resultado "canalizada")' }),
};

export class RegisterHearingDto extends createZodDto(
  z
    .object({
      unitCode: unitCode.meta({ example: '402', description: 'Unidad que atiende las audiencias' }),
      requester: z
        .object({
          name: text(200).meta({ example: 'Comité vecinal de la colonia Reforma' }),
          phone: z.string().trim().regex(/^[0-9 +()-]{7,20}$/, 'teléfono de 7 a 20 dígitos').nullable().optional(),
          email: z.email('correo electrónico válido').max(200).nullable().optional(),
        })
        .strict(),
      subject: text(2000).nullable().optional().meta({ example: 'Luminarias apagadas en la calle principal' }),
      requestedOn: isoDate.meta({ example: '2025-07-08' }),
      ...hearingFields,
      outcome: hearingFields.outcome.default('en_proceso'),
    })
    .strict(),
) {}

export class UpdateHearingDto extends createZodDto(
  z
    .object(hearingFields)
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class CancelHearingDto extends createZodDto(z.object({ reason: text(500).meta({ example: 'Registrada dos veces' }) }).strict()) {}

export class ListHearingsQueryDto extends createZodDto(
  z
    .object({
      outcome: z.enum(HEARING_OUTCOMES).optional(),
      topic: z.enum(HEARING_TOPICS).optional(),
      requesterCategory: z.enum(REQUESTER_CATEGORIES).optional(),
      from: isoDate.optional().meta({ description: 'Solicitadas desde ese día' }),
      to: isoDate.optional().meta({ description: 'Solicitadas hasta ese día' }),
      ...paginationFields,
    })
    .strict(),
) {}

export const hearingResponseExample = {
  id: '9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  unitCode: '402',
  requesterCategory: 'grupo',
  requesterCategoryLabel: 'Grupo',
  groupSize: 12,
  topic: 'alumbrado_publico',
  topicLabel: 'Alumbrado público',
  requestedOn: '2025-07-08',
  attendedOn: '2025-07-19',
  outcome: 'dialogo_vecinal',
  outcomeLabel: 'Atendida en Diálogo Vecinal',
  channelledUnitCode: null,
  cancelled: false,
  requester: { name: 'Comité vecinal de la colonia Reforma', phone: '951 000 0000', email: null },
  subject: 'Luminarias apagadas en la calle principal',
  version: 2,
};
