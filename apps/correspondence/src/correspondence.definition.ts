import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const correspondenceService: ServiceDefinition = {
  name: 'correspondence',
  title: 'Tequio · Correspondencia',
  description: 'Oficialía de Partes: folios, turnos por oficio, acuses y respuestas; solicitudes de audiencia.',
  defaultPort: 3003,
  features: [unitDirectoryFeature],
};
