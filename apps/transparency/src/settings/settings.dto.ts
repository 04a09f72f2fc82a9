import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const days = (max: number) => z.int('número entero de días hábiles').min(1, 'al menos 1 día hábil').max(max, `a lo más ${max} días hábiles`);
const terms = z
  .object({
    answerDays: days(60).meta({ example: 20 }),
    extensionDays: days(30).meta({ example: 10 }),
    clarificationRequestDays: days(30).meta({ example: 5 }),
    clarificationReplyDays: days(30).meta({ example: 10 }),
    appealDays: days(60).meta({ example: 15 }),
  })
  .strict();

export class UpdateSettingsDto extends createZodDto(
  z
    .object({
      unitCode: z.string().trim().min(1).max(20).optional().meta({ example: '801', description: 'Clave de la Unidad de Transparencia' }),
      oficioPrefix: z
        .string()
        .trim()
        .regex(/^[A-Z][A-Z0-9-]{0,14}$/, 'prefijo en mayúsculas, p. ej. UT')
        .optional()
        .meta({ example: 'UT' }),
      terms: z.object({ informacion: terms, arco: terms }).partial().strict().optional(),
      dueSoonDays: z.int('número entero de días hábiles').min(1).max(10).optional().meta({ example: 3 }),
    })
    .strict(),
) {}

export const settingsExample = {
  unitCode: '801',
  oficioPrefix: 'UT',
  terms: {
    informacion: { answerDays: 20, extensionDays: 10, clarificationRequestDays: 5, clarificationReplyDays: 10, appealDays: 15 },
    arco: { answerDays: 20, extensionDays: 10, clarificationRequestDays: 5, clarificationReplyDays: 10, appealDays: 15 },
  },
  dueSoonDays: 3,
  isDefault: true,
  version: 0,
};
