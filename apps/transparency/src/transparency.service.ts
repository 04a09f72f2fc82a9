import { Topic } from '@tequio/contracts';
import { MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { UnitDirectoryModule, UnitReplica, UnitReplica1763700000100 } from '@tequio/unit-directory';

export const transparencyService: ServiceDefinition = {
  name: 'transparency',
  title: 'Tequio · Transparencia',
  description: 'Solicitudes de acceso a la información y ARCO, recursos de revisión, denuncias y plazos en días hábiles.',
  defaultPort: 3004,
  imports: [UnitDirectoryModule],
  entities: [UnitReplica],
  migrations: [MessagingTables1763700000000, UnitReplica1763700000100],
  consumes: [Topic.CatalogUnitV1],
};
