import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetricDefinition } from './metric-definition.entity';
import { MetricDefinitionsController } from './metric-definitions.controller';
import { MetricDefinitionsRepository } from './metric-definitions.repository';
import { MetricDefinitionsService } from './metric-definitions.service';

@Module({
  imports: [TypeOrmModule.forFeature([MetricDefinition])],
  controllers: [MetricDefinitionsController],
  providers: [MetricDefinitionsRepository, MetricDefinitionsService],
  exports: [MetricDefinitionsService],
})
export class MetricsRegistryModule {}
