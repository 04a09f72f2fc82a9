import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanAxesController, PlanObjectivesController, PlansController } from './plan.controller';
import { PlanAxis, PlanObjective, PlanPeriod } from './plan.entity';
import { PlanRepository } from './plan.repository';
import { PlanService } from './plan.service';

@Module({
  imports: [TypeOrmModule.forFeature([PlanPeriod, PlanAxis, PlanObjective])],
  controllers: [PlansController, PlanAxesController, PlanObjectivesController],
  providers: [PlanRepository, PlanService],
  exports: [PlanService],
})
export class PlanModule {}
