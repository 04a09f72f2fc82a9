import { Injectable } from '@nestjs/common';
import { EventDefinition } from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditRecord, AuditTrail } from '@tequio/persistence';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

export interface RecordedChange<TSchema extends z.ZodType> {
  tenant: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  before: object | null;
  after: object | null;
  reason?: string;
  event: EventDefinition<TSchema>;
  data: z.infer<TSchema>;
}

/**
 * The service's one write path after a change is applied: its event in the outbox and its audit entry, in the
 * caller's transaction. Kept in one place so the platform's shared write-path helper can replace it.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly outbox: OutboxService,
    private readonly trail: AuditTrail,
  ) {}

  /** An audit entry without an event: reads of personal data. */
  async audit(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await this.trail.record(manager, entry);
  }

  async record<TSchema extends z.ZodType>(manager: EntityManager, change: RecordedChange<TSchema>): Promise<void> {
    await this.outbox.publish(manager, change.event, { subject: change.entityId, tenant: change.tenant, data: change.data });
    await this.trail.record(manager, {
      tenant: change.tenant,
      actor: change.actor,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      before: change.before,
      after: change.after,
      reason: change.reason,
    });
  }

  /** Many changes of one event type in a few statements: the bulk recomputations of due dates. */
  async recordMany<TSchema extends z.ZodType>(manager: EntityManager, event: EventDefinition<TSchema>, changes: Omit<RecordedChange<TSchema>, 'event'>[]): Promise<void> {
    await this.outbox.publishMany(
      manager,
      event,
      changes.map((change) => ({ subject: change.entityId, tenant: change.tenant, data: change.data })),
    );
    await this.trail.recordMany(
      manager,
      changes.map(({ data: _data, ...entry }) => entry),
    );
  }
}
