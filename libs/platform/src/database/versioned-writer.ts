import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventDefinition } from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditAction, AuditTrail } from '@tequio/persistence';
import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { z } from 'zod';

type Versioned = ObjectLiteral & { version: number };
type MaybePromise<T> = T | Promise<T>;

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
  /** May load children through the manager (same transaction), e.g. a plan's axes or a program's objectives. */
  snapshot: (saved: TEntity, manager: EntityManager) => MaybePromise<z.infer<TSchema>>;
  /** Message key and CloudEvents subject; defaults to the entity's `id`. */
  subject?: (saved: TEntity) => string;
  /** The audit entry's entity id; defaults to the subject. */
  entityId?: (saved: TEntity) => string;
  /**
   * What the audit entry compares; by default a copy of the row as loaded and the row as saved. `before` runs on
   * the locked row before the change, so it must return a copy; `null` means there was nothing before.
   */
  audited?: {
    before?: (current: TEntity, manager: EntityManager) => MaybePromise<object | null>;
    after?: (saved: TEntity, manager: EntityManager) => MaybePromise<object | null>;
  };
}

/** What a change found out while applying itself; every field is optional. */
export interface ChangeOutcome<TEntity, TSchema extends z.ZodType> {
  /** Nothing changed: no version bump, no save, no event, no audit entry. */
  unchanged?: boolean;
  /** Replaces the spec's action (e.g. an update that turns out to be a deactivation). */
  action?: AuditAction;
  /** Replaces the spec's event (same payload schema). */
  event?: EventDefinition<TSchema>;
  /** The audit entry is about a child record the change wrote (a plan's axis), not about the aggregate. */
  entry?: { entityType: string; entityId: string; before: object | null; after: object | null };
  /** Runs after the row is saved, before the event: follow-up rows that need the saved state. */
  afterSave?: (saved: TEntity, manager: EntityManager) => Promise<void>;
}

/** How to find and lock the row: a plain `SELECT … FOR UPDATE` by `where`, or the caller's own `lock`. */
interface Locate<TEntity extends Versioned> {
  entity: EntityTarget<TEntity>;
  where?: FindOptionsWhere<TEntity>;
  /** Locks and loads the row itself (an advisory lock, a parent's lock, an upsert of a missing row…). */
  lock?: (manager: EntityManager) => Promise<TEntity | null>;
  /** The error when no row matches (usually a NotFoundException naming the field). */
  notFound: () => Error;
  /** Join a transaction the caller already opened (e.g. several aggregates in one write). */
  manager?: EntityManager;
}

export interface UpdateSpec<TEntity extends Versioned, TSchema extends z.ZodType> extends WriteRecord<TEntity, TSchema>, Locate<TEntity> {
  /** Validates and changes the locked row in place; may query through the manager (same transaction). */
  change: (current: TEntity, manager: EntityManager) => MaybePromise<void | ChangeOutcome<TEntity, TSchema>>;
}

export interface CreateSpec<TEntity extends Versioned, TSchema extends z.ZodType> extends WriteRecord<TEntity, TSchema> {
  entity: EntityTarget<TEntity>;
  /** Builds the new row (version is set to 1); may check uniqueness through the manager first. */
  build: (manager: EntityManager) => TEntity | Promise<TEntity>;
  /** Runs after the row is saved, before the event: rows that need its id (e.g. a program's objectives). */
  afterSave?: (saved: TEntity, manager: EntityManager) => Promise<void>;
  manager?: EntityManager;
}

export interface RemoveSpec<TEntity extends Versioned, TSchema extends z.ZodType> extends WriteRecord<TEntity, TSchema>, Locate<TEntity> {
  /** Refuses the delete (throws) when something depends on the row. */
  check?: (current: TEntity, manager: EntityManager) => MaybePromise<void>;
  /**
   * Deletes the row and what goes with it. Runs after the event and the audit entry are written, so a refusal by
   * the database (a foreign key) rolls them back too; the snapshot is taken before, while children still exist.
   */
  delete: (current: TEntity, manager: EntityManager) => Promise<void>;
}

/**
 * The write path of a versioned aggregate, once: lock the row (`FOR UPDATE`, so concurrent changes queue instead
 * of losing one and publishing the same version twice), load it, apply the change, bump the version, save, then
 * write the state event to the outbox and the audit entry in the same transaction. Locking before the outbox
 * insert is also what keeps each aggregate's events in order (ADR 0003). A delete publishes the last state with
 * the version bumped once more, so consumers order it after every change.
 */
@Injectable()
export class VersionedWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async update<TEntity extends Versioned, TSchema extends z.ZodType>(spec: UpdateSpec<TEntity, TSchema>): Promise<TEntity> {
    return this.within(spec.manager, async (manager) => {
      const current = await this.locate(manager, spec);
      const before = await this.before(manager, spec, current);
      const outcome = (await spec.change(current, manager)) ?? {};
      if (outcome.unchanged) return current;
      current.version += 1;
      const saved = await manager.getRepository(spec.entity).save(current);
      if (outcome.afterSave) await outcome.afterSave(saved, manager);
      await this.record(manager, spec, saved, before, outcome);
      return saved;
    });
  }

  async create<TEntity extends Versioned, TSchema extends z.ZodType>(spec: CreateSpec<TEntity, TSchema>): Promise<TEntity> {
    return this.within(spec.manager, async (manager) => {
      const row = await spec.build(manager);
      row.version = 1;
      const saved = await manager.getRepository(spec.entity).save(row);
      if (spec.afterSave) await spec.afterSave(saved, manager);
      await this.record(manager, spec, saved, null, {});
      return saved;
    });
  }

  /** Returns the row as last published (version bumped); it no longer exists. */
  async remove<TEntity extends Versioned, TSchema extends z.ZodType>(spec: RemoveSpec<TEntity, TSchema>): Promise<TEntity> {
    return this.within(spec.manager, async (manager) => {
      const current = await this.locate(manager, spec);
      if (spec.check) await spec.check(current, manager);
      const before = await this.before(manager, spec, current);
      current.version += 1;
      const subject = this.subjectOf(spec, current);
      await this.outbox.publish(manager, spec.event, { subject, tenant: spec.tenant, data: await spec.snapshot(current, manager) });
      await this.audit.record(manager, {
        tenant: spec.tenant,
        actor: spec.actor,
        entityType: spec.entityType,
        entityId: spec.entityId ? spec.entityId(current) : subject,
        action: spec.action,
        before,
        after: null,
        reason: spec.reason,
      });
      await spec.delete(current, manager);
      return current;
    });
  }

  private within<T>(manager: EntityManager | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  private async locate<TEntity extends Versioned>(manager: EntityManager, spec: Locate<TEntity>): Promise<TEntity> {
    let current: TEntity | null;
    if (spec.lock) current = await spec.lock(manager);
    else if (spec.where) current = await manager.getRepository(spec.entity).findOne({ where: spec.where, lock: { mode: 'pessimistic_write' } });
    else throw new Error('VersionedWriter: a spec needs `where` or `lock`');
    if (!current) throw spec.notFound();
    return current;
  }

  private async before<TEntity extends Versioned, TSchema extends z.ZodType>(
    manager: EntityManager,
    spec: WriteRecord<TEntity, TSchema>,
    current: TEntity,
  ): Promise<object | null> {
    return spec.audited?.before ? spec.audited.before(current, manager) : { ...current };
  }

  private subjectOf<TEntity extends ObjectLiteral, TSchema extends z.ZodType>(spec: WriteRecord<TEntity, TSchema>, row: TEntity): string {
    return spec.subject ? spec.subject(row) : String(row['id']);
  }

  private async record<TEntity extends ObjectLiteral, TSchema extends z.ZodType>(
    manager: EntityManager,
    spec: WriteRecord<TEntity, TSchema>,
    saved: TEntity,
    before: object | null,
    outcome: ChangeOutcome<TEntity, TSchema>,
  ): Promise<void> {
    const subject = this.subjectOf(spec, saved);
    await this.outbox.publish(manager, outcome.event ?? spec.event, { subject, tenant: spec.tenant, data: await spec.snapshot(saved, manager) });
    const entry = outcome.entry ?? {
      entityType: spec.entityType,
      entityId: spec.entityId ? spec.entityId(saved) : subject,
      before,
      after: spec.audited?.after ? await spec.audited.after(saved, manager) : saved,
    };
    await this.audit.record(manager, { tenant: spec.tenant, actor: spec.actor, ...entry, action: outcome.action ?? spec.action, reason: spec.reason });
  }
}
