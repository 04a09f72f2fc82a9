import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FeedAudience = 'publica' | 'unidad';

/** A subscribable calendar: its URL carries a secret token, stored here only as a hash. */
@Entity({ name: 'calendar_feed' })
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  audience: FeedAudience;

  @Column('text', { name: 'unit_code', nullable: true })
  unitCode: string | null;

  @Column('text')
  label: string;

  /** SHA-256 of the token, hex: a leaked table does not leak working URLs. */
  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
