import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** Columns every versioned catalog record has: its tables declare `version`, `created_at`, `updated_at`. */
export abstract class VersionedRecord {
  /** Bumped on every change; event consumers use it to ignore stale snapshots. */
  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
