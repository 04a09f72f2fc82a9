import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { MetricDimension } from './formula-validation';

/**
 * A metric a service counts from its records (e.g. correspondence.documents.answered) and the dimensions an
 * indicator formula may filter it by. Platform-wide: every municipality's services emit the same metrics, so
 * migrations maintain the table and the API only reads it.
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

  /** Seeded by a migration (true); false only for metrics registered over the API before it became read-only. */
  @Column('boolean', { name: 'built_in', default: false })
  builtIn: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
