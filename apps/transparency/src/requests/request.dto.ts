import { ANSWER_TYPES, ARCO_RIGHTS, REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES, REQUESTER_CATEGORIES } from '@tequio/contracts';
import { calendarDate, paginationFields, zonedInstant } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const isoDate = calendarDate('fecha AAAA-MM-DD');
const optionalDay = (description: string) => isoDate.optional().meta({ example: '2024-04-15', description: `${description}; por omisión, hoy` });
const unitCode = z.string().trim().min(1).max(20).meta({ example: '501' });
const oficioNumber = z.string().trim().min(1).max(60);

/** The national platform (SISAI 2.0 / PNT) folio: 15 digits. */
export const folio = z
  .string()
  .trim()
  .regex(/^\d{15}$/, 'el folio de la Plataforma Nacional de Transparencia son 15 dígitos')
  .meta({ example: '201173824000123' });

export class RegisterRequestDto extends createZodDto(
  z
    .object({
      folio,
      kind: z.enum(REQUEST_KINDS).default('informacion').meta({ description: 'Acceso a la información o derechos ARCO' }),
      arcoRight: z.enum(ARCO_RIGHTS).optional().meta({ description: 'Solo para solicitudes ARCO' }),
      channel: z.enum(REQUEST_CHANNELS).meta({ example: 'plataforma_nacional' }),
      receivedAt: zonedInstant('fecha y hora ISO 8601 con zona, p. ej. 2024-04-08T10:00:00-06:00').meta({ example: '2024-04-08T10:00:00-06:00' }),
      requesterCategory: z.enum(REQUESTER_CATEGORIES).meta({ example: 'mujer' }),
      requesterName: z.string().trim().min(1).max(200).optional().meta({ example: 'María López', description: 'Dato personal: no sale del servicio' }),
      requesterContact: z.string().trim().min(1).max(200).optional().meta({ example: 'maria@example.org', description: 'Dato personal: no sale del servicio' }),
      informationRequested: z.string().trim().min(1).max(10_000).meta({ example: 'Contratos de obra pública de 2023' }),
    })
    .strict()
    .superRefine((value, context) => {
      if (value.kind === 'arco' && !value.arcoRight) context.addIssue({ code: 'custom', path: ['arcoRight'], message: 'obligatorio en una solicitud ARCO' });
      if (value.kind === 'informacion' && value.arcoRight) context.addIssue({ code: 'custom', path: ['arcoRight'], message: 'solo aplica a solicitudes ARCO' });
    }),
) {}

export class TurnRequestDto extends createZodDto(z.object({ unitCode, turnedOn: optionalDay('Fecha del oficio de turno') }).strict()) {}

export class AnswerTurnDto extends createZodDto(
  z.object({ answerOficioNumber: oficioNumber.meta({ example: 'SOP/0231/2024' }), answeredOn: optionalDay('Fecha del oficio de respuesta del área') }).strict(),
) {}

export class ExtensionDto extends createZodDto(
  z
    .object({
      requestedOn: optionalDay('Fecha en que se notificó la prórroga'),
      days: z.int('número entero de días hábiles').min(1).max(30).default(10).meta({ example: 10 }),
      reason: z.string().trim().min(1).max(2000).meta({ example: 'Volumen de la información solicitada (acuerdo del Comité de Transparencia)' }),
    })
    .strict(),
) {}

export class ClarificationDto extends createZodDto(z.object({ requestedOn: optionalDay('Fecha en que se notificó la prevención') }).strict()) {}

export class ClarificationReplyDto extends createZodDto(z.object({ repliedOn: optionalDay('Fecha en que respondió quien solicita') }).strict()) {}

export class IdentityVerificationDto extends createZodDto(z.object({ verifiedOn: optionalDay('Fecha en que se acreditó la identidad') }).strict()) {}

export class AnswerRequestDto extends createZodDto(
  z.object({ answerType: z.enum(ANSWER_TYPES).meta({ example: 'entrega_informacion' }), answeredOn: optionalDay('Fecha de la respuesta final') }).strict(),
) {}

export class CancelDto extends createZodDto(z.object({ reason: z.string().trim().min(1).max(2000).meta({ example: 'Registrada dos veces' }) }).strict()) {}

export class ListRequestsQueryDto extends createZodDto(
  z
    .object({
      status: z.enum(REQUEST_STATUSES).optional(),
      kind: z.enum(REQUEST_KINDS).optional(),
      overdue: z.enum(['true', 'false']).optional(),
      from: isoDate.optional().meta({ description: 'Recibidas desde (fecha de recepción computada)' }),
      to: isoDate.optional(),
      ...paginationFields,
    })
    .strict(),
) {}

export class ListTurnsQueryDto extends createZodDto(
  z
    .object({
      unitCode: unitCode.optional().meta({ description: 'Solo turnos a esa unidad (el personal de un área ve solo los de sus unidades)' }),
      answered: z.enum(['true', 'false']).optional(),
      ...paginationFields,
    })
    .strict(),
) {}

export const requestViewExample = {
  id: '1f7a3c2e-5b9d-4e8f-a1c3-2d4e6f8a0b1c',
  folio: '201173824000123',
  kind: 'informacion',
  arcoRight: null,
  unitCode: '801',
  channel: 'plataforma_nacional',
  requesterCategory: 'mujer',
  informationRequested: 'Contratos de obra pública de 2023',
  receivedAt: '2024-04-08T16:00:00.000Z',
  receiptDate: '2024-04-08',
  status: 'turnada',
  statusLabel: 'Turnada a las áreas',
  firstTermDue: '2024-05-07',
  answerDue: '2024-05-07',
  extended: false,
  extension: null,
  clarificationRequestedOn: null,
  clarificationRepliedOn: null,
  identityVerifiedOn: null,
  answerType: null,
  answeredOn: null,
  overdue: false,
  late: false,
  turns: [{ id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', unitCode: '501', oficioNumber: 'UT/0412/2024', turnedOn: '2024-04-09', answerOficioNumber: null, answeredOn: null }],
  version: 2,
};

export const deadlinesExample = {
  receivedOn: '2024-04-08',
  receivedTime: '10:00',
  receiptDate: '2024-04-08',
  receiptNote: null,
  dayOne: '2024-04-09',
  clarificationRequestDue: '2024-04-15',
  clarificationReplyDue: null,
  clockStopped: false,
  firstTermDue: '2024-05-07',
  answerDue: '2024-05-07',
  appealWindowEnd: '2024-05-28',
  businessDaysLeft: 3,
  terms: { answerDays: 20, extensionDays: 10, clarificationRequestDays: 5, clarificationReplyDays: 10, appealDays: 15 },
  skipped: [
    { date: '2024-04-13', kind: 'weekend', reason: 'sábado' },
    { date: '2024-05-01', kind: 'holiday', reason: 'Día del Trabajo' },
  ],
};

export const turnViewExample = {
  id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  procedure: 'solicitud',
  parentId: '1f7a3c2e-5b9d-4e8f-a1c3-2d4e6f8a0b1c',
  folio: '201173824000123',
  informationRequested: 'Contratos de obra pública de 2023',
  answerDue: '2024-05-07',
  unitCode: '501',
  oficioNumber: 'UT/0412/2024',
  turnedOn: '2024-04-09',
  answerOficioNumber: null,
  answeredOn: null,
};
