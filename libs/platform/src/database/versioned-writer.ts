import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventDefinition } from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditAction, AuditTrail } from '@tequio/persistence';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { z } from 'zod';

/** What one change writes besides the row: its state event and its audit entry. */
export interface WriteRecord<TEntity, TSchema extends z.ZodType> {
  /** The tenant the audit entry and event belong to. */
  tenant: string;
  /** JWT subject of whoever made the change. */
  actor: string;
  entityType: string;
  action: AuditAction;
  reason?: string;
  /** The state event: the aggregate's whole non-personal state, with the bumped version. */
  event: EventDefinition<TSchema>;
  snapshot: (saved: TEntity) => z.infer<TSchema>;
  /** Message key and CloudEvents subject; defaults to the entity's `id`. */
  subject?: (saved: TEntity) => string;
}

export interface UpdateSpec<TEntity extends ObjectLiteral & { version: number }, TSchema extends z.ZodType> extends WriteRecord<TEntity, TSchema> {
  entity: EntityTarget<TEntity>;
  where: FindOptionsWhere<TEntity>;
  /** The error when no row matches (usually a NotFoundException naming the field). */
  notFound: () => Error;
  /** Validates and changes the locked row in place; may query through the manager (same transaction). */
  change: (current: TEntity, manager: EntityManager) => void | Promise<void>;
  /** Join a transaction the caller already opened (e.g. several aggregates in one write). */
  manager?: EntityManager;
}

export interface CreateSpec<TEntity extends ObjectLiteral & { version: number }, TSchema extends z.ZodType> extends WriteRecord<TEntity, TSchema> {
  entity: EntityTarget<TEntity>;
  /** Builds the new row (version is set to 1); may check uniqueness through the manager first. */
  build: (manager: EntityManager) => TEntity | Promise<TEntity>;
  manager?: EntityManager;
}

/**
 * The write path of a versioned aggregate, once: lock the row (`FOR UPDATE`, so concurrent changes queue instead
 * of losing one and publishing the same version twice), load it, apply the change, bump the version, save, then
 * write the state event to the outbox and the audit entry in the same transaction. Locking before the outbox
 * insert is also what keeps each aggregate's events in order (ADR 0003).
 */
@Injectable()
export class VersionedWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async update<TEntity extends ObjectLiteral & { version: number }, TSchema extends z.ZodType>(spec: UpdateSpec<TEntity, TSchema>): Promise<TEntity> {
    return this.within(spec.manager, async (manager) => {
      const repository = manager.getRepository(spec.entity);
      const current = await repository.findOne({ where: spec.where, lock: { mode: 'pessimistic_write' } });
      if (!current) throw spec.notFound();
      const before = { ...current };
      await spec.change(current, manager);
      current.version += 1;
      const saved = await repository.save(current);
      await this.record(manager, spec, saved, before);
      return saved;
    });
  }

  async create<TEntity extends ObjectLiteral & { version: number }, TSchema extends z.ZodType>(spec: CreateSpec<TEntity, TSchema>): Promise<TEntity> {
    return this.within(spec.manager, async (manager) => {
      const row = await spec.build(manager);
      row.version = 1;
      const saved = await manager.getRepository(spec.entity).save(row);
      await this.record(manager, spec, saved, null);
      return saved;
    });
  }

  private within<T>(manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  private async record<TEntity extends ObjectLiteral, TSchema extends z.ZodType>(
    manager: EntityManager,
    spec: WriteRecord<TEntity, TSchema>,
    saved: TEntity,
    before: object | null,
  ): Promise<void> {
    const subject = spec.subject ? spec.subject(saved) : String(saved['id']);
    await this.outbox.publish(manager, spec.event, { subject, tenant: spec.tenant, data: spec.snapshot(saved) });
    await this.audit.record(manager, {
      tenant: spec.tenant,
      actor: spec.actor,
      entityType: spec.entityType,
      entityId: subject,
      action: spec.action,
      before,
      after: saved,
      reason: spec.reason,
    });
  }
}
