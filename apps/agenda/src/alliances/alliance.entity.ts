import { AllianceKind } from '@tequio/contracts';
import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An alliance (alianza intergubernamental o interinstitucional) or a twinning (hermanamiento) signed by the municipality. */
@Entity({ name: 'alliance' })
export class Alliance extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  kind: AllianceKind;

  @Column('text')
  counterpart: string;

  @Column('date', { name: 'signed_on' })
  signedOn: string;

  @Column('text', { name: 'unit_code' })
  unitCode: string;

  @Column('text')
  status: 'vigente' | 'cancelada';
}
