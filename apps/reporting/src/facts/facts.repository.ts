import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { RecordObservations } from '@tequio/contracts';
import { RecordUpdate } from './fact-batch';
import { FACT_DAY_FILLFACTOR, FACT_VIEW } from './fact-observations.migration';

/** The fact tables a batch is applied to: the live ones, or the fresh copies a replay rebuilds before swapping them in. */
export interface FactTables {
  record: string;
  day: string;
}

export const LIVE_TABLES: FactTables = { record: 'fact_record', day: 'fact_day' };
export const REBUILD_TABLES: FactTables = { record: 'fact_record_rebuild', day: 'fact_day_rebuild' };

export interface FactFilter {
  tenant: string;
  metric: string;
  /** Dimension values the facts must have (a formula's filters), `unit` included. */
  filters: Record<string, string | number | boolean>;
  from: string;
  to: string;
}

/**
 * The facts: each record's current version with its observations, in one row per record. A newer version of a
 * record replaces its observations, so every count is a plain sum and corrections, redelivery and replay all
 * converge. Beside them, `fact_day` holds their sums per metric, day and dimensions, changed by the same statement,
 * for the reports. (`fact`, a view, shows one row per observation.)
 */
@Injectable()
export class FactsRepository extends DatabaseRepository {
  /**
   * Applies one consumed batch in one statement (one round trip, atomic on its own): keeps the newest version of each
   * record in the batch, stores it with its observations only when newer than the stored one, and moves the daily
   * sums by the observations it replaced and those it added. The stored version is the consumer's inbox: an event
   * delivered again, or a copy of it, is not newer and changes nothing (ADR 0005). A record's events share its
   * Kafka key, so no other batch changes it meanwhile.
   */
  async applyBatch(updates: RecordUpdate[], tables: FactTables = LIVE_TABLES): Promise<number> {
    if (updates.length === 0) return 0;
    // One JSON document rather than an array per column: the driver escapes every element of a text array in
    // JavaScript, which cost more than the rest of the batch's preparation; JSON.stringify is native.
    const batch = JSON.stringify(
      updates.map((u) => ({ tenant: u.tenant, record_key: u.recordKey, version: u.version, event_type: u.eventType, observations: u.observed.observations.map(storedObservation) })),
    );
    const [row]: { replaced: number }[] = await this.dataSource.query(
      `WITH candidate AS (
         SELECT DISTINCT ON (u.tenant, u.record_key) u.tenant, u.record_key, u.version, u.event_type, u.observations
         FROM jsonb_to_recordset($1::jsonb) AS u(tenant text, record_key text, version bigint, event_type text, observations jsonb)
         ORDER BY u.tenant, u.record_key, u.version DESC
       ), winner AS (
         INSERT INTO ${tables.record} AS r (tenant, record_key, version, event_type, observations)
         SELECT tenant, record_key, version, event_type, observations FROM candidate
         ON CONFLICT (tenant, record_key) DO UPDATE
           SET version = EXCLUDED.version, event_type = EXCLUDED.event_type, observations = EXCLUDED.observations, updated_at = now()
         WHERE r.version < EXCLUDED.version
         -- An updated row (xmax set) looks up what it replaced: this statement's snapshot still sees the old version.
         RETURNING r.tenant, r.observations, CASE WHEN r.xmax <> '0' THEN (
           SELECT p.observations FROM ${tables.record} p WHERE p.tenant = r.tenant AND p.record_key = r.record_key
         ) END AS replaced
       ), moved AS (
         SELECT m.tenant, o.metric, coalesce(o.unit, '') AS unit, o.day, o.dimensions, sum(o.value * m.sign) AS value, sum(m.sign) AS facts
         FROM (
           SELECT tenant, observations, 1 AS sign FROM winner
           UNION ALL
           SELECT tenant, replaced, -1 FROM winner WHERE replaced IS NOT NULL
         ) AS m, jsonb_to_recordset(m.observations) AS o(metric text, day date, unit text, dimensions jsonb, value float8)
         GROUP BY 1, 2, 3, 4, 5
       ), summed AS (
         -- In key order, so concurrent batches lock the daily rows they share in the same order.
         INSERT INTO ${tables.day} AS d (tenant, metric, unit, day, dimensions, value, facts)
         SELECT * FROM moved ORDER BY 1, 2, 3, 4, 5
         ON CONFLICT (tenant, metric, unit, day, dimensions) DO UPDATE SET value = d.value + EXCLUDED.value, facts = d.facts + EXCLUDED.facts
       )
       SELECT count(*)::int AS replaced FROM winner`,
      [batch],
    );
    return row.replaced;
  }

  /** Fresh, empty copies of the fact tables (indexes included) for a replay. */
  async createRebuildTables(): Promise<void> {
    await this.dataSource.query(`DROP TABLE IF EXISTS fact_record_rebuild, fact_day_rebuild`);
    await this.dataSource.query(`CREATE TABLE fact_record_rebuild (LIKE fact_record INCLUDING ALL)`);
    await this.dataSource.query(`CREATE TABLE fact_day_rebuild (LIKE fact_day INCLUDING ALL) WITH (fillfactor = ${FACT_DAY_FILLFACTOR})`);
  }

  /** Swaps the rebuilt tables in, in one transaction; readers see the old or the new facts, never a mix. */
  async swapRebuildTables(): Promise<void> {
    await this.transaction(async (manager) => {
      await manager.query(`LOCK TABLE fact_record, fact_day IN ACCESS EXCLUSIVE MODE`);
      await manager.query(`DROP VIEW fact`);
      await manager.query(`DROP TABLE fact_record, fact_day`);
      await manager.query(`ALTER TABLE fact_record_rebuild RENAME TO fact_record`);
      await manager.query(`ALTER TABLE fact_day_rebuild RENAME TO fact_day`);
      await manager.query(FACT_VIEW);
    });
  }

  async counts(): Promise<{ records: number; facts: number }> {
    const [row] = await this.dataSource.query(`SELECT (SELECT count(*) FROM fact_record)::int AS records, (SELECT coalesce(sum(facts), 0) FROM fact_day)::int AS facts`);
    return row;
  }

  /** Σ value of a metric's facts with the filters, between two days (inclusive), from the daily sums. */
  async total(filter: FactFilter): Promise<number> {
    const { where, params } = whereOf(filter);
    const [row] = await this.dataSource.query(`SELECT coalesce(sum(value), 0)::float8 AS total FROM fact_day WHERE ${where}`, params);
    return row.total;
  }

  /** The same total split by a dimension (or by month), for the report's narrative. */
  async breakdown(filter: FactFilter, by: string): Promise<{ key: string; total: number }[]> {
    const { where, params } = whereOf(filter);
    const key = by === 'month' ? `to_char(day, 'YYYY-MM')` : `dimensions ->> $${params.push(by)}`;
    // A key shows while it has facts (a daily row whose facts all moved elsewhere stays, with none).
    return this.dataSource.query(`SELECT ${key} AS key, sum(value)::float8 AS total FROM fact_day WHERE ${where} GROUP BY 1 HAVING sum(facts) > 0 ORDER BY 1`, params);
  }

  /** Records with facts in a period whose current version was stored after an instant (e.g. the report's approval). */
  async storedAfter(tenant: string, metrics: string[], from: string, to: string, after: Date): Promise<number> {
    if (metrics.length === 0) return 0;
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM fact_record r
       WHERE r.tenant = $1 AND r.updated_at > $5
         AND EXISTS (SELECT 1 FROM jsonb_to_recordset(r.observations) AS o(metric text, day date) WHERE o.metric = ANY($2::text[]) AND o.day BETWEEN $3 AND $4)`,
      [tenant, metrics, from, to, after],
    );
    return row.n;
  }
}

/** An observation as a record's row keeps it: the unit repeated beside the dimensions, for the daily sums' key. */
function storedObservation(observation: RecordObservations['observations'][number]) {
  const { metric, day, dimensions, value } = observation;
  return { metric, day, unit: typeof dimensions.unit === 'string' ? dimensions.unit : null, dimensions, value };
}

/** The conditions of a total: the unit filter also goes to its own column, which leads the daily sums' key after the metric. */
function whereOf(filter: FactFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [filter.tenant, filter.metric, filter.from, filter.to, JSON.stringify(filter.filters)];
  let where = `tenant = $1 AND metric = $2 AND day BETWEEN $3 AND $4 AND dimensions @> $5::jsonb`;
  if (typeof filter.filters.unit === 'string') where += ` AND unit = $${params.push(filter.filters.unit)}`;
  return { where, params };
}
