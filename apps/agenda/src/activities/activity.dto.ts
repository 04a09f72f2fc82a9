import { ACTIVITY_CATEGORIES, ACTIVITY_STATUSES, ACTIVITY_VISIBILITIES } from '@tequio/contracts';
import { calendarDate, paginationFields, zonedInstant } from '@tequio/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

const unitCode = z.string().trim().min(1, 'no puede estar vacío').max(20);
const instant = zonedInstant('fecha y hora ISO 8601 con zona, p. ej. 2025-07-14T10:00:00-06:00');
const involvedUnitCodes = z
  .array(unitCode)
  .max(100)
  .refine((codes) => new Set(codes).size === codes.length, 'una unidad aparece más de una vez')
  .meta({ description: 'Unidades involucradas: se les informa cada cambio', example: ['402', '501'] });
const involvedRoles = z
  .array(
    z
      .object({
        unitCode,
        role: z.string().trim().min(1, 'no puede estar vacío').max(100).meta({ description: 'Cargo de la persona en la unidad (nunca su nombre)', example: 'Titular' }),
      })
      .strict(),
  )
  .max(100)
  .meta({ description: 'Personas involucradas, por su cargo en una unidad', example: [{ unitCode: '501', role: 'Titular' }] });

const detailFields = {
  title: z.string().trim().min(1, 'no puede estar vacío').max(300).meta({ example: 'Diálogo vecinal en la colonia Reforma' }),
  category: z.string().trim().min(1).max(60).meta({ description: 'Clave de categoría del municipio (ver /activity-categories)', example: 'dialogo_vecinal' }),
  place: z.string().trim().min(1).max(300).nullable().meta({ example: 'Parque de la colonia Reforma' }),
  organizerUnitCode: unitCode.meta({ description: 'Unidad que organiza', example: '402' }),
  involvedUnitCodes,
  involvedRoles,
  visibility: z.enum(ACTIVITY_VISIBILITIES).meta({ description: 'Las privadas nunca aparecen en el calendario público', example: 'publica' }),
};

/** End after start, reported on `endsAt`. */
function endsAfterStart<T extends { startsAt?: string; endsAt?: string }>(value: T, context: z.RefinementCtx): void {
  if (value.startsAt && value.endsAt && Date.parse(value.endsAt) <= Date.parse(value.startsAt)) {
    context.addIssue({ code: 'custom', path: ['endsAt'], message: 'debe ser posterior a startsAt' });
  }
}

export class CreateActivityDto extends createZodDto(
  z
    .object({
      ...detailFields,
      place: detailFields.place.default(null),
      involvedUnitCodes: involvedUnitCodes.default([]),
      involvedRoles: involvedRoles.default([]),
      visibility: detailFields.visibility.default('publica'),
      startsAt: instant.meta({ example: '2025-07-14T10:00:00-06:00' }),
      endsAt: instant.meta({ example: '2025-07-14T12:00:00-06:00' }),
    })
    .strict()
    .superRefine(endsAfterStart),
) {}

export class UpdateActivityDto extends createZodDto(
  z
    .object(detailFields)
    .partial()
    .strict()
    .refine((value) => Object.keys(value).length > 0, 'indique al menos un campo a cambiar'),
) {}

export class ChangeActivityStatusDto extends createZodDto(
  z
    .object({
      status: z.enum(ACTIVITY_STATUSES).meta({ example: 'reprogramada' }),
      reason: z.string().trim().min(1, 'no puede estar vacío').max(500).optional().meta({ description: 'Obligatorio al reprogramar o cancelar', example: 'Cambio de sede por lluvia' }),
      startsAt: instant.optional().meta({ description: 'Nuevo inicio (solo al reprogramar)', example: '2025-07-15T10:00:00-06:00' }),
      endsAt: instant.optional().meta({ description: 'Nuevo fin (solo al reprogramar)', example: '2025-07-15T12:00:00-06:00' }),
    })
    .strict()
    .superRefine((value, context) => {
      if (value.status === 'reprogramada') {
        if (!value.startsAt) context.addIssue({ code: 'custom', path: ['startsAt'], message: 'es obligatorio al reprogramar' });
        if (!value.endsAt) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'es obligatorio al reprogramar' });
      } else if (value.startsAt || value.endsAt) {
        context.addIssue({ code: 'custom', path: [value.startsAt ? 'startsAt' : 'endsAt'], message: 'solo se indica al reprogramar' });
      }
      if ((value.status === 'reprogramada' || value.status === 'cancelada') && !value.reason) {
        context.addIssue({ code: 'custom', path: ['reason'], message: 'es obligatorio al reprogramar o cancelar' });
      }
      endsAfterStart(value, context);
    }),
) {}

export class ListActivitiesQueryDto extends createZodDto(
  z
    .object({
      from: calendarDate().optional().meta({ description: 'Desde este día (hora del municipio)', example: '2025-07-01' }),
      to: calendarDate().optional().meta({ description: 'Hasta este día, inclusive', example: '2025-09-30' }),
      status: z.enum(ACTIVITY_STATUSES).optional(),
      category: z.string().trim().min(1).max(60).optional(),
      unitCode: z.string().trim().min(1).max(20).optional().meta({ description: 'Organizadas por o con la participación de esta unidad' }),
      visibility: z.enum(ACTIVITY_VISIBILITIES).optional(),
      ...paginationFields,
    })
    .strict(),
) {}

export class UpsertActivityCategoryDto extends createZodDto(
  z
    .object({
      label: z.string().trim().min(1, 'no puede estar vacío').max(120).meta({ example: 'Recorridos en colonias' }),
      reportCategory: z.enum(ACTIVITY_CATEGORIES).meta({ description: 'Categoría del registro de métricas en que cuenta', example: 'recorrido' }),
      active: z.boolean().default(true),
    })
    .strict(),
) {}

export const activityResponseExample = {
  id: '5b1d7c2e-4f3a-4e8b-9c6d-2a1b3c4d5e6f',
  title: 'Diálogo vecinal en la colonia Reforma',
  category: 'dialogo_vecinal',
  categoryLabel: 'Diálogos vecinales',
  reportCategory: 'dialogo_vecinal',
  visibility: 'publica',
  place: 'Parque de la colonia Reforma',
  startsAt: '2025-07-14T16:00:00.000Z',
  endsAt: '2025-07-14T18:00:00.000Z',
  organizerUnitCode: '402',
  involvedUnitCodes: ['402', '501'],
  involvedRoles: [{ unitCode: '501', role: 'Titular' }],
  status: 'programada',
  statusLabel: 'Programada',
  previousStatus: null,
  statusChangedAt: '2025-07-01T15:00:00.000Z',
  version: 1,
  createdAt: '2025-07-01T15:00:00.000Z',
  updatedAt: '2025-07-01T15:00:00.000Z',
  warnings: [
    {
      code: 'traslape',
      message: 'Se traslapa con «Reunión con el Gobernador» (2025-07-14T17:00:00.000Z – 2025-07-14T18:30:00.000Z)',
      activityId: '8d2e1f3a-4b5c-4d6e-9f7a-0b1c2d3e4f5a',
    },
  ],
};

export const activityHistoryExample = [
  { fromStatus: null, toStatus: 'programada', reason: null, startsAt: '2025-07-14T16:00:00.000Z', endsAt: '2025-07-14T18:00:00.000Z', actor: 'agenda@oaxaca', changedAt: '2025-07-01T15:00:00.000Z', version: 1 },
  { fromStatus: 'programada', toStatus: 'reprogramada', reason: 'Cambio de sede por lluvia', startsAt: '2025-07-15T16:00:00.000Z', endsAt: '2025-07-15T18:00:00.000Z', actor: 'agenda@oaxaca', changedAt: '2025-07-10T15:00:00.000Z', version: 2 },
];

export const activityCategoriesExample = [
  { code: 'dialogo_vecinal', label: 'Diálogos vecinales', reportCategory: 'dialogo_vecinal', active: true, isDefault: true },
  { code: 'recorrido_colonias', label: 'Recorridos en colonias', reportCategory: 'recorrido', active: true, isDefault: false },
];
