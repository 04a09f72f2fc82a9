import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * A quarter of a program whose report reporting approved. Locked while approvedAt is later than reopenedAt, so
 * events applied out of order still leave the right state.
 */
@Entity({ name: 'quarter_lock' })
@Unique('quarter_lock_key', ['tenant', 'programId', 'year', 'quarter'])
export class QuarterLock {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  @Column('integer')
  year: number;

  @Column('integer')
  quarter: number;

  @Column('uuid', { name: 'report_id' })
  reportId: string;

  @Column('timestamptz', { name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;

  @Column('text', { name: 'reopen_reason', nullable: true })
  reopenReason: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export function isLocked(lock: Pick<QuarterLock, 'approvedAt' | 'reopenedAt'>): boolean {
  return lock.approvedAt !== null && (lock.reopenedAt === null || lock.reopenedAt.getTime() < lock.approvedAt.getTime());
}
