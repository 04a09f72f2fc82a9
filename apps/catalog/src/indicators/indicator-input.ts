import {
  ACCUMULATION_TYPES,
  INDICATOR_DIMENSIONS,
  INDICATOR_DIRECTIONS,
  INDICATOR_LEVELS,
  INDICATOR_TYPES,
  MEASUREMENT_FREQUENCIES,
} from '@tequio/contracts';
import { quantity } from '@tequio/platform';
import { z } from 'zod';
import { defaultFactor } from './indicator-factor';
import { checkLevelNumbers } from './mir-levels';

/*
 * One MIR indicator as a client (or the MIR importer) submits it. The program (and so the year) comes from the
 * route. Shared by POST /programs/:programId/indicators, POST /indicators and IndicatorCreationService.createMany.
 */

const text = (max: number) => z.string().trim().min(1, 'no puede estar vacío').max(max);
const filterValue = z.union([z.string().trim().min(1).max(100), quantity(), z.boolean()]);

export const formulaTermInputSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('metric'),
        metric: z.string().trim().min(1).max(100).meta({ example: 'correspondence.documents.answered' }),
        filters: z.record(z.string().min(1).max(50), filterValue).default({}).meta({ example: { requiresResponse: true, unit: '402' } }),
      })
      .strict(),
    z
      .object({
        kind: z.literal('constant'),
        value: quantity().meta({ example: 52, description: 'Meta anual fija, p. ej. 52 reuniones de gabinete' }),
      })
      .strict(),
    z.object({ kind: z.literal('manual') }).strict().meta({ description: 'Se captura a mano, con evidencia' }),
  ],
  { error: 'kind: debe ser metric, constant o manual' },
);

export const formulaInputSchema = z
  .object({ numerator: formulaTermInputSchema, denominator: formulaTermInputSchema })
  .strict()
  .meta({
    description: 'Valor = numerador / denominador × factor',
    example: {
      numerator: { kind: 'metric', metric: 'agenda.cabinet_meetings.held', filters: {} },
      denominator: { kind: 'constant', value: 52 },
    },
  });

const target = quantity().min(0, 'no puede ser negativa').nullable();

export const targetsInputSchema = z
  .object({ q1: target, q2: target, q3: target, q4: target })
  .strict()
  .meta({ description: 'Valores programados por trimestre, en la unidad del indicador; null sin meta', example: { q1: 25, q2: 25, q3: 25, q4: 25 } });

const MANUAL_FORMULA = { numerator: { kind: 'manual' as const }, denominator: { kind: 'manual' as const } };

/** The fields of an indicator, without defaults (PATCH takes any subset of them). */
export const indicatorFieldShape = {
  level: z.enum(INDICATOR_LEVELS).meta({ example: 'actividad' }),
  componentNumber: z.int().min(1).max(99).nullable().optional().meta({ example: 1, description: 'N de Componente N y de Actividad N.M' }),
  activityNumber: z.int().min(1).max(99).nullable().optional().meta({ example: 2, description: 'M de Actividad N.M' }),
  name: text(500).meta({ example: 'Porcentaje de solicitudes escritas atendidas' }),
  definition: text(2000).meta({ example: 'Mide el porcentaje de solicitudes escritas que requieren respuesta y fueron atendidas' }),
  calculationMethod: text(2000).meta({
    example: '(número de solicitudes atendidas / número de solicitudes recibidas que requieren respuesta) * 100',
    description: 'Método de cálculo, como se imprime en la MIR',
  }),
  unitOfMeasure: text(100).meta({ example: 'Porcentaje' }),
  type: z.enum(INDICATOR_TYPES).meta({ example: 'gestion' }),
  dimension: z.enum(INDICATOR_DIMENSIONS).meta({ example: 'eficacia' }),
  frequency: z.enum(MEASUREMENT_FREQUENCIES).meta({ example: 'trimestral' }),
  direction: z.enum(INDICATOR_DIRECTIONS).meta({ example: 'ascendente' }),
  baseline: z
    .object({ value: quantity(), year: z.int().min(2000).max(2100) })
    .strict()
    .nullable()
    .meta({ description: 'Línea base; null si no hay', example: { value: 0, year: 2024 } }),
  accumulation: z.enum(ACCUMULATION_TYPES).meta({ example: 'flow' }),
  factor: z.number().positive().max(1_000_000).meta({ example: 100, description: 'Por omisión, 100 si la unidad de medida es un porcentaje y 1 si no' }),
  meansOfVerification: text(2000).nullable().meta({ example: 'Registro de correspondencia de la Oficialía de Partes' }),
  responsibleUnitId: z.uuid().meta({ description: 'Unidad responsable; por omisión, la unidad dueña del programa' }),
  targets: targetsInputSchema,
  formula: formulaInputSchema,
};

export const indicatorFieldsSchema = z
  .object({
    ...indicatorFieldShape,
    baseline: indicatorFieldShape.baseline.default(null),
    factor: indicatorFieldShape.factor.optional(),
    meansOfVerification: indicatorFieldShape.meansOfVerification.default(null),
    responsibleUnitId: indicatorFieldShape.responsibleUnitId.optional(),
    targets: targetsInputSchema.default({ q1: null, q2: null, q3: null, q4: null }),
    formula: formulaInputSchema.default(MANUAL_FORMULA),
  })
  .strict();

/** Adds the level/number coherence issues (Fin carries no numbers, Actividad carries N and M) to a zod check. */
export function refineLevelNumbers(
  value: { level?: (typeof INDICATOR_LEVELS)[number]; componentNumber?: number | null; activityNumber?: number | null },
  context: z.RefinementCtx,
): void {
  if (!value.level) return;
  for (const issue of checkLevelNumbers({ level: value.level, componentNumber: value.componentNumber, activityNumber: value.activityNumber })) {
    context.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
  }
}

/** Fills a missing factor by the unit of measure (see defaultFactor): 100 for percentages, 1 otherwise. */
export function withDefaultFactor<T extends { unitOfMeasure: string; factor?: number }>(value: T): T & { factor: number } {
  return { ...value, factor: value.factor ?? defaultFactor(value.unitOfMeasure) };
}

export const indicatorInputSchema = indicatorFieldsSchema.superRefine(refineLevelNumbers).transform(withDefaultFactor);

/** One indicator to create, as parsed by indicatorInputSchema. */
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;
/** What a caller may submit (defaults not yet applied). */
export type IndicatorInputRaw = z.input<typeof indicatorInputSchema>;

/** A row-indexed problem of a batch (`row` is the index in the submitted array, from 0). */
export interface IndicatorRowError {
  row: number;
  field: string;
  message: string;
}
