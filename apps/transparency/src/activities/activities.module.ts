import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { RequestsModule } from '../requests/requests.module';
import { SettingsModule } from '../settings/settings.module';
import { ActivitiesController, ComplaintsController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { Complaint, ComplaintRequirement, TransparencyActivity } from './activity.entity';

@Module({
  imports: [TypeOrmModule.forFeature([TransparencyActivity, Complaint, ComplaintRequirement]), SettingsModule, UnitDirectoryModule, RequestsModule],
  controllers: [ActivitiesController, ComplaintsController],
  providers: [ActivitiesRepository, ActivitiesService],
})
export class ActivitiesModule {}
