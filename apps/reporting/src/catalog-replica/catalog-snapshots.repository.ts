import { Injectable } from '@nestjs/common';
import { IndicatorDefinition, PlanSnapshot, ProgramSnapshot, SemaphoreChangedData } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';

/** The catalog aggregates reporting keeps a copy of, each from the latest snapshot its topic carried. */
export type SnapshotKind = 'plan' | 'program' | 'indicator' | 'semaphore' | 'calendar';

/**
 * Replicas of catalog snapshots, one table for all kinds: the latest version wins, deletions leave a tombstone so
 * an older snapshot arriving late cannot bring a deleted aggregate back.
 */
@Injectable()
export class CatalogSnapshotsRepository extends DatabaseRepository {
  async apply(manager: EntityManager, tenant: string, kind: SnapshotKind, id: string, version: number, data: object, deleted = false): Promise<void> {
    await manager.query(
      `INSERT INTO catalog_snapshot (tenant, kind, id, version, deleted, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant, kind, id) DO UPDATE SET version = EXCLUDED.version, deleted = EXCLUDED.deleted, data = EXCLUDED.data, updated_at = now()
       WHERE catalog_snapshot.version < EXCLUDED.version OR (catalog_snapshot.version = EXCLUDED.version AND EXCLUDED.deleted)`,
      [tenant, kind, id, version, deleted, JSON.stringify(data)],
    );
  }

  private async find<T>(tenant: string, kind: SnapshotKind, where = '', params: unknown[] = []): Promise<T[]> {
    const rows: { data: T }[] = await this.dataSource.query(
      `SELECT data FROM catalog_snapshot WHERE tenant = $1 AND kind = $2 AND NOT deleted ${where} ORDER BY id`,
      [tenant, kind, ...params],
    );
    return rows.map((row) => row.data);
  }

  async program(tenant: string, programId: string): Promise<ProgramSnapshot | undefined> {
    return (await this.find<ProgramSnapshot>(tenant, 'program', 'AND id = $3', [programId]))[0];
  }

  programs(tenant: string, year: number): Promise<ProgramSnapshot[]> {
    return this.find<ProgramSnapshot>(tenant, 'program', `AND (data ->> 'year')::int = $3`, [year]);
  }

  async indicator(tenant: string, indicatorId: string): Promise<IndicatorDefinition | undefined> {
    return (await this.find<IndicatorDefinition>(tenant, 'indicator', 'AND id = $3', [indicatorId]))[0];
  }

  indicatorsOfProgram(tenant: string, programId: string): Promise<IndicatorDefinition[]> {
    return this.find<IndicatorDefinition>(tenant, 'indicator', `AND data ->> 'programId' = $3`, [programId]);
  }

  indicatorsOfYear(tenant: string, year: number): Promise<IndicatorDefinition[]> {
    return this.find<IndicatorDefinition>(tenant, 'indicator', `AND (data ->> 'year')::int = $3`, [year]);
  }

  plans(tenant: string): Promise<PlanSnapshot[]> {
    return this.find<PlanSnapshot>(tenant, 'plan');
  }

  /** Each municipality's time zone, from its latest calendar (any year), for turning instants into its days. */
  async timeZones(): Promise<Map<string, string>> {
    const rows: { tenant: string; time_zone: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (tenant) tenant, data ->> 'timeZone' AS time_zone FROM catalog_snapshot
       WHERE kind = 'calendar' AND NOT deleted ORDER BY tenant, (data ->> 'year')::int DESC`,
    );
    return new Map(rows.map((row) => [row.tenant, row.time_zone]));
  }

  async semaphore(tenant: string, year: number): Promise<SemaphoreChangedData | undefined> {
    return (await this.find<SemaphoreChangedData>(tenant, 'semaphore', 'AND id = $3', [`${tenant}:${year}`]))[0];
  }
}
