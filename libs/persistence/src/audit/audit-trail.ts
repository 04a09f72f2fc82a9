import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type AuditAction = 'created' | 'updated' | 'deleted' | 'deactivated' | 'moved' | 'imported' | string;

export interface AuditRecord {
  tenant: string;
  /** The JWT subject of whoever made the change. */
  actor: string;
  entityType: string;
  entityId: string;
  action: AuditAction;
  before?: object | null;
  after?: object | null;
  reason?: string;
}

export interface AuditEntryView {
  id: string;
  entityType: string;
  entityId: string;
  action: string;
  actor: string;
  at: Date;
  changes: Record<string, { from: unknown; to: unknown }>;
  reason: string | null;
}

const IGNORED_FIELDS = new Set(['updatedAt', 'createdAt', 'version']);

/** Field-by-field difference between two snapshots of an entity. */
export function diffSnapshots(before: object | null | undefined, after: object | null | undefined): Record<string, { from: unknown; to: unknown }> {
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (IGNORED_FIELDS.has(field)) continue;
    if (JSON.stringify(from[field] ?? null) !== JSON.stringify(to[field] ?? null)) {
      changes[field] = { from: from[field] ?? null, to: to[field] ?? null };
    }
  }
  return changes;
}

/** Writes audit entries inside the caller's transaction, so a change and its trail commit together. */
@Injectable()
export class AuditTrail {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entry (tenant, entity_type, entity_id, action, actor, changes, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [record.tenant, record.entityType, record.entityId, record.action, record.actor, JSON.stringify(diffSnapshots(record.before, record.after)), record.reason ?? null],
    );
  }

  /** Many entries in one statement (bulk recomputations), inside the caller's transaction. */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    await manager.query(
      // The changes travel as one JSON array (no per-element escaping of a jsonb[] literal).
      `INSERT INTO audit_entry (tenant, entity_type, entity_id, action, actor, changes, reason)
       SELECT * FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                                jsonb_array_elements($6::jsonb), unnest($7::text[]))`,
      [
        records.map((r) => r.tenant),
        records.map((r) => r.entityType),
        records.map((r) => r.entityId),
        records.map((r) => r.action),
        records.map((r) => r.actor),
        JSON.stringify(records.map((r) => diffSnapshots(r.before, r.after))),
        records.map((r) => r.reason ?? null),
      ],
    );
  }

  async history(
    tenant: string,
    filter: { entityType?: string; entityId?: string; limit: number; offset: number },
  ): Promise<{ items: AuditEntryView[]; total: number }> {
    const conditions = ['tenant = $1'];
    const params: unknown[] = [tenant];
    if (filter.entityType) conditions.push(`entity_type = $${params.push(filter.entityType)}`);
    if (filter.entityId) conditions.push(`entity_id = $${params.push(filter.entityId)}`);
    const where = conditions.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_entry WHERE ${where}`, params);
    const rows = await this.dataSource.query(
      `SELECT id::text, entity_type AS "entityType", entity_id AS "entityId", action, actor, at, changes, reason
       FROM audit_entry WHERE ${where} ORDER BY audit_entry.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows, total };
  }
}
