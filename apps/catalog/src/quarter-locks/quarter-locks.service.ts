import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventAttributes, EventData, QuarterKey, ReportApproved, ReportReopened } from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { Page, todayInMexico } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { ListQuarterLocksQueryDto } from './quarter-lock.dto';
import { isLocked, QuarterLock } from './quarter-lock.entity';
import { QuarterLocksRepository } from './quarter-locks.repository';

export type QuarterLockView = QuarterLock & { locked: boolean; quarterLabel: string };

const ORDINALS = ['1º', '2º', '3º', '4º'];

/** `2º trimestre de 2025`. */
export function quarterLabel(quarter: number, year: number): string {
  return `${ORDINALS[quarter - 1]} trimestre de ${year}`;
}

/**
 * Why a change of a closed quarter is refused, after its field name:
 * `el 2º trimestre de 2025 está cerrado: su informe fue aprobado el 2025-07-10; reábralo en reportes para cambiar la meta`.
 */
export function lockedQuarterReason(lock: Pick<QuarterLock, 'quarter' | 'year' | 'approvedAt'>, purpose = 'cambiar la meta'): string {
  const approvedOn = lock.approvedAt ? todayInMexico(lock.approvedAt) : '(fecha desconocida)';
  return `el ${quarterLabel(lock.quarter, lock.year)} está cerrado: su informe fue aprobado el ${approvedOn}; reábralo en reportes para ${purpose}`;
}

/** Quarters closed by approved reports (fed by tequio.reporting.report.v1). */
@Injectable()
export class QuarterLocksService {
  constructor(
    private readonly locks: QuarterLocksRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * The locked quarters of a program's year, by target key; call inside the transaction that changes targets,
   * after locking the program's row (ProgramsService.requireLocked), which applyApproved/applyReopened lock too.
   */
  async lockedQuarters(manager: EntityManager, tenant: string, programId: string, year: number): Promise<Map<QuarterKey, QuarterLock>> {
    const rows = await this.locks.forProgramYear(manager, tenant, programId, year);
    return new Map(rows.filter(isLocked).map((lock) => [`q${lock.quarter}` as QuarterKey, lock]));
  }

  async applyApproved(manager: EntityManager, event: EventAttributes, data: EventData<typeof ReportApproved>): Promise<void> {
    // Waits for a running target change of the program; an unknown program's lock is still stored.
    await this.locks.lockProgram(manager, event.tenant, data.programId);
    const before = await this.locks.find(manager, event.tenant, data.programId, data.year, data.quarter);
    await this.locks.approve(manager, { tenant: event.tenant, ...data });
    await this.record(manager, event, data, before, 'locked');
  }

  async applyReopened(manager: EntityManager, event: EventAttributes, data: EventData<typeof ReportReopened>): Promise<void> {
    await this.locks.lockProgram(manager, event.tenant, data.programId);
    const before = await this.locks.find(manager, event.tenant, data.programId, data.year, data.quarter);
    await this.locks.reopen(manager, { tenant: event.tenant, ...data });
    await this.record(manager, event, data, before, 'reopened', data.reason);
  }

  async list(user: TequioClaims, query: ListQuarterLocksQueryDto): Promise<Page<QuarterLockView>> {
    const { items, total } = await this.locks.list({
      ...query,
      tenant: user.tenant,
      locked: query.locked === undefined ? undefined : query.locked === 'true',
    });
    return { items: items.map(view), total, limit: query.limit, offset: query.offset };
  }

  private async record(
    manager: EntityManager,
    event: EventAttributes,
    data: { programId: string; year: number; quarter: number },
    before: QuarterLock | null,
    action: string,
    reason?: string,
  ): Promise<void> {
    const after = await this.locks.find(manager, event.tenant, data.programId, data.year, data.quarter);
    if (!after) return;
    await this.audit.record(manager, {
      tenant: event.tenant,
      actor: `${event.source} (evento ${event.id})`,
      entityType: 'quarter_lock',
      entityId: after.id,
      action,
      before: before ? auditable(before) : null,
      after: auditable(after),
      reason,
    });
  }
}

function auditable(lock: QuarterLock) {
  const { updatedAt: _updatedAt, ...rest } = lock;
  return { ...rest, locked: isLocked(lock) };
}

function view(lock: QuarterLock): QuarterLockView {
  return { ...lock, locked: isLocked(lock), quarterLabel: quarterLabel(lock.quarter, lock.year) };
}
