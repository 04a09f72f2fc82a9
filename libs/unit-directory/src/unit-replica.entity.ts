import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A service's local copy of a catalog unit, kept current from `tequio.catalog.unit.v1`. */
@Entity({ name: 'unit_replica' })
@Index('unit_replica_tenant_code_idx', ['tenant', 'code'])
export class UnitReplica {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('date', { name: 'active_from' })
  activeFrom: string;

  @Column('date', { name: 'active_to', nullable: true })
  activeTo: string | null;

  /** The catalog's version of the unit: older snapshots arriving late never overwrite newer ones. */
  @Column('integer')
  version: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
