import { AUTHORITY_LEVELS, DOCUMENT_CHANNELS, DOCUMENT_STATUSES, DOCUMENT_TYPES, REQUESTER_CATEGORIES, SENDER_KINDS } from '@tequio/contracts';
import { calendarDate, paginationFields, zonedInstant } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const unitCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'clave de unidad de 1 a 20 letras, dígitos, "." o "-"')
  .meta({ example: '801' });
const instant = zonedInstant('fecha y hora ISO 8601 con zona, p. ej. 2025-07-01T11:05:00-06:00');
const isoDate = calendarDate('fecha AAAA-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'no puede quedar vacío').max(max, `a lo más ${max} caracteres`);
const optionalText = (max: number) => text(max).nullable().optional();
/** The record's identifier in the system it came from (an earlier registry, a state platform…); not personal data. */
export const externalReference = z
  .string()
  .trim()
  .min(1, 'no puede quedar vacío')
  .max(100, 'a lo más 100 caracteres')
  .regex(/^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/, 'solo caracteres ASCII visibles (letras, dígitos, signos) y espacios intermedios')
  .meta({ example: 'SIGED-2025-000731' });
const turnId = z.uuid('identificador de turno (UUID)').meta({ example: '5a1d7c3e-9b2f-4e8a-8c6d-2f1e0b9a7c35' });

const sender = z
  .object({
    kind: z.enum(SENDER_KINDS).meta({ example: 'ciudadano' }),
    name: text(200).meta({ example: 'María López Hernández', description: 'Nombre de la persona o de la autoridad firmante' }),
    organization: optionalText(200).meta({ example: null, description: 'Dependencia o institución (autoridades)' }),
    email: z.email('correo electrónico válido').max(200).nullable().optional().meta({ example: 'maria@example.com' }),
    phone: z.string().trim().regex(/^[0-9 +()-]{7,20}$/, 'teléfono de 7 a 20 dígitos').nullable().optional().meta({ example: '951 123 4567' }),
    address: optionalText(300).meta({ example: 'Calle Independencia 100, Centro' }),
    requesterCategory: z.enum(REQUESTER_CATEGORIES).nullable().optional().meta({ example: 'mujer', description: 'Solo para ciudadanos: Hombre, Mujer, N/I o Grupo' }),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.kind === 'autoridad' && value.requesterCategory) {
      context.addIssue({ code: 'custom', path: ['requesterCategory'], message: 'solo aplica a ciudadanos' });
    }
  });

export class RegisterDocumentDto extends createZodDto(
  z
    .object({
      receivedAt: instant.optional().meta({ example: '2025-07-01T11:05:00-06:00', description: 'Fecha y hora de recepción; por omisión, ahora' }),
      channel: z.enum(DOCUMENT_CHANNELS).meta({ example: 'ventanilla' }),
      type: z.enum(DOCUMENT_TYPES).meta({ example: 'peticion_ciudadana' }),
      authorityLevel: z.enum(AUTHORITY_LEVELS).nullable().optional().meta({ example: null, description: 'Obligatorio en escritos de autoridad' }),
      sender,
      subject: text(300).meta({ example: 'Solicitud de reparación de luminarias' }),
      summary: optionalText(4000).meta({ example: 'Solicita la reparación de tres luminarias en la calle Independencia.' }),
      deskUnitCode: unitCode.meta({ example: '402', description: 'Unidad cuya Oficialía de Partes recibe' }),
      requiresResponse: z.boolean().default(true).meta({ description: 'false para designaciones de representación' }),
      externalReference: externalReference
        .nullable()
        .optional()
        .meta({ description: 'Identificador del registro en el sistema de origen (p. ej. un registro anterior); único en el municipio. No es dato personal' }),
    })
    .strict()
    .superRefine((value, context) => {
      const isAuthorityWriting = value.type.startsWith('escrito_autoridad_');
      if (isAuthorityWriting && !value.authorityLevel) {
        context.addIssue({ code: 'custom', path: ['authorityLevel'], message: 'obligatorio en escritos de autoridad (municipal, estatal o federal)' });
      }
      if (!isAuthorityWriting && value.authorityLevel) {
        context.addIssue({ code: 'custom', path: ['authorityLevel'], message: 'solo aplica a escritos de autoridad' });
      }
    }),
) {}

export class TurnDocumentDto extends createZodDto(
  z
    .object({
      turns: z
        .array(
          z
            .object({
              unitCode,
              requiresResponse: z.boolean().optional().meta({ description: 'Por omisión, lo dicho al registrar; false para designaciones de representación' }),
              instructions: optionalText(1000).meta({ example: 'Atender y enviar copia de conocimiento de la respuesta' }),
            })
            .strict(),
        )
        .min(1, 'al menos una unidad')
        .max(20, 'a lo más 20 unidades'),
      turnedAt: instant.optional().meta({ example: '2025-07-02T10:30:00-06:00', description: 'Fecha del oficio; por omisión, ahora' }),
      responseBusinessDays: z.int('número entero').min(1).max(120).optional().meta({ example: 10, description: 'Plazo en días hábiles; por omisión, el del municipio' }),
    })
    .strict(),
) {}

export class AcknowledgeTurnDto extends createZodDto(
  z.object({ turnId, acknowledgedAt: instant.optional().meta({ example: '2025-07-03T09:00:00-06:00' }) }).strict(),
) {}

export class AnswerTurnDto extends createZodDto(
  z
    .object({
      turnId,
      answeredAt: instant.optional().meta({ example: '2025-07-10T12:00:00-06:00' }),
      summary: text(4000).meta({ example: 'Se repararon las tres luminarias el 9 de julio.' }),
      attachmentIds: z
        .array(z.uuid('identificador de adjunto (UUID)'))
        .max(10, 'a lo más 10 adjuntos')
        .optional()
        .meta({ example: ['0f3c2b1a-9d8e-4f7a-8b6c-5d4e3f2a1b0c'], description: 'Adjuntos del documento (subidos antes) que forman la respuesta' }),
    })
    .strict(),
) {}

export class CloseTurnDto extends createZodDto(
  z
    .object({
      turnId,
      closedAt: instant.optional(),
      reason: optionalText(500).meta({ example: 'Designación de representación: no requiere respuesta', description: 'Obligatorio si el turno requería respuesta' }),
    })
    .strict(),
) {}

export class ReassignTurnDto extends createZodDto(
  z
    .object({
      turnId,
      unitCode,
      reason: text(500).meta({ example: 'Es competencia de Servicios Municipales' }),
      requiresResponse: z.boolean().optional(),
      turnedAt: instant.optional(),
    })
    .strict(),
) {}

export class CancelDocumentDto extends createZodDto(z.object({ reason: text(500).meta({ example: 'Registrado dos veces' }) }).strict()) {}

export class ReclassifyDocumentDto extends createZodDto(
  z
    .object({
      type: z.enum(DOCUMENT_TYPES).optional(),
      authorityLevel: z.enum(AUTHORITY_LEVELS).nullable().optional(),
      channel: z.enum(DOCUMENT_CHANNELS).optional(),
      requesterCategory: z.enum(REQUESTER_CATEGORIES).nullable().optional(),
      requiresResponse: z.boolean().optional().meta({ description: 'Para documentos aún no turnados' }),
    })
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class ListDocumentsQueryDto extends createZodDto(
  z
    .object({
      status: z.enum(DOCUMENT_STATUSES).optional(),
      type: z.enum(DOCUMENT_TYPES).optional(),
      channel: z.enum(DOCUMENT_CHANNELS).optional(),
      unitCode: unitCode.optional().meta({ description: 'Documentos turnados a esa unidad' }),
      folio: z.string().trim().min(1).max(60).optional(),
      externalReference: externalReference.optional().meta({ example: 'SIGED-2025-000731', description: 'El documento con esa referencia externa' }),
      from: isoDate.optional().meta({ example: '2025-07-01', description: 'Recibidos desde ese día' }),
      to: isoDate.optional().meta({ example: '2025-09-30', description: 'Recibidos hasta ese día' }),
      ...paginationFields,
    })
    .strict(),
) {}

const turnExample = {
  id: '5a1d7c3e-9b2f-4e8a-8c6d-2f1e0b9a7c35',
  unitCode: '801',
  unitName: 'Dirección de Servicios Municipales',
  oficioNumber: 'SP/0042/2025',
  requiresResponse: true,
  turnedAt: '2025-07-02T16:30:00.000Z',
  dueOn: '2025-07-16',
  status: 'acusado',
  instructions: 'Atender y enviar copia de conocimiento de la respuesta',
  acknowledgedAt: '2025-07-03T15:00:00.000Z',
  answeredAt: null,
  answerSummary: null,
  answerAttachmentIds: [],
  closedAt: null,
  closeReason: null,
  reassignReason: null,
};

export const documentResponseExample = {
  id: '2c4b6d8e-1f3a-4b5c-9d7e-8f0a1b2c3d4e',
  folio: 'OP/2025/000123',
  receivedAt: '2025-07-01T17:05:00.000Z',
  channel: 'ventanilla',
  type: 'peticion_ciudadana',
  typeLabel: 'Petición ciudadana',
  authorityLevel: null,
  senderKind: 'ciudadano',
  requesterCategory: 'mujer',
  deskUnitCode: '402',
  status: 'acusado',
  statusLabel: 'Acusado',
  requiresResponse: true,
  externalReference: 'SIGED-2025-000731',
  subject: 'Solicitud de reparación de luminarias',
  summary: 'Solicita la reparación de tres luminarias en la calle Independencia.',
  sender: { kind: 'ciudadano', name: 'María López Hernández', organization: null, email: 'maria@example.com', phone: '951 123 4567', address: 'Calle Independencia 100, Centro' },
  turns: [turnExample],
  version: 3,
};

export const registeredResponseExample = {
  ...documentResponseExample,
  status: 'registrado',
  statusLabel: 'Registrado',
  turns: [],
  version: 1,
  trackingCode: 'K7QD9-XTM3P-4HWNB-8RZ2C',
};

export const documentListExample = {
  items: [{ ...documentResponseExample, sender: undefined, summary: undefined }],
  total: 1,
  totalCapped: false,
  limit: 50,
  offset: 0,
};

export const historyResponseExample = {
  items: [
    { at: '2025-07-01T17:05:00.000Z', fromStatus: null, toStatus: 'registrado', turnId: null, unitCode: null, actor: 'oficialia@oaxaca', reason: null },
    { at: '2025-07-02T16:30:00.000Z', fromStatus: null, toStatus: 'turnado', turnId: turnExample.id, unitCode: '801', actor: 'oficialia@oaxaca', reason: null },
  ],
};
