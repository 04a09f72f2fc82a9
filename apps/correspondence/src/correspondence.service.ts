import { Topic } from '@tequio/contracts';
import { MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { UnitDirectoryModule, UnitReplica, UnitReplica1763700000100 } from '@tequio/unit-directory';

export const correspondenceService: ServiceDefinition = {
  name: 'correspondence',
  title: 'Tequio · Correspondencia',
  description: 'Oficialía de Partes: folios, turnos por oficio, acuses y respuestas; solicitudes de audiencia.',
  defaultPort: 3003,
  imports: [UnitDirectoryModule],
  entities: [UnitReplica],
  migrations: [MessagingTables1763700000000, UnitReplica1763700000100],
  consumes: [Topic.CatalogUnitV1],
};
