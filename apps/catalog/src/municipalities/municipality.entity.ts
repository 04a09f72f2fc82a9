import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality: the tenant. Its id is the slug every record of the platform carries as `tenant`. */
@Entity({ name: 'municipality' })
export class Municipality extends VersionedRecord {
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
}
