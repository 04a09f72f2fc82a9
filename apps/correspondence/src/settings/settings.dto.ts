import { HEARING_TOPICS } from '@tequio/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const DEFAULT_SETTINGS = {
  folioFormat: 'OP/{year}/{seq:6}',
  oficioFormat: 'SP/{seq:4}/{year}',
  responseBusinessDays: 10,
  hearingTopics: [...HEARING_TOPICS],
};

const format = z.string().trim().min(1).max(60);

export class UpdateSettingsDto extends createZodDto(
  z
    .object({
      folioFormat: format.optional().meta({ example: 'OP/{year}/{seq:6}', description: 'Formato del folio: {year}, {seq} o {seq:N} (N dígitos)' }),
      oficioFormat: format.optional().meta({ example: 'SP/{seq:4}/{year}', description: 'Formato del número de oficio de turno' }),
      responseBusinessDays: z.int('número entero de días').min(1, 'al menos 1 día hábil').max(120, 'a lo más 120 días hábiles').optional().meta({ example: 10 }),
      hearingTopics: z
        .array(z.enum(HEARING_TOPICS))
        .min(1, 'al menos un tema')
        .optional()
        .meta({ example: ['obra_publica', 'alumbrado_publico', 'otro'], description: 'Temas de audiencia que usa el municipio' }),
    })
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export const settingsResponseExample = {
  ...DEFAULT_SETTINGS,
  hearingTopicLabels: { obra_publica: 'Obra pública' },
  isDefault: false,
  version: 2,
};
