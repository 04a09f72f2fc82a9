import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const reportingService: ServiceDefinition = {
  name: 'reporting',
  title: 'Tequio · Reportes',
  description: 'Consolidación trimestral de indicadores, flujo de aprobación de informes y exportaciones.',
  defaultPort: 3005,
  features: [unitDirectoryFeature],
};
