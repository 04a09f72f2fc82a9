import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { RecordUpdate } from './fact-batch';

/** Name under which fact ingestion records event ids in the inbox. */
export const FACTS_CONSUMER = 'reporting.facts';

/** The fact tables a batch is applied to: the live ones, or the fresh copies a replay rebuilds before swapping them in. */
export interface FactTables {
  fact: string;
  record: string;
  day: string;
}

export const LIVE_TABLES: FactTables = { fact: 'fact', record: 'fact_record', day: 'fact_day' };
export const REBUILD_TABLES: FactTables = { fact: 'fact_rebuild', record: 'fact_record_rebuild', day: 'fact_day_rebuild' };

export interface InboxEntry {
  eventId: string;
  topic: string;
  eventType: string;
}

export interface FactFilter {
  tenant: string;
  metric: string;
  /** Dimension values the facts must have (a formula's filters), `unit` included. */
  filters: Record<string, string | number | boolean>;
  from: string;
  to: string;
}

/**
 * The facts: one row per observation of the current version of each record. A newer version of a record replaces
 * its rows, so every count is a plain sum and corrections, redelivery and replay all converge. Beside them,
 * `fact_day` holds their sums per metric, day and dimensions, changed by the same statement, for the reports.
 */
@Injectable()
export class FactsRepository extends DatabaseRepository {
  /**
   * Applies one consumed batch in one statement (one round trip, atomic on its own): records the event ids when an
   * inbox is given (skipping those already seen; a replay has none), keeps the newest fresh version of each record,
   * stores it when newer than the stored one, replaces that record's facts and moves the daily sums by what was
   * removed and added. All sub-statements see the same snapshot, so the delete removes only the record's previous
   * facts and never the ones inserted beside it.
   */
  async applyBatch(batchUpdates: (RecordUpdate & { eventId: string })[], inbox: InboxEntry[] | null, tables: FactTables = LIVE_TABLES): Promise<number> {
    if (batchUpdates.length === 0 && (inbox === null || inbox.length === 0)) return 0;
    // A message delivered twice in one batch is one event: its observations must join only once.
    const updates = [...new Map(batchUpdates.map((update) => [update.eventId, update])).values()];
    const observations = updates.flatMap((u) => u.observed.observations.map((o) => ({ eventId: u.eventId, ...o })));
    const params: unknown[] = [
      updates.map((u) => u.eventId),
      updates.map((u) => u.tenant),
      updates.map((u) => u.recordKey),
      updates.map((u) => u.version),
      updates.map((u) => u.eventType),
      observations.map((o) => o.eventId),
      observations.map((o) => o.metric),
      observations.map((o) => o.day),
      observations.map((o) => (typeof o.dimensions.unit === 'string' ? o.dimensions.unit : null)),
      observations.map((o) => JSON.stringify(o.dimensions)),
      observations.map((o) => o.value),
    ];
    const fresh = inbox
      ? `fresh AS (
           INSERT INTO inbox (event_id, consumer, topic, event_type)
           SELECT id, $${params.push(FACTS_CONSUMER)}, topic, type
           FROM unnest($${params.push(inbox.map((e) => e.eventId))}::text[], $${params.push(inbox.map((e) => e.topic))}::text[], $${params.push(inbox.map((e) => e.eventType))}::text[]) AS e(id, topic, type)
           ON CONFLICT DO NOTHING RETURNING event_id
         ),`
      : '';
    const [row]: { replaced: number }[] = await this.dataSource.query(
      `WITH ${fresh} candidate AS (
         SELECT DISTINCT ON (u.tenant, u.record_key) u.event_id, u.tenant, u.record_key, u.version, u.event_type
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) AS u(event_id, tenant, record_key, version, event_type)
         ${inbox ? 'JOIN fresh ON fresh.event_id = u.event_id' : ''}
         ORDER BY u.tenant, u.record_key, u.version DESC
       ), winner AS (
         INSERT INTO ${tables.record} AS r (tenant, record_key, version, event_type)
         SELECT tenant, record_key, version, event_type FROM candidate
         ON CONFLICT (tenant, record_key) DO UPDATE SET version = EXCLUDED.version, event_type = EXCLUDED.event_type, updated_at = now()
         WHERE r.version < EXCLUDED.version
         RETURNING tenant, record_key, (xmax = 0) AS inserted
       ), removed AS (
         DELETE FROM ${tables.fact} f USING winner w WHERE NOT w.inserted AND f.tenant = w.tenant AND f.record_key = w.record_key
         RETURNING f.tenant, f.metric, f.unit, f.day, f.dimensions, f.value
       ), added AS (
         INSERT INTO ${tables.fact} (tenant, record_key, metric, day, unit, dimensions, value)
         SELECT c.tenant, c.record_key, o.metric, o.day, o.unit, o.dimensions, o.value
         FROM unnest($6::text[], $7::text[], $8::date[], $9::text[], $10::jsonb[], $11::float8[]) AS o(event_id, metric, day, unit, dimensions, value)
         JOIN candidate c ON c.event_id = o.event_id
         JOIN winner w ON w.tenant = c.tenant AND w.record_key = c.record_key
         RETURNING tenant, metric, unit, day, dimensions, value
       ), moved AS (
         SELECT tenant, metric, coalesce(unit, '') AS unit, day, dimensions, sum(value) AS value, sum(facts) AS facts
         FROM (SELECT *, 1 AS facts FROM added UNION ALL SELECT tenant, metric, unit, day, dimensions, -value, -1 FROM removed) AS m
         GROUP BY 1, 2, 3, 4, 5
       ), summed AS (
         -- In key order, so concurrent batches lock the daily rows they share in the same order.
         INSERT INTO ${tables.day} AS d (tenant, metric, unit, day, dimensions, value, facts)
         SELECT * FROM moved ORDER BY 1, 2, 3, 4, 5
         ON CONFLICT (tenant, metric, unit, day, dimensions) DO UPDATE SET value = d.value + EXCLUDED.value, facts = d.facts + EXCLUDED.facts
       )
       SELECT count(*)::int AS replaced FROM winner`,
      params,
    );
    return row.replaced;
  }

  /** Fresh, empty copies of the fact tables (indexes included) for a replay. */
  async createRebuildTables(): Promise<void> {
    await this.dataSource.query(`DROP TABLE IF EXISTS fact_rebuild, fact_record_rebuild, fact_day_rebuild`);
    await this.dataSource.query(`CREATE TABLE fact_record_rebuild (LIKE fact_record INCLUDING ALL)`);
    await this.dataSource.query(`CREATE TABLE fact_rebuild (LIKE fact INCLUDING ALL)`);
    await this.dataSource.query(`CREATE TABLE fact_day_rebuild (LIKE fact_day INCLUDING ALL)`);
  }

  /** Swaps the rebuilt tables in, in one transaction; readers see the old or the new facts, never a mix. */
  async swapRebuildTables(): Promise<void> {
    await this.transaction(async (manager) => {
      await manager.query(`LOCK TABLE fact, fact_record, fact_day IN ACCESS EXCLUSIVE MODE`);
      await manager.query(`DROP TABLE fact, fact_record, fact_day`);
      await manager.query(`ALTER TABLE fact_rebuild RENAME TO fact`);
      await manager.query(`ALTER TABLE fact_record_rebuild RENAME TO fact_record`);
      await manager.query(`ALTER TABLE fact_day_rebuild RENAME TO fact_day`);
    });
  }

  async counts(): Promise<{ records: number; facts: number }> {
    const [row] = await this.dataSource.query(`SELECT (SELECT count(*) FROM fact_record)::int AS records, (SELECT count(*) FROM fact)::int AS facts`);
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

  /** Facts of a period stored after an instant (e.g. the report's approval): they are pending differences. */
  async storedAfter(tenant: string, metrics: string[], from: string, to: string, after: Date): Promise<number> {
    if (metrics.length === 0) return 0;
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM fact WHERE tenant = $1 AND metric = ANY($2::text[]) AND day BETWEEN $3 AND $4 AND recorded_at > $5`,
      [tenant, metrics, from, to, after],
    );
    return row.n;
  }
}

/** The conditions of a total: the unit filter also goes to its own column, which leads the daily sums' key after the metric. */
function whereOf(filter: FactFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [filter.tenant, filter.metric, filter.from, filter.to, JSON.stringify(filter.filters)];
  let where = `tenant = $1 AND metric = $2 AND day BETWEEN $3 AND $4 AND dimensions @> $5::jsonb`;
  if (typeof filter.filters.unit === 'string') where += ` AND unit = $${params.push(filter.filters.unit)}`;
  return { where, params };
}
