import { VersionedRecord } from '@tequio/platform';
import { SemaphoreColor } from '@tequio/contracts';
import { Column, Entity, PrimaryColumn, ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric as text; bands hold percentages that fit a double. */
const numeric: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** A municipality's semáforo for one year. Without custom bands the defaults apply; the row keeps the version. */
@Entity({ name: 'semaphore_scale' })
export class SemaphoreScale extends VersionedRecord {
  @PrimaryColumn('text')
  tenant: string;

  @PrimaryColumn('integer')
  year: number;

  /** False: the defaults apply (never configured, or restored). */
  @Column('boolean')
  custom: boolean;

  /** Decimals compliance is displayed with, and rounded to before colouring. */
  @Column('integer', { default: 2 })
  decimals: number;
}

@Entity({ name: 'semaphore_band' })
export class SemaphoreBandRow {
  @PrimaryColumn('text')
  tenant: string;

  @PrimaryColumn('integer')
  year: number;

  /** Order of the band, ascending by compliance, from 0. */
  @PrimaryColumn('integer')
  position: number;

  @Column('text')
  color: SemaphoreColor;

  @Column('numeric', { transformer: numeric })
  min: number;

  @Column('numeric', { nullable: true, transformer: numeric })
  max: number | null;

  @Column('boolean', { name: 'min_inclusive' })
  minInclusive: boolean;

  @Column('boolean', { name: 'max_inclusive' })
  maxInclusive: boolean;
}
