import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RequestKind, Terms } from '../deadlines/deadline-engine';

/** A municipality's transparency settings: its transparency unit, oficio prefix, legal terms and notice days. */
@Entity({ name: 'transparency_settings' })
export class TransparencySettings extends VersionedRecord {
  @PrimaryColumn('text')
  tenant: string;

  /** The transparency unit: its users manage requests and read personal data. */
  @Column('text', { name: 'unit_code' })
  unitCode: string;

  /** Oficios of turn are numbered `<prefix>/<consecutive>/<year>`. */
  @Column('text', { name: 'oficio_prefix' })
  oficioPrefix: string;

  @Column('jsonb')
  terms: Record<RequestKind, Terms>;

  /** A due-soon event goes out this many business days before the due date. */
  @Column('integer', { name: 'due_soon_days' })
  dueSoonDays: number;
}
