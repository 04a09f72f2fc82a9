import { VersionedRecord } from '@tequio/platform';
import {
  AccumulationType,
  IndicatorDimension,
  IndicatorDirection,
  IndicatorFormula,
  IndicatorLevel,
  IndicatorType,
  MeasurementFrequency,
} from '@tequio/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of a program's MIR: level, metadata, computable formula and quarterly targets. */
@Entity({ name: 'indicator' })
export class Indicator extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('uuid', { name: 'program_id' })
  programId: string;

  /** The program's year, kept here to filter without a join. */
  @Column('integer')
  year: number;

  @Column('text')
  level: IndicatorLevel;

  @Column('integer', { name: 'component_number', nullable: true })
  componentNumber: number | null;

  @Column('integer', { name: 'activity_number', nullable: true })
  activityNumber: number | null;

  /** For an activity, its component. */
  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text')
  name: string;

  @Column('text')
  definition: string;

  @Column('text', { name: 'calculation_method' })
  calculationMethod: string;

  @Column('text', { name: 'unit_of_measure' })
  unitOfMeasure: string;

  @Column('text')
  type: IndicatorType;

  @Column('text')
  dimension: IndicatorDimension;

  @Column('text')
  frequency: MeasurementFrequency;

  @Column('text')
  direction: IndicatorDirection;

  @Column('double precision', { name: 'baseline_value', nullable: true })
  baselineValue: number | null;

  @Column('integer', { name: 'baseline_year', nullable: true })
  baselineYear: number | null;

  @Column('text')
  accumulation: AccumulationType;

  @Column('double precision', { default: 100 })
  factor: number;

  @Column('text', { name: 'means_of_verification', nullable: true })
  meansOfVerification: string | null;

  @Column('uuid', { name: 'responsible_unit_id' })
  responsibleUnitId: string;

  @Column('double precision', { name: 'target_q1', nullable: true })
  targetQ1: number | null;

  @Column('double precision', { name: 'target_q2', nullable: true })
  targetQ2: number | null;

  @Column('double precision', { name: 'target_q3', nullable: true })
  targetQ3: number | null;

  @Column('double precision', { name: 'target_q4', nullable: true })
  targetQ4: number | null;

  @Column('jsonb')
  formula: IndicatorFormula;
}
