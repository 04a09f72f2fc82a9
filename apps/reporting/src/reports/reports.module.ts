import { Module } from '@nestjs/common';
import { ServiceFeature } from '@tequio/platform';
import { CapturesModule } from '../captures/captures.module';
import { CatalogReplicaModule } from '../catalog-replica/catalog-replica.module';
import { FactStoreModule } from '../facts/fact-store.module';
import { PlanningController } from '../planning/planning.controller';
import { PlanningService } from '../planning/planning.service';
import { CompletenessService } from './completeness.service';
import { ConsolidationService } from './consolidation.service';
import { ReportsController } from './reports.controller';
import { Reports1763700010300 } from './reports.migration';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [CatalogReplicaModule, CapturesModule, FactStoreModule],
  controllers: [ReportsController, PlanningController],
  providers: [ReportsRepository, ConsolidationService, ReportsService, CompletenessService, PlanningService],
})
export class ReportsModule {}

export const reportsFeature: ServiceFeature = { module: ReportsModule, migrations: [Reports1763700010300] };
