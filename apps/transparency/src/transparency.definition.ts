import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const transparencyService: ServiceDefinition = {
  name: 'transparency',
  title: 'Tequio · Transparencia',
  description: 'Solicitudes de acceso a la información y ARCO, recursos de revisión, denuncias y plazos en días hábiles.',
  defaultPort: 3004,
  features: [unitDirectoryFeature],
};
