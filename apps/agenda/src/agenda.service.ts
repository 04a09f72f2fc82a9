import { Topic } from '@tequio/contracts';
import { MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { UnitDirectoryModule, UnitReplica, UnitReplica1763700000100 } from '@tequio/unit-directory';

export const agendaService: ServiceDefinition = {
  name: 'agenda',
  title: 'Tequio · Agenda',
  description: 'Agenda del Presidente, reuniones de gabinete y agendas semanales de las dependencias.',
  defaultPort: 3002,
  imports: [UnitDirectoryModule],
  entities: [UnitReplica],
  migrations: [MessagingTables1763700000000, UnitReplica1763700000100],
  consumes: [Topic.CatalogUnitV1],
};
