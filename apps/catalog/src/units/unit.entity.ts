import { VersionedRecord } from '@tequio/platform';
import { UnitKind } from '@tequio/contracts';
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'unit' })
@Unique('unit_tenant_code_key', ['tenant', 'code'])
export class Unit extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  /** Clave of the Unidad Responsable, e.g. "402". */
  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: UnitKind;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  /** Head of the unit, printed in report signature blocks. */
  @Column('text', { name: 'head_name', nullable: true })
  headName: string | null;

  @Column('text', { name: 'head_title', nullable: true })
  headTitle: string | null;

  @Column('date', { name: 'active_from' })
  activeFrom: string;

  @Column('date', { name: 'active_to', nullable: true })
  activeTo: string | null;
}
