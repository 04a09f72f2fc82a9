import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { Activity, ActivityCategoryRow, ActivityStatusChange } from './activity.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Activity, ActivityStatusChange, ActivityCategoryRow])],
  controllers: [ActivitiesController],
  providers: [ActivitiesRepository, ActivitiesService],
  exports: [ActivitiesRepository],
})
export class ActivitiesModule {}
