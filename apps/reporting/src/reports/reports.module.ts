import { Module } from '@nestjs/common';
import { ServiceFeature } from '@tequio/platform';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { CapturesModule } from '../captures/captures.module';
import { CatalogReplicaModule } from '../catalog-replica/catalog-replica.module';
import { ExportsController } from '../exports/exports.controller';
import { ExportsService } from '../exports/exports.service';
import { ReportDocuments } from '../exports/report-documents';
import { FactStoreModule } from '../facts/fact-store.module';
import { PlanningController } from '../planning/planning.controller';
import { PlanningService } from '../planning/planning.service';
import { CompletenessService } from './completeness.service';
import { ConsolidationService } from './consolidation.service';
import { ReportsController } from './reports.controller';
import { ReportDocument1763700010400 } from './report-document.migration';
import { Reports1763700010300 } from './reports.migration';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [CatalogReplicaModule, CapturesModule, FactStoreModule, UnitDirectoryModule],
  controllers: [ReportsController, PlanningController, ExportsController],
  providers: [ReportsRepository, ConsolidationService, ReportsService, CompletenessService, PlanningService, ReportDocuments, ExportsService],
})
export class ReportsModule {}

export const reportsFeature: ServiceFeature = { module: ReportsModule, migrations: [Reports1763700010300, ReportDocument1763700010400] };
