import { Topic } from '@tequio/contracts';
import { MessagingTables1763700000000 } from '@tequio/persistence';
import { ServiceDefinition } from '@tequio/platform';
import { UnitDirectoryModule, UnitReplica, UnitReplica1763700000100 } from '@tequio/unit-directory';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  title: 'Tequio · Reportes',
  description: 'Consolidación trimestral de indicadores, flujo de aprobación de informes y exportaciones.',
  defaultPort: 3005,
  imports: [UnitDirectoryModule],
  entities: [UnitReplica],
  migrations: [MessagingTables1763700000000, UnitReplica1763700000100],
  consumes: [Topic.CatalogUnitV1],
};
