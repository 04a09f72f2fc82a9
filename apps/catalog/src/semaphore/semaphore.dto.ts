import { SEMAPHORE_COLORS } from '@tequio/contracts';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { bandLabel, COLOR_LABELS, DEFAULT_BANDS, DEFAULT_NOTE, validateBands } from './semaphore';

const year = z.coerce.number().int('año entero').min(2000, 'año entre 2000 y 2100').max(2100, 'año entre 2000 y 2100');

export class SemaphoreYearParamDto extends createZodDto(z.object({ year }).strict()) {}

const band = z
  .object({
    color: z.enum(SEMAPHORE_COLORS).meta({ example: 'verde' }),
    min: z.number().min(0, 'no puede ser negativo').max(1_000_000).meta({ example: 90, description: 'Cumplimiento en %' }),
    max: z.number().min(0, 'no puede ser negativo').max(1_000_000).nullable().meta({ example: 110, description: 'null: sin límite superior' }),
    minInclusive: z.boolean().meta({ example: true }),
    maxInclusive: z.boolean().meta({ example: true }),
  })
  .strict();

export class ReplaceSemaphoreDto extends createZodDto(
  z
    .object({
      decimals: z
        .int('número entero')
        .min(0, 'de 0 a 4')
        .max(4, 'de 0 a 4')
        .optional()
        .meta({ example: 2, description: 'Decimales con que se muestra el cumplimiento; por omisión se conservan' }),
      bands: z
        .array(band)
        .min(1, 'indique al menos una banda')
        .max(20)
        .meta({ description: 'En orden ascendente, de 0 a infinito, sin huecos ni traslapes', example: DEFAULT_BANDS }),
    })
    .strict()
    .superRefine(
      (value, ctx) => {
        for (const issue of validateBands(value.bands)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      },
      // How the bands fit together only matters once each band is valid on its own.
      { when: (payload) => payload.issues.length === 0 },
    ),
) {}

export const semaphoreResponseExample = {
  year: 2025,
  isDefault: true,
  note: DEFAULT_NOTE,
  decimals: 2,
  bands: DEFAULT_BANDS.map((b) => ({ ...b, colorLabel: COLOR_LABELS[b.color], label: bandLabel(b) })),
  version: 0,
  updatedAt: null,
};
