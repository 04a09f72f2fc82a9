import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

/** Evidence by reference (a URL or a document id, with a description); files are uploaded to the capture's `evidence` endpoint. */
export const evidenceSchema = z
  .object({
    url: z.url().max(2000).optional().meta({ example: 'https://archivo.oaxaca.gob.mx/informes/2023/t2/pp04-fin.pdf' }),
    documentId: z.string().trim().min(1).max(200).optional().meta({ example: 'SG/DAS/0231/2023' }),
    description: z.string().trim().min(1).max(500).meta({ example: 'Segundo informe trimestral: P.P. 4-F' }),
  })
  .strict()
  .refine((evidence) => evidence.url !== undefined || evidence.documentId !== undefined, { message: 'indique url o documentId', path: ['url'] });

export const captureSchema = z
  .object({
    value: z
      .number()
      .finite()
      .optional()
      .meta({
        description:
          'Valor alcanzado del trimestre, ya multiplicado por el factor. Con numerator y denominator es solo el valor declarado (p. ej. el que imprimió la unidad): el informe calcula el valor de ellos y, si no cuadra, lo señala (valor_declarado_no_cuadra)',
        example: 25,
      }),
    numerator: z.number().finite().min(0).optional().meta({ example: 13 }),
    denominator: z.number().finite().min(0).optional().meta({ example: 52 }),
    justification: z.string().trim().min(1).max(2000).meta({ example: 'Instrumentos implementados según el informe de la Dirección de Agencias' }),
    evidence: z.array(evidenceSchema).max(20).default([]),
  })
  .strict()
  .superRefine((capture, context) => {
    const hasPair = capture.numerator !== undefined || capture.denominator !== undefined;
    if (capture.value === undefined && !hasPair) context.addIssue({ code: 'custom', path: ['value'], message: 'indique value, o numerator y denominator' });
  });
export type CaptureInput = z.infer<typeof captureSchema>;
export class CaptureDto extends createZodDto(captureSchema) {}

export const captureResponseExample = {
  indicatorId: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d',
  programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  year: 2023,
  quarter: 2,
  value: 25,
  numerator: null,
  denominator: null,
  justification: 'Instrumentos implementados según el informe de la Dirección de Agencias',
  evidence: [{ documentId: 'SG/DAS/0231/2023', description: 'Segundo informe trimestral: P.P. 4-F' }],
  capturedBy: 'planeacion@oaxaca',
  capturedAt: '2023-07-05T17:00:00.000Z',
  version: 1,
  attachments: 1,
};
