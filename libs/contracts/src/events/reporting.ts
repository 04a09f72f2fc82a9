import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';

/** A quarterly report of one budget program; approval locks the quarter's targets and values. */
export const reportQuarterSchema = z.object({
  reportId: z.uuid(),
  programId: z.uuid(),
  unitCode: z.string().min(1).max(20),
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
  data: reportQuarterSchema.extend({ reopenedAt: z.iso.datetime({ offset: true }), reason: z.string().min(1).max(500) }),
  example: { ...example, reopenedAt: '2025-10-20T17:00:00.000Z', reason: 'Corrección de la meta del 3er trimestre' },
});

export const REPORTING_EVENTS = [ReportApproved, ReportReopened] as const;
