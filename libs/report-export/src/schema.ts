import { INDICATOR_DIRECTIONS, INDICATOR_LEVELS, MEASUREMENT_FREQUENCIES, semaphoreBandSchema } from '@tequio/contracts';
import { z } from 'zod';
import type { PlanningView, QuarterlyReportDocument } from './model';

/*
 * Schemas of the documents, for what comes from storage or the network: an approved report's frozen
 * snapshot is checked before it is rendered, so a damaged snapshot fails with the field named
 * instead of producing a wrong file.
 */

const isoDate = z.iso.date();
const figure = z.number().finite().nullable();
const codeAndName = z.object({ code: z.string().min(1), name: z.string().min(1) });
const quarter = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const series = z.object({ quarters: z.tuple([figure, figure, figure, figure]), cumulative: figure });
const variance = z.object({ absolute: figure, relative: figure });
const semaforoColour = z.enum(['verde', 'amarillo', 'rojo', 'n/a']);
const semaforo = z.object({ colour: semaforoColour, band: semaphoreBandSchema.nullable() });
const semaforoScale = z.object({ decimals: z.int().min(0).max(4), isDefault: z.boolean(), bands: z.array(semaphoreBandSchema).min(1) });
const numericField = z.enum(['programmed', 'achieved', 'varianceQuarter', 'varianceCumulative', 'compliance', 'annualProgress']);

const mirRow = z.object({
  code: z.string().min(1),
  level: z.enum(INDICATOR_LEVELS),
  name: z.string().min(1),
  methodOfCalculation: z.string(),
  unitOfMeasure: z.string(),
  frequency: z.enum(MEASUREMENT_FREQUENCIES),
  direction: z.enum(INDICATOR_DIRECTIONS),
  programmed: series,
  achieved: series,
  variance: z.object({ quarter: variance, cumulative: variance }),
  compliance: figure,
  annualProgress: figure,
  semaforo,
  meansOfVerification: z.string(),
  notApplicable: z.partialRecord(numericField, z.string()).optional(),
});

export const quarterlyReportDocumentSchema: z.ZodType<QuarterlyReportDocument> = z.object({
  header: z.object({
    municipality: z.string().min(1),
    unit: codeAndName,
    program: codeAndName,
    year: z.int().min(2000).max(2100),
    quarter,
    plan: z.object({ name: z.string(), axis: codeAndName, objectives: z.array(codeAndName) }),
    status: z.enum(['borrador', 'elaborado', 'validado', 'aprobado']),
    approvedOn: isoDate.nullable(),
  }).refine((header) => (header.status === 'aprobado') === (header.approvedOn !== null), {
    // The approval date is what makes an approved export the same bytes every time.
    path: ['approvedOn'],
    message: 'approvedOn: obligatoria en un informe aprobado y vacía en uno sin aprobar',
  }),
  semaforo: semaforoScale,
  mir: z.array(mirRow),
  breakdowns: z.array(
    z.object({
      title: z.string().min(1),
      metric: z.string().min(1),
      dimension: z.enum(['month', 'category', 'outcome', 'requester_category']),
      rows: z.array(z.object({ label: z.string(), value: z.number().finite() })),
      chart: z.enum(['bar', 'pie']),
      total: z.number().finite(),
      partsAddUp: z.boolean(),
    }),
  ),
  dataQuality: z.array(z.object({ code: z.string().min(1), message: z.string().min(1), indicatorCode: z.string().optional() })),
  signatures: z.array(
    z.object({ role: z.enum(['elaboro', 'valido', 'vobo']), name: z.string().min(1), post: z.string(), date: isoDate.nullable() }),
  ),
});

export const planningViewSchema: z.ZodType<PlanningView> = z.object({
  municipality: z.string().min(1),
  year: z.int().min(2000).max(2100),
  quarter,
  semaforo: semaforoScale,
  generatedAt: z.iso.datetime(),
  rows: z.array(
    z.object({
      unit: codeAndName,
      program: codeAndName,
      indicator: codeAndName,
      level: z.enum(INDICATOR_LEVELS),
      quarter: z.object({ programmed: figure, achieved: figure, compliance: figure }),
      semaforo,
      previousYear: z.object({ achieved: figure, compliance: figure }).nullable(),
    }),
  ),
});
