import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { ActivityCategoryRow } from '../activities/activity.entity';

/** Counts over the agenda's records for a period; activities by their start instant, the rest by their date. */
@Injectable()
export class StatisticsRepository extends DatabaseRepository {
  activityCounts(tenant: string, from: Date, to: Date): Promise<{ category: string; status: string; n: number }[]> {
    return this.dataSource.query(
      `SELECT category, status, count(*)::int AS n FROM activity WHERE tenant = $1 AND starts_at >= $2 AND starts_at < $3 GROUP BY category, status`,
      [tenant, from, to],
    );
  }

  categoryRows(tenant: string): Promise<ActivityCategoryRow[]> {
    return this.dataSource.getRepository(ActivityCategoryRow).findBy({ tenant });
  }

  meetingCounts(tenant: string, from: string, to: string): Promise<{ status: string; n: number }[]> {
    return this.dataSource.query(`SELECT status, count(*)::int AS n FROM cabinet_meeting WHERE tenant = $1 AND meeting_date BETWEEN $2 AND $3 GROUP BY status`, [tenant, from, to]);
  }

  /** Held meetings each unit attended. */
  attendanceByUnit(tenant: string, from: string, to: string): Promise<{ unitCode: string; meetings: number }[]> {
    return this.dataSource.query(
      `SELECT a.unit_code AS "unitCode", count(*)::int AS meetings
       FROM cabinet_attendance a JOIN cabinet_meeting m ON m.id = a.meeting_id
       WHERE m.tenant = $1 AND m.status = 'celebrada' AND m.meeting_date BETWEEN $2 AND $3
       GROUP BY a.unit_code ORDER BY a.unit_code`,
      [tenant, from, to],
    );
  }

  async agreementCounts(tenant: string, from: string, to: string, today: string): Promise<{ open: number; done: number; cancelled: number; overdue: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE g.status IN ('pendiente', 'en_proceso'))::int AS open,
              count(*) FILTER (WHERE g.status = 'cumplido')::int AS done,
              count(*) FILTER (WHERE g.status = 'cancelado')::int AS cancelled,
              count(*) FILTER (WHERE g.status IN ('pendiente', 'en_proceso') AND g.due_date < $4)::int AS overdue
       FROM cabinet_agreement g JOIN cabinet_meeting m ON m.id = g.meeting_id
       WHERE m.tenant = $1 AND m.meeting_date BETWEEN $2 AND $3`,
      [tenant, from, to, today],
    );
    return row;
  }

  allianceCounts(tenant: string, from: string, to: string): Promise<{ kind: string; n: number }[]> {
    return this.dataSource.query(
      `SELECT kind, count(*)::int AS n FROM alliance WHERE tenant = $1 AND status = 'vigente' AND signed_on BETWEEN $2 AND $3 GROUP BY kind`,
      [tenant, from, to],
    );
  }
}
