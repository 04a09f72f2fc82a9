import { ADVISORY_TOPICS, COMPLAINT_STATUSES, MONITORED_PLATFORMS, REQUESTER_CATEGORIES } from '@tequio/contracts';
import { paginationFields } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { isoDate } from '../requests/request.dto';

const unitCode = z.string().trim().min(1).max(20);
const attendees = z.int('número entero de personas').min(0).max(10_000);

export class RecordTrainingDto extends createZodDto(
  z
    .object({
      heldOn: isoDate.meta({ example: '2024-04-09' }),
      topic: z.string().trim().min(1).max(300).meta({ example: 'Obligaciones en materia de datos personales' }),
      men: attendees.meta({ example: 12 }),
      women: attendees.meta({ example: 21 }),
      unitCodes: z.array(unitCode).max(200).default([]).meta({ example: ['301', '501'], description: 'Unidades que asistieron' }),
    })
    .strict(),
) {}

export class RecordAdvisoryDto extends createZodDto(
  z
    .object({
      givenOn: isoDate.meta({ example: '2024-04-15' }),
      topic: z.enum(ADVISORY_TOPICS).meta({ example: 'enlaces' }),
      sex: z.enum(['hombre', 'mujer']).meta({ example: 'mujer', description: 'Sexo de la persona asesorada' }),
      unitCode: unitCode.optional().meta({ example: '501' }),
    })
    .strict(),
) {}

export class RecordMonitoringDto extends createZodDto(
  z
    .object({
      doneOn: isoDate.meta({ example: '2024-04-01' }),
      platform: z.enum(MONITORED_PLATFORMS).meta({ example: 'sisai' }),
      count: z.int().min(1).max(500).default(1).meta({ example: 1, description: 'Revisiones hechas ese día' }),
      finding: z.string().trim().min(1).max(2000).optional().meta({ example: 'Sin solicitudes nuevas' }),
    })
    .strict(),
) {}

export class RegisterComplaintDto extends createZodDto(
  z
    .object({
      obligationReference: z.string().trim().min(1).max(120).meta({ example: 'LGTAIP art. 70 fracc. XXIX' }),
      receivedOn: isoDate.meta({ example: '2024-06-10' }),
      requesterCategory: z.enum(REQUESTER_CATEGORIES).meta({ example: 'no_identificado' }),
      description: z.string().trim().min(1).max(5000).optional().meta({ description: 'Texto de la denuncia: no sale del servicio' }),
    })
    .strict(),
) {}

export class ComplaintRequirementDto extends createZodDto(z.object({ unitCode: unitCode.meta({ example: '301' }), sentOn: isoDate.meta({ example: '2024-06-11' }) }).strict()) {}

export class RequirementComplianceDto extends createZodDto(z.object({ compliedOn: isoDate.meta({ example: '2024-06-20' }) }).strict()) {}

export class ComplaintStatusDto extends createZodDto(z.object({ status: z.enum(COMPLAINT_STATUSES).meta({ example: 'resuelta' }) }).strict()) {}

export class ListActivitiesQueryDto extends createZodDto(z.object({ from: isoDate.optional(), to: isoDate.optional(), ...paginationFields }).strict()) {}

export const trainingExample = {
  id: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c',
  heldOn: '2024-04-09',
  topic: 'Obligaciones en materia de datos personales',
  men: 12,
  women: 21,
  unitCodes: ['301', '501'],
  cancelled: false,
  version: 1,
};
export const advisoryExample = { id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', givenOn: '2024-04-15', topic: 'enlaces', sex: 'mujer', unitCode: '501', cancelled: false, version: 1 };
export const monitoringExample = { id: '8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e', doneOn: '2024-04-01', platform: 'sisai', count: 1, finding: 'Sin solicitudes nuevas', cancelled: false, version: 1 };
export const complaintExample = {
  id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  obligationReference: 'LGTAIP art. 70 fracc. XXIX',
  receivedOn: '2024-06-10',
  requesterCategory: 'no_identificado',
  status: 'en_requerimiento',
  requirements: [{ id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', unitCode: '301', oficioNumber: 'UT/0790/2024', sentOn: '2024-06-11', compliedOn: null }],
  version: 2,
};
