import { VersionedRecord } from '@tequio/platform';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** A Plan Municipal de Desarrollo, e.g. "PMD 2025-2027". */
@Entity({ name: 'plan_period' })
@Unique('plan_period_tenant_name_key', ['tenant', 'name'])
export class PlanPeriod extends VersionedRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('text')
  name: string;

  @Column('integer', { name: 'start_year' })
  startYear: number;

  @Column('integer', { name: 'end_year' })
  endYear: number;
}

/** Eje of a plan, e.g. "Eje 2. Gobernabilidad democrática". */
@Entity({ name: 'plan_axis' })
@Unique('plan_axis_plan_number_key', ['planId', 'number'])
export class PlanAxis {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Column('integer')
  number: number;

  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Objetivo of an axis, e.g. "2.6"; its code starts with the axis number. */
@Entity({ name: 'plan_objective' })
@Unique('plan_objective_plan_code_key', ['planId', 'code'])
export class PlanObjective {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  @Column('uuid', { name: 'plan_id' })
  planId: string;

  @Column('uuid', { name: 'axis_id' })
  axisId: string;

  @Column('text')
  code: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
