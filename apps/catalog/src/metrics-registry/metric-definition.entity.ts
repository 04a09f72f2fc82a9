import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { MetricDimension } from './formula-validation';

/**
 * A metric a service counts from its records (e.g. correspondence.documents.answered) and the dimensions an
 * indicator formula may filter it by. Platform-wide: every municipality's services emit the same metrics.
 */
@Entity({ name: 'metric_definition' })
export class MetricDefinition {
  @PrimaryColumn('text')
  name: string;

  @Column('text')
  service: string;

  @Column('text')
  description: string;

  @Column('jsonb', { default: () => "'[]'::jsonb" })
  dimensions: MetricDimension[];

  /** Seeded by migration (true) or added by an administrator. */
  @Column('boolean', { name: 'built_in', default: false })
  builtIn: boolean;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
