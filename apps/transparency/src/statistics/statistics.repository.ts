import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';

export interface Period {
  tenant: string;
  from: string;
  to: string;
  today: string;
}

type Row = Record<string, string | number | null>;

/** Aggregates over the service's records for a period; cancelled records never count. */
@Injectable()
export class StatisticsRepository extends DatabaseRepository {
  private rows(sql: string, period: Period, extra: unknown[] = []): Promise<Row[]> {
    return this.dataSource.query(sql, [period.tenant, period.from, period.to, ...extra]);
  }

  /** Requests received in the period, by month and every category of interest. */
  receivedRequests(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT to_char(receipt_date, 'YYYY-MM') AS month, kind, channel, requester_category AS category, count(*)::int AS count
       FROM transparency_request WHERE tenant = $1 AND receipt_date BETWEEN $2 AND $3 AND status <> 'cancelada'
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      period,
    );
  }

  /** Requests answered in the period, by month, answer type, and on time or late. */
  answeredRequests(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT to_char(answered_on, 'YYYY-MM') AS month, answer_type AS "answerType", requester_category AS category, late, count(*)::int AS count
       FROM transparency_request WHERE tenant = $1 AND answered_on BETWEEN $2 AND $3 AND status = 'respondida'
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      period,
    );
  }

  /** Requests received in the period still open past their due date (as of today, or of the period's end). */
  async overdueRequests(period: Period): Promise<number> {
    const [row] = await this.rows(
      `SELECT count(*)::int AS count FROM transparency_request
       WHERE tenant = $1 AND receipt_date BETWEEN $2 AND $3 AND status IN ('recibida', 'turnada')
         AND (overdue OR answer_due < LEAST($4::date, $3::date))`,
      period,
      [period.today],
    );
    return Number(row.count);
  }

  /** Requests received in the period by the units they were turned to (a request turned to two units counts in each). */
  requestsByUnit(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT t.unit_code AS "unitCode", count(DISTINCT r.id)::int AS count
       FROM transparency_request r JOIN oficio_turn t ON t.parent_id = r.id
       WHERE r.tenant = $1 AND r.receipt_date BETWEEN $2 AND $3 AND r.status <> 'cancelada'
       GROUP BY 1 ORDER BY 1`,
      period,
    );
  }

  /** Oficios of turn and of answer by month and procedure (each counted in the month of its own date). */
  oficios(period: Period): Promise<Row[]> {
    return this.rows(
      `WITH live AS (
         SELECT t.* FROM oficio_turn t
         LEFT JOIN transparency_request r ON t.procedure = 'solicitud' AND r.id = t.parent_id
         LEFT JOIN review_appeal a ON t.procedure = 'recurso_revision' AND a.id = t.parent_id
         WHERE t.tenant = $1 AND COALESCE(r.status, a.status) NOT IN ('cancelada', 'cancelado')
       )
       SELECT month, procedure, sum(turned)::int AS turned, sum(answered)::int AS answered FROM (
         SELECT to_char(turned_on, 'YYYY-MM') AS month, procedure, 1 AS turned, 0 AS answered FROM live WHERE turned_on BETWEEN $2 AND $3
         UNION ALL
         SELECT to_char(answered_on, 'YYYY-MM'), procedure, 0, 1 FROM live WHERE answered_on BETWEEN $2 AND $3
       ) oficio GROUP BY 1, 2 ORDER BY 1, 2`,
      period,
    );
  }

  appeals(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT a.id, to_char(a.filed_on, 'YYYY-MM') AS month, a.requester_categories AS categories, a.resolution, a.pleadings_filed_on AS "pleadingsFiledOn",
              (SELECT count(*)::int FROM appeal_notification n WHERE n.appeal_id = a.id) AS notifications
       FROM review_appeal a WHERE a.tenant = $1 AND a.filed_on BETWEEN $2 AND $3 AND a.status <> 'cancelado'`,
      period,
    );
  }

  /** Appeals attended (pleadings filed) in the period, whenever they were filed. */
  async appealsAnswered(period: Period): Promise<number> {
    const [row] = await this.rows(
      `SELECT count(*)::int AS count FROM review_appeal WHERE tenant = $1 AND pleadings_filed_on BETWEEN $2 AND $3 AND status <> 'cancelado'`,
      period,
    );
    return Number(row.count);
  }

  appealNotificationsByMonth(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT to_char(n.received_on, 'YYYY-MM') AS month, count(*)::int AS count
       FROM appeal_notification n JOIN review_appeal a ON a.id = n.appeal_id
       WHERE a.tenant = $1 AND n.received_on BETWEEN $2 AND $3 AND a.status <> 'cancelado' GROUP BY 1 ORDER BY 1`,
      period,
    );
  }

  complaints(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT to_char(received_on, 'YYYY-MM') AS month, requester_category AS category, status, count(*)::int AS count
       FROM complaint WHERE tenant = $1 AND received_on BETWEEN $2 AND $3 AND status <> 'cancelada' GROUP BY 1, 2, 3`,
      period,
    );
  }

  activities(period: Period): Promise<Row[]> {
    return this.rows(
      `SELECT kind, to_char(day, 'YYYY-MM') AS month, topic, sex, platform,
              count(*)::int AS records, COALESCE(sum(men), 0)::int AS men, COALESCE(sum(women), 0)::int AS women, COALESCE(sum(count), 0)::int AS reviews
       FROM transparency_activity WHERE tenant = $1 AND day BETWEEN $2 AND $3 AND NOT cancelled
       GROUP BY 1, 2, 3, 4, 5`,
      period,
    );
  }
}
