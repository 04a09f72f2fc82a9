import { Module } from '@nestjs/common';
import { Topic } from '@tequio/contracts';
import { ServiceFeature } from '@tequio/platform';
import { CatalogEventsController } from './catalog-events.controller';
import { CatalogSnapshots1763700010100 } from './catalog-replica.migration';
import { CatalogSnapshotsRepository } from './catalog-snapshots.repository';

@Module({
  controllers: [CatalogEventsController],
  providers: [CatalogSnapshotsRepository],
  exports: [CatalogSnapshotsRepository],
})
export class CatalogReplicaModule {}

/** Plan, programs, indicators, semáforo bands and calendars (time zones) of the catalog, replicated for consolidation. */
export const catalogReplicaFeature: ServiceFeature = {
  module: CatalogReplicaModule,
  migrations: [CatalogSnapshots1763700010100],
  consumes: [Topic.CatalogPlanV1, Topic.CatalogProgramV1, Topic.CatalogIndicatorV1, Topic.CatalogSemaphoreV1, Topic.CatalogCalendarV1],
};
