import { Global, Module } from '@nestjs/common';
import { TENANT_REGISTRY } from '@tequio/auth';
import { Topic } from '@tequio/contracts';
import type { ServiceFeature } from '../service-definition';
import { MunicipalityEventsController } from './municipality-events.controller';
import { MunicipalityReplicaRepository } from './municipality-replica.repository';
import { MunicipalityReplica1796180000000, MunicipalityReplicaName1796210000000 } from './municipality-replica.migration';

/** Global so the auth guards, which live in their own module, can ask it. */
@Global()
@Module({
  controllers: [MunicipalityEventsController],
  providers: [MunicipalityReplicaRepository, { provide: TENANT_REGISTRY, useExisting: MunicipalityReplicaRepository }],
  exports: [TENANT_REGISTRY, MunicipalityReplicaRepository],
})
export class MunicipalityDirectoryModule {}

/**
 * The tenant registry of every service that does not own the municipalities: a replica of catalog's compacted
 * `tequio.catalog.municipality.v1`. The platform adds it to a service unless one of its features provides the registry.
 */
export const municipalityDirectoryFeature: ServiceFeature = {
  module: MunicipalityDirectoryModule,
  migrations: [MunicipalityReplica1796180000000, MunicipalityReplicaName1796210000000],
  consumes: [Topic.CatalogMunicipalityV1],
};
