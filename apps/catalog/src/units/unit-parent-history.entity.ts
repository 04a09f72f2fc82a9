import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One period during which a unit depended on a parent (null: it was a root). */
@Entity({ name: 'unit_parent_history' })
export class UnitParentHistory {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'unit_id' })
  unitId: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  /** Last day under that parent, inclusive; null while current. */
  @Column('date', { name: 'valid_to', nullable: true })
  validTo: string | null;
}
