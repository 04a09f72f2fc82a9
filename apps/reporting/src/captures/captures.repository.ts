import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';

export interface ManualCapture {
  indicatorId: string;
  programId: string;
  year: number;
  quarter: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  justification: string;
  evidence: { url?: string; documentId?: string; description: string }[];
  capturedBy: string;
  capturedAt: Date;
  version: number;
  /** Evidence files uploaded for the capture (`@tequio/attachments`, owner `reporting.manual_capture`). */
  attachments: number;
}

/** The attachments owner of a capture: one per indicator and quarter. */
export const CAPTURE_OWNER_TYPE = 'reporting.manual_capture';
export function captureOwnerId(indicatorId: string, year: number, quarter: number): string {
  return `${indicatorId}/${year}/${quarter}`;
}

const COLUMNS = `indicator_id AS "indicatorId", program_id AS "programId", year, quarter, value, numerator, denominator, justification,
  evidence, captured_by AS "capturedBy", captured_at AS "capturedAt", version,
  (SELECT count(*)::int FROM attachment WHERE attachment.tenant = manual_capture.tenant AND attachment.owner_type = '${CAPTURE_OWNER_TYPE}'
     AND attachment.owner_id = manual_capture.indicator_id || '/' || manual_capture.year || '/' || manual_capture.quarter) AS attachments`;

@Injectable()
export class CapturesRepository extends DatabaseRepository {
  async find(manager: EntityManager = this.dataSource.manager, tenant: string, indicatorId: string, year: number, quarter: number): Promise<ManualCapture | undefined> {
    const rows = await manager.query(`SELECT ${COLUMNS} FROM manual_capture WHERE tenant = $1 AND indicator_id = $2 AND year = $3 AND quarter = $4`, [
      tenant,
      indicatorId,
      year,
      quarter,
    ]);
    return rows[0];
  }

  async save(manager: EntityManager, tenant: string, capture: Omit<ManualCapture, 'capturedAt' | 'version' | 'attachments'>): Promise<ManualCapture> {
    const [row] = await manager.query(
      `INSERT INTO manual_capture (tenant, indicator_id, program_id, year, quarter, value, numerator, denominator, justification, evidence, captured_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant, indicator_id, year, quarter) DO UPDATE SET value = EXCLUDED.value, numerator = EXCLUDED.numerator,
         denominator = EXCLUDED.denominator, justification = EXCLUDED.justification, evidence = EXCLUDED.evidence,
         captured_by = EXCLUDED.captured_by, captured_at = now(), version = manual_capture.version + 1
       RETURNING ${COLUMNS}`,
      [tenant, capture.indicatorId, capture.programId, capture.year, capture.quarter, capture.value, capture.numerator, capture.denominator, capture.justification, JSON.stringify(capture.evidence), capture.capturedBy],
    );
    return row;
  }

  /** Every capture of a program's year, for evaluation. */
  ofProgram(tenant: string, programId: string, year: number): Promise<ManualCapture[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM manual_capture WHERE tenant = $1 AND program_id = $2 AND year = $3`, [tenant, programId, year]);
  }

  /** Whether the program's report of the quarter is approved (locked), read inside the caller's transaction with a share lock. */
  async isLocked(manager: EntityManager, tenant: string, programId: string, year: number, quarter: number): Promise<boolean> {
    const rows = await manager.query(`SELECT status FROM report WHERE tenant = $1 AND program_id = $2 AND year = $3 AND quarter = $4 FOR SHARE`, [
      tenant,
      programId,
      year,
      quarter,
    ]);
    return rows[0]?.status === 'aprobado';
  }
}
