import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { newestPerRecord, RecordUpdate } from './fact-batch';

/** Name under which fact ingestion records event ids in the inbox. */
export const FACTS_CONSUMER = 'reporting.facts';

/** The tables a replay rebuilds into before they are swapped in. */
export const REBUILD_TABLES = { fact: 'fact_rebuild', record: 'fact_record_rebuild' };

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
 * its rows, so every count is a plain sum and corrections, redelivery and replay all converge.
 */
@Injectable()
export class FactsRepository extends DatabaseRepository {
  /**
   * Applies one consumed batch in one statement (one round trip, atomic on its own): records the event ids (skipping
   * those already seen), keeps the newest fresh version of each record, stores it when newer than the stored one,
   * and replaces that record's facts. All sub-statements see the same snapshot, so the delete removes only the
   * record's previous facts and never the ones inserted beside it.
   */
  async applyBatch(inbox: InboxEntry[], batchUpdates: (RecordUpdate & { eventId: string })[]): Promise<number> {
    if (inbox.length === 0) return 0;
    // A message delivered twice in one batch is one event: its observations must join only once.
    const updates = [...new Map(batchUpdates.map((update) => [update.eventId, update])).values()];
    const observations = updates.flatMap((u) => u.observed.observations.map((o) => ({ eventId: u.eventId, ...o })));
    const [row]: { replaced: number }[] = await this.dataSource.query(
      `WITH fresh AS (
         INSERT INTO inbox (event_id, consumer, topic, event_type)
         SELECT id, $1, topic, type FROM unnest($2::text[], $3::text[], $4::text[]) AS e(id, topic, type)
         ON CONFLICT DO NOTHING RETURNING event_id
       ), candidate AS (
         SELECT DISTINCT ON (u.tenant, u.record_key) u.event_id, u.tenant, u.record_key, u.version, u.event_type
         FROM unnest($5::text[], $6::text[], $7::text[], $8::bigint[], $9::text[]) AS u(event_id, tenant, record_key, version, event_type)
         JOIN fresh ON fresh.event_id = u.event_id
         ORDER BY u.tenant, u.record_key, u.version DESC
       ), winner AS (
         INSERT INTO fact_record (tenant, record_key, version, event_type)
         SELECT tenant, record_key, version, event_type FROM candidate
         ON CONFLICT (tenant, record_key) DO UPDATE SET version = EXCLUDED.version, event_type = EXCLUDED.event_type, updated_at = now()
         WHERE fact_record.version < EXCLUDED.version
         RETURNING tenant, record_key, (xmax = 0) AS inserted
       ), removed AS (
         DELETE FROM fact f USING winner w WHERE NOT w.inserted AND f.tenant = w.tenant AND f.record_key = w.record_key
       ), added AS (
         INSERT INTO fact (tenant, record_key, metric, day, unit, dimensions, value)
         SELECT c.tenant, c.record_key, o.metric, o.day, o.unit, o.dimensions, o.value
         FROM unnest($10::text[], $11::text[], $12::date[], $13::text[], $14::jsonb[], $15::float8[]) AS o(event_id, metric, day, unit, dimensions, value)
         JOIN candidate c ON c.event_id = o.event_id
         JOIN winner w ON w.tenant = c.tenant AND w.record_key = c.record_key
       )
       SELECT count(*)::int AS replaced FROM winner`,
      [
        FACTS_CONSUMER,
        inbox.map((e) => e.eventId),
        inbox.map((e) => e.topic),
        inbox.map((e) => e.eventType),
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
      ],
    );
    return row.replaced;
  }

  /** Stores records whose version is newer than what is stored, replacing their facts; returns how many changed. */
  async replaceRecords(manager: EntityManager, updates: RecordUpdate[], tables = { fact: 'fact', record: 'fact_record' }): Promise<number> {
    // One row per record in a multi-row upsert: the newest version of each record in the batch.
    const candidates = newestPerRecord(updates);
    if (candidates.length === 0) return 0;
    const winners: { tenant: string; record_key: string; inserted: boolean }[] = await manager.query(
      `INSERT INTO ${tables.record} (tenant, record_key, version, event_type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
       ON CONFLICT (tenant, record_key) DO UPDATE SET version = EXCLUDED.version, event_type = EXCLUDED.event_type, updated_at = now()
       WHERE ${tables.record}.version < EXCLUDED.version
       RETURNING tenant, record_key, (xmax = 0) AS inserted`,
      [candidates.map((c) => c.tenant), candidates.map((c) => c.recordKey), candidates.map((c) => c.version), candidates.map((c) => c.eventType)],
    );
    if (winners.length === 0) return 0;
    const won = new Set(winners.map((w) => `${w.tenant}|${w.record_key}`));
    const replaced = candidates.filter((c) => won.has(`${c.tenant}|${c.recordKey}`));
    // A record seen for the first time (xmax = 0: inserted, not updated) has no facts to delete.
    const updated = winners.filter((w) => !w.inserted);
    if (updated.length > 0) {
      await manager.query(
        `DELETE FROM ${tables.fact} f USING unnest($1::text[], $2::text[]) AS r(tenant, record_key)
         WHERE f.tenant = r.tenant AND f.record_key = r.record_key`,
        [updated.map((r) => r.tenant), updated.map((r) => r.record_key)],
      );
    }
    const rows = replaced.flatMap((r) => r.observed.observations.map((o) => ({ tenant: r.tenant, recordKey: r.recordKey, ...o })));
    if (rows.length > 0) {
      await manager.query(
        `INSERT INTO ${tables.fact} (tenant, record_key, metric, day, unit, dimensions, value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::jsonb[], $7::float8[])`,
        [
          rows.map((r) => r.tenant),
          rows.map((r) => r.recordKey),
          rows.map((r) => r.metric),
          rows.map((r) => r.day),
          rows.map((r) => (typeof r.dimensions.unit === 'string' ? r.dimensions.unit : null)),
          rows.map((r) => JSON.stringify(r.dimensions)),
          rows.map((r) => r.value),
        ],
      );
    }
    return replaced.length;
  }

  /** Fresh, empty copies of the fact tables (indexes included) for a replay. */
  async createRebuildTables(): Promise<void> {
    await this.dataSource.query(`DROP TABLE IF EXISTS fact_rebuild, fact_record_rebuild`);
    await this.dataSource.query(`CREATE TABLE fact_record_rebuild (LIKE fact_record INCLUDING ALL)`);
    await this.dataSource.query(`CREATE TABLE fact_rebuild (LIKE fact INCLUDING ALL)`);
  }

  /** Swaps the rebuilt tables in, in one transaction; readers see the old or the new facts, never a mix. */
  async swapRebuildTables(): Promise<void> {
    await this.transaction(async (manager) => {
      await manager.query(`LOCK TABLE fact, fact_record IN ACCESS EXCLUSIVE MODE`);
      await manager.query(`DROP TABLE fact, fact_record`);
      await manager.query(`ALTER TABLE fact_rebuild RENAME TO fact`);
      await manager.query(`ALTER TABLE fact_record_rebuild RENAME TO fact_record`);
    });
  }

  async counts(): Promise<{ records: number; facts: number }> {
    const [row] = await this.dataSource.query(`SELECT (SELECT count(*) FROM fact_record)::int AS records, (SELECT count(*) FROM fact)::int AS facts`);
    return row;
  }

  /** Σ value of a metric's facts with the filters, between two days (inclusive). */
  async total(filter: FactFilter): Promise<number> {
    const { where, params } = whereOf(filter);
    const [row] = await this.dataSource.query(`SELECT coalesce(sum(value), 0)::float8 AS total FROM fact WHERE ${where}`, params);
    return row.total;
  }

  /** The same total split by a dimension (or by month), for the report's narrative. */
  async breakdown(filter: FactFilter, by: string): Promise<{ key: string; total: number }[]> {
    const { where, params } = whereOf(filter);
    const key = by === 'month' ? `to_char(day, 'YYYY-MM')` : `dimensions ->> $${params.push(by)}`;
    return this.dataSource.query(`SELECT ${key} AS key, sum(value)::float8 AS total FROM fact WHERE ${where} GROUP BY 1 ORDER BY 1`, params);
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

/** The conditions of a total: the unit filter also goes to its own column, so the (metric, unit, day) index serves it. */
function whereOf(filter: FactFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [filter.tenant, filter.metric, filter.from, filter.to, JSON.stringify(filter.filters)];
  let where = `tenant = $1 AND metric = $2 AND day BETWEEN $3 AND $4 AND dimensions @> $5::jsonb`;
  if (typeof filter.filters.unit === 'string') where += ` AND unit = $${params.push(filter.filters.unit)}`;
  return { where, params };
}
