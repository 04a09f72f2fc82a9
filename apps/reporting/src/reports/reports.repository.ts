import { Injectable } from '@nestjs/common';
import { ReportStatus } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { MirTable } from './mir-table';

export interface ReportRow {
  id: string;
  programId: string;
  unitCode: string;
  year: number;
  quarter: number;
  status: ReportStatus;
  snapshot: MirTable | null;
  approvedAt: Date | null;
  version: number;
}

export interface ReportStep {
  action: string;
  fromStatus: string;
  toStatus: string;
  actor: string;
  /** Name and post the actor's token carried, if any (for the signature block). */
  actorName: string | null;
  actorPost: string | null;
  reason: string | null;
  at: Date;
}

const STEPS = `SELECT action, from_status AS "fromStatus", to_status AS "toStatus", actor, actor_name AS "actorName", actor_post AS "actorPost", reason, at FROM report_step`;
const COLUMNS = `id, program_id AS "programId", unit_code AS "unitCode", year, quarter, status, snapshot, approved_at AS "approvedAt", version`;

@Injectable()
export class ReportsRepository extends DatabaseRepository {
  /** The report of a program's quarter, created as a draft on first use, locked for the caller's transaction. */
  async lockOrCreate(manager: EntityManager, tenant: string, programId: string, unitCode: string, year: number, quarter: number): Promise<ReportRow> {
    await manager.query(
      `INSERT INTO report (id, tenant, program_id, unit_code, year, quarter, status) VALUES ($1, $2, $3, $4, $5, $6, 'borrador')
       ON CONFLICT (tenant, program_id, year, quarter) DO NOTHING`,
      [randomUUID(), tenant, programId, unitCode, year, quarter],
    );
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM report WHERE tenant = $1 AND program_id = $2 AND year = $3 AND quarter = $4 FOR UPDATE`, [
      tenant,
      programId,
      year,
      quarter,
    ]);
    return row;
  }

  async find(tenant: string, programId: string, year: number, quarter: number): Promise<ReportRow | undefined> {
    const rows = await this.dataSource.query(`SELECT ${COLUMNS} FROM report WHERE tenant = $1 AND program_id = $2 AND year = $3 AND quarter = $4`, [
      tenant,
      programId,
      year,
      quarter,
    ]);
    return rows[0];
  }

  async ofQuarter(tenant: string, year: number, quarter: number): Promise<Omit<ReportRow, 'snapshot'>[]> {
    return this.dataSource.query(
      `SELECT id, program_id AS "programId", unit_code AS "unitCode", year, quarter, status, approved_at AS "approvedAt", version
       FROM report WHERE tenant = $1 AND year = $2 AND quarter = $3`,
      [tenant, year, quarter],
    );
  }

  async update(manager: EntityManager, report: ReportRow, change: { status: ReportStatus; snapshot?: MirTable | null; approvedAt?: Date | null }): Promise<ReportRow> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [[row]] = await manager.query(
      `UPDATE report SET status = $2, snapshot = CASE WHEN $3::boolean THEN $4::jsonb ELSE snapshot END,
         approved_at = CASE WHEN $3::boolean THEN $5::timestamptz ELSE approved_at END, version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [report.id, change.status, change.snapshot !== undefined, change.snapshot === undefined ? null : JSON.stringify(change.snapshot), change.approvedAt ?? null],
    );
    return row;
  }

  async addStep(manager: EntityManager, reportId: string, step: Omit<ReportStep, 'at'>): Promise<void> {
    await manager.query(
      `INSERT INTO report_step (report_id, action, from_status, to_status, actor, actor_name, actor_post, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [reportId, step.action, step.fromStatus, step.toStatus, step.actor, step.actorName, step.actorPost, step.reason],
    );
  }

  /** Freezes the export document of an approved report (cleared again on reopening). */
  async setDocument(manager: EntityManager, reportId: string, document: object | null): Promise<void> {
    await manager.query(`UPDATE report SET document = $2::jsonb WHERE id = $1`, [reportId, document === null ? null : JSON.stringify(document)]);
  }

  async document(tenant: string, reportId: string): Promise<unknown> {
    const [row] = await this.dataSource.query(`SELECT document FROM report WHERE tenant = $1 AND id = $2`, [tenant, reportId]);
    return row?.document ?? null;
  }

  /** The steps of the report, read inside the caller's transaction (so the step just taken is included). */
  stepsIn(manager: EntityManager, reportId: string): Promise<ReportStep[]> {
    return manager.query(`${STEPS} WHERE report_id = $1 ORDER BY id`, [reportId]);
  }

  steps(reportId: string): Promise<ReportStep[]> {
    return this.dataSource.query(`${STEPS} WHERE report_id = $1 ORDER BY id`, [reportId]);
  }
}
