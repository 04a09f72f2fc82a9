import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { codeText, staffText } from '../text';

/** A quarterly report of one budget program; approval locks the quarter's targets and values. */
export const reportQuarterSchema = z.object({
  reportId: z.uuid(),
  programId: z.uuid(),
  unitCode: codeText(z.string().min(1).max(20)),
  year: z.int().min(2000).max(2100),
  quarter: z.int().min(1).max(4),
});

const example = {
  reportId: '0b7e3c55-2f6a-4d8e-9a41-7c2d1e5f3a90',
  programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  unitCode: '402',
  year: 2025,
  quarter: 3,
};

export const ReportApproved = defineEvent({
  type: 'tequio.reporting.report.approved',
  topic: Topic.ReportingReportV1,
  summary: 'A quarterly report received its Vo. Bo.: the quarter is locked for that program.',
  data: reportQuarterSchema.extend({ approvedAt: z.iso.datetime({ offset: true }) }),
  example: { ...example, approvedAt: '2025-10-10T17:00:00.000Z' },
});

export const ReportReopened = defineEvent({
  type: 'tequio.reporting.report.reopened',
  topic: Topic.ReportingReportV1,
  summary: 'An approved report was reopened with a reason: the quarter is unlocked until approved again.',
  data: reportQuarterSchema.extend({ reopenedAt: z.iso.datetime({ offset: true }), reason: staffText(z.string().min(1).max(500)) }),
  example: { ...example, reopenedAt: '2025-10-20T17:00:00.000Z', reason: 'Corrección de la meta del 3er trimestre' },
});


export const REPORT_STATUSES = ['borrador', 'elaborado', 'validado', 'aprobado'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { borrador: 'Borrador', elaborado: 'Elaborado (Elaboró)', validado: 'Validado (Validó)', aprobado: 'Aprobado (Vo. Bo.)' };

export const ReportStepTaken = defineEvent({
  type: 'tequio.reporting.report.step-taken',
  topic: Topic.ReportingReportV1,
  summary: 'A quarterly report moved in its workflow (borrador → elaborado → validado); approval and reopening have their own events.',
  data: reportQuarterSchema.extend({ status: z.enum(REPORT_STATUSES), at: z.iso.datetime({ offset: true }), version: z.int().positive() }),
  example: { ...example, status: 'validado', at: '2025-10-08T17:00:00.000Z', version: 3 },
});

const consolidatedFigures = z.object({
  programmed: z.number().nullable(),
  achieved: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  compliance: z.number().nullable(),
  colour: z.enum(['verde', 'amarillo', 'rojo', 'n/a']),
});

export const QuarterConsolidated = defineEvent({
  type: 'tequio.reporting.quarter.consolidated',
  topic: Topic.ReportingQuarterV1,
  summary: 'The approved values of a program\'s quarter, per indicator (the quarter and year to date), for other systems. Keyed by report id.',
  data: reportQuarterSchema.extend({
    approvedAt: z.iso.datetime({ offset: true }),
    indicators: z.array(z.object({ indicatorId: z.uuid(), quarter: consolidatedFigures, cumulative: consolidatedFigures })),
    version: z.int().positive(),
  }),
  example: {
    ...example,
    approvedAt: '2025-10-10T17:00:00.000Z',
    indicators: [
      {
        indicatorId: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d',
        quarter: { programmed: 25, achieved: 23, numerator: 230, denominator: 1000, compliance: 92, colour: 'verde' },
        cumulative: { programmed: 75, achieved: 74, numerator: null, denominator: null, compliance: 98.666667, colour: 'verde' },
      },
    ],
    version: 4,
  },
});

export const REPORTING_EVENTS = [ReportApproved, ReportReopened, ReportStepTaken, QuarterConsolidated] as const;
