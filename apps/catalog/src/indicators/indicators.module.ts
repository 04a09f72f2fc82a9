import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetricsRegistryModule } from '../metrics-registry/metrics-registry.module';
import { ProgramsModule } from '../programs/programs.module';
import { QuarterLocksModule } from '../quarter-locks/quarter-locks.module';
import { Indicator } from './indicator.entity';
import { IndicatorsController, ProgramIndicatorsController } from './indicators.controller';
import { IndicatorsRepository } from './indicators.repository';
import { IndicatorsService } from './indicators.service';

@Module({
  imports: [TypeOrmModule.forFeature([Indicator]), ProgramsModule, MetricsRegistryModule, QuarterLocksModule],
  controllers: [IndicatorsController, ProgramIndicatorsController],
  providers: [IndicatorsRepository, IndicatorsService],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
