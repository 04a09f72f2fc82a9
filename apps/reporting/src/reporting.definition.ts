import { attachmentsFeature } from '@tequio/attachments';
import { METRIC_MAPPINGS, MetricMapping } from '@tequio/contracts';
import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';
import { capturesFeature } from './captures/captures.module';
import { catalogReplicaFeature } from './catalog-replica/catalog-replica.module';
import { factsFeature } from './facts/facts.module';
import { reportsFeature } from './reports/reports.module';

/**
 * The service's manifest with the metric mappings it applies. Production uses every producer's METRIC_MAPPINGS;
 * tests may pass producer-shaped mappings of their own (the seam that lets reporting be tested before producers land).
 */
export function reportingServiceWith(mappings: readonly MetricMapping[]): ServiceDefinition {
  return {
    name: 'reporting',
    title: 'Tequio · Reportes',
    description: 'Consolidación trimestral de indicadores, flujo de aprobación de informes y exportaciones.',
    defaultPort: 3005,
    features: [attachmentsFeature, unitDirectoryFeature, catalogReplicaFeature, factsFeature(mappings), capturesFeature, reportsFeature],
  };
}

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const reportingService: ServiceDefinition = reportingServiceWith(METRIC_MAPPINGS);
