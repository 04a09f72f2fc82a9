import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventDefinition } from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditTrail } from '@tequio/persistence';
import { EntityManager } from 'typeorm';
import { z } from 'zod';

export interface RecordedChange<TSchema extends z.ZodType> {
  entityType: string;
  entityId: string;
  action: string;
  before?: object | null;
  after?: object | null;
  reason?: string;
  /** The event that announces the change, published from the outbox after commit. */
  event?: { definition: EventDefinition<TSchema>; subject: string; data: z.infer<TSchema> };
}

/**
 * The agenda's one write-path step after a change is saved: its outbox event and audit entry, in the caller's
 * transaction, so the three commit together. Kept in one place so a shared platform helper can replace it.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async record<TSchema extends z.ZodType>(manager: EntityManager, user: { tenant: string; sub: string } | TequioClaims, change: RecordedChange<TSchema>): Promise<void> {
    if (change.event) {
      await this.outbox.publish(manager, change.event.definition, { subject: change.event.subject, tenant: user.tenant, data: change.event.data });
    }
    await this.audit.record(manager, {
      tenant: user.tenant,
      actor: user.sub,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      before: change.before,
      after: change.after,
      reason: change.reason,
    });
  }
}
