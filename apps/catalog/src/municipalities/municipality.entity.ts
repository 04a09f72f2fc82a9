import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A municipality: the tenant. Its id is the slug every record of the platform carries as `tenant`. */
@Entity({ name: 'municipality' })
export class Municipality {
  /** Slug, e.g. `oaxaca-de-juarez`. */
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  state: string;

  /** INEGI geostatistical key (state + municipality), e.g. `20067`. */
  @Column('text', { name: 'inegi_code' })
  inegiCode: string;

  @Column('boolean', { default: true })
  active: boolean;

  /** Bumped on every change; consumers use it to ignore stale snapshots. */
  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
