import { Topic } from '@tequio/contracts';
import { ServiceFeature } from '@tequio/platform';
import { UnitDirectoryModule } from './unit-directory.module';
import { UnitReplica } from './unit-replica.entity';
import { UnitReplica1763700000100 } from './unit-replica.migration';

/** The catalog's units, replicated from `tequio.catalog.unit.v1`, for services that validate unit codes. */
export const unitDirectoryFeature: ServiceFeature = {
  module: UnitDirectoryModule,
  entities: [UnitReplica],
  migrations: [UnitReplica1763700000100],
  consumes: [Topic.CatalogUnitV1],
};
