import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanModule } from '../plan/plan.module';
import { Program, ProgramObjective } from './program.entity';
import { ProgramsController } from './programs.controller';
import { ProgramsRepository } from './programs.repository';
import { ProgramsService } from './programs.service';

@Module({
  imports: [TypeOrmModule.forFeature([Program, ProgramObjective]), PlanModule],
  controllers: [ProgramsController],
  providers: [ProgramsRepository, ProgramsService],
  exports: [ProgramsService],
})
export class ProgramsModule {}
