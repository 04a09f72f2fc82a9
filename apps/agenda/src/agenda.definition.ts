import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const agendaService: ServiceDefinition = {
  name: 'agenda',
  title: 'Tequio · Agenda',
  description: 'Agenda del Presidente, reuniones de gabinete y agendas semanales de las dependencias.',
  defaultPort: 3002,
  features: [unitDirectoryFeature],
};
