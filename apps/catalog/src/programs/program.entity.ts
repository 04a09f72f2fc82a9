import { VersionedRecord } from '@tequio/platform';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A Programa Presupuestario of one year, e.g. "08 - Gobierno innovador y tecnológico", run by an owner unit. */
@Entity({ name: 'program' })
@Unique('program_tenant_year_code_key', ['tenant', 'year', 'code'])
export class Program extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('integer')
  year: number;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'owner_unit_id' })
  ownerUnitId: string;
}

/** Alignment of a program with a development-plan objective. */
@Entity({ name: 'program_objective' })
export class ProgramObjective {
  @PrimaryColumn('uuid', { name: 'program_id' })
  programId: string;

  @PrimaryColumn('uuid', { name: 'objective_id' })
  objectiveId: string;
}
