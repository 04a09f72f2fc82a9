import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetricsRegistryModule } from '../metrics-registry/metrics-registry.module';
import { ProgramsModule } from '../programs/programs.module';
import { QuarterLocksModule } from '../quarter-locks/quarter-locks.module';
import { Indicator } from './indicator.entity';
import { IndicatorsController, ProgramIndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorCreationService } from './indicator-creation.service';
import { IndicatorDefinitionsService } from './indicator-definitions.service';
import { IndicatorLock } from './indicator-lock';
import { IndicatorTargetsService } from './indicator-targets.service';
import { IndicatorValidation } from './indicator-validation';
import { IndicatorViews } from './indicator-views';

@Module({
  imports: [TypeOrmModule.forFeature([Indicator]), ProgramsModule, MetricsRegistryModule, QuarterLocksModule],
  controllers: [IndicatorsController, ProgramIndicatorsController],
  providers: [
    IndicatorsRepository,
    IndicatorViews,
    IndicatorValidation,
    IndicatorLock,
    IndicatorCreationService,
    IndicatorDefinitionsService,
    IndicatorTargetsService,
  ],
  exports: [IndicatorCreationService],
})
export class IndicatorsModule {}
