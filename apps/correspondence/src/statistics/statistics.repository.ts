import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';

export interface StatisticsFilter {
  tenant: string;
  from: string;
  to: string;
  unitCode?: string;
  timeZone: string;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface DocumentTotals {
  received: number;
  turned: number;
  answered: number;
  designations: number;
  requiringResponse: number;
  answeredRequiringResponse: number;
  overdue: number;
}

/** Aggregations over the front desk's own tables (cancelled records count for nothing). */
@Injectable()
export class StatisticsRepository extends DatabaseRepository {
  /** The period's documents as a CTE: received in [from, to] (municipality days), of the unit when given. */
  private documentsInPeriod(filter: StatisticsFilter): { cte: string; params: unknown[] } {
    const params: unknown[] = [filter.tenant, filter.from, filter.to, filter.timeZone];
    let unit = '';
    if (filter.unitCode) {
      params.push(filter.unitCode);
      unit = `AND (d.desk_unit_code = $5 OR $5 = ANY(d.turned_unit_codes))`;
    }
    const cte = `WITH docs AS (
      SELECT d.* FROM document d
      WHERE d.tenant = $1 AND d.status <> 'cancelado'
        AND d.received_at >= ($2::date)::timestamp AT TIME ZONE $4
        AND d.received_at < (($3::date + 1)::timestamp AT TIME ZONE $4)
        ${unit})`;
    return { cte, params };
  }

  async documentTotals(filter: StatisticsFilter): Promise<DocumentTotals> {
    const { cte, params } = this.documentsInPeriod(filter);
    const turnsOfUnit = filter.unitCode ? `AND t.unit_code = $5` : '';
    const [row] = await this.dataSource.query(
      `${cte}
      SELECT count(*)::int AS received,
        count(*) FILTER (WHERE ${filter.unitCode ? '$5 = ANY(turned_unit_codes)' : 'cardinality(turned_unit_codes) > 0'})::int AS turned,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM document_turn t WHERE t.document_id = docs.id AND t.status = 'respondido' ${turnsOfUnit}))::int AS answered,
        count(*) FILTER (WHERE NOT requires_response)::int AS designations,
        count(*) FILTER (WHERE requires_response)::int AS "requiringResponse",
        count(*) FILTER (WHERE requires_response AND EXISTS (SELECT 1 FROM document_turn t WHERE t.document_id = docs.id AND t.status = 'respondido' ${turnsOfUnit}))::int AS "answeredRequiringResponse",
        count(*) FILTER (WHERE status = 'vencido')::int AS overdue
      FROM docs`,
      params,
    );
    return row;
  }

  async documentsBy(filter: StatisticsFilter, column: 'type' | 'channel' | 'status'): Promise<KeyCount[]> {
    const { cte, params } = this.documentsInPeriod(filter);
    return this.dataSource.query(`${cte} SELECT ${column} AS key, count(*)::int AS count FROM docs GROUP BY 1 ORDER BY 2 DESC, 1`, params);
  }

  async documentsByMonth(filter: StatisticsFilter): Promise<{ month: string; count: number }[]> {
    const { cte, params } = this.documentsInPeriod(filter);
    return this.dataSource.query(
      `${cte} SELECT to_char(received_at AT TIME ZONE $4, 'YYYY-MM') AS month, count(*)::int AS count FROM docs GROUP BY 1 ORDER BY 1`,
      params,
    );
  }

  /** Units that received the most turns of the period's documents. */
  async topReceivers(filter: StatisticsFilter, limit = 10): Promise<{ unitCode: string; count: number }[]> {
    const { cte, params } = this.documentsInPeriod(filter);
    return this.dataSource.query(
      `${cte} SELECT t.unit_code AS "unitCode", count(DISTINCT t.document_id)::int AS count
       FROM document_turn t JOIN docs ON docs.id = t.document_id
       WHERE t.status <> 'reasignado' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${Number(limit)}`,
      params,
    );
  }

  async hearingTotals(filter: StatisticsFilter): Promise<{ received: number; attended: number; people: number }> {
    const { where, params } = this.hearingsInPeriod(filter);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS received, count(*) FILTER (WHERE outcome <> 'en_proceso')::int AS attended,
        coalesce(sum(coalesce(group_size, 1)), 0)::int AS people
       FROM hearing h WHERE ${where}`,
      params,
    );
    return row;
  }

  async hearingsBy(filter: StatisticsFilter, column: 'outcome' | 'topic' | 'requester_category'): Promise<KeyCount[]> {
    const { where, params } = this.hearingsInPeriod(filter);
    return this.dataSource.query(`SELECT ${column} AS key, count(*)::int AS count FROM hearing h WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`, params);
  }

  private hearingsInPeriod(filter: StatisticsFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [filter.tenant, filter.from, filter.to];
    let where = `h.tenant = $1 AND NOT h.cancelled AND h.requested_on BETWEEN $2 AND $3`;
    if (filter.unitCode) {
      params.push(filter.unitCode);
      where += ` AND (h.unit_code = $4 OR h.channelled_unit_code = $4)`;
    }
    return { where, params };
  }
}
