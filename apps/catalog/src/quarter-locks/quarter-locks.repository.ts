import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QuarterLock } from './quarter-lock.entity';

export interface QuarterLockListQuery {
  tenant: string;
  programId?: string;
  year?: number;
  quarter?: number;
  locked?: boolean;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const LOCKED = '(quarter_lock.approved_at IS NOT NULL AND (quarter_lock.reopened_at IS NULL OR quarter_lock.reopened_at < quarter_lock.approved_at))';

@Injectable()
export class QuarterLocksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(manager: EntityManager, tenant: string, programId: string, year: number, quarter: number): Promise<QuarterLock | null> {
    return manager.getRepository(QuarterLock).findOneBy({ tenant, programId, year, quarter });
  }

  /**
   * Locks the program's row until the end of the transaction; false when the municipality has no such program.
   * Target changes hold this lock while they check the closed quarters, so an approval or reopening taken under
   * it waits for them (and they wait for it), including a quarter's first approval, which has no lock row yet.
   */
  async lockProgram(manager: EntityManager, tenant: string, programId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM program WHERE id = $1 AND tenant = $2 FOR UPDATE`, [programId, tenant]);
    return rows.length > 0;
  }

  /**
   * The lock rows of a program's year. Callers hold the program's row lock (see lockProgram): that, not this
   * share lock, is what keeps an approval from interleaving with a target change, since a quarter approved for
   * the first time has no row here to lock.
   */
  forProgramYear(manager: EntityManager, tenant: string, programId: string, year: number): Promise<QuarterLock[]> {
    return manager
      .getRepository(QuarterLock)
      .createQueryBuilder('quarter_lock')
      .where('quarter_lock.tenant = :tenant AND quarter_lock.program_id = :programId AND quarter_lock.year = :year', { tenant, programId, year })
      .setLock('pessimistic_read')
      .getMany();
  }

  /** Records an approval; a later approval wins over an earlier one, whatever order they arrive in. */
  async approve(manager: EntityManager, lock: { tenant: string; programId: string; year: number; quarter: number; reportId: string; approvedAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO quarter_lock (tenant, program_id, year, quarter, report_id, approved_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant, program_id, year, quarter) DO UPDATE SET
         report_id = CASE WHEN quarter_lock.approved_at IS NULL OR EXCLUDED.approved_at >= quarter_lock.approved_at
                          THEN EXCLUDED.report_id ELSE quarter_lock.report_id END,
         approved_at = GREATEST(quarter_lock.approved_at, EXCLUDED.approved_at),
         updated_at = now()`,
      [lock.tenant, lock.programId, lock.year, lock.quarter, lock.reportId, lock.approvedAt],
    );
  }

  /** Records a reopening; the latest reopening (and its reason) wins. */
  async reopen(
    manager: EntityManager,
    lock: { tenant: string; programId: string; year: number; quarter: number; reportId: string; reopenedAt: string; reason: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO quarter_lock (tenant, program_id, year, quarter, report_id, reopened_at, reopen_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant, program_id, year, quarter) DO UPDATE SET
         reopen_reason = CASE WHEN quarter_lock.reopened_at IS NULL OR EXCLUDED.reopened_at >= quarter_lock.reopened_at
                              THEN EXCLUDED.reopen_reason ELSE quarter_lock.reopen_reason END,
         reopened_at = GREATEST(quarter_lock.reopened_at, EXCLUDED.reopened_at),
         updated_at = now()`,
      [lock.tenant, lock.programId, lock.year, lock.quarter, lock.reportId, lock.reopenedAt, lock.reason],
    );
  }

  async list(query: QuarterLockListQuery): Promise<{ items: QuarterLock[]; total: number }> {
    const builder = this.dataSource
      .getRepository(QuarterLock)
      .createQueryBuilder('quarter_lock')
      .where('quarter_lock.tenant = :tenant', { tenant: query.tenant })
      .orderBy('quarter_lock.year', query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('quarter_lock.quarter', query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('quarter_lock.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.programId) builder.andWhere('quarter_lock.program_id = :programId', { programId: query.programId });
    if (query.year !== undefined) builder.andWhere('quarter_lock.year = :year', { year: query.year });
    if (query.quarter !== undefined) builder.andWhere('quarter_lock.quarter = :quarter', { quarter: query.quarter });
    if (query.locked !== undefined) builder.andWhere(query.locked ? LOCKED : `NOT ${LOCKED}`);
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
