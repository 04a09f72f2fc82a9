import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class MirImportQueryDto extends createZodDto(
  z
    .object({
      dryRun: z
        .enum(['true', 'false'])
        .default('false')
        .meta({ description: 'true: solo valida y muestra la vista previa, sin guardar nada', example: 'true' }),
    })
    .strict(),
) {}
