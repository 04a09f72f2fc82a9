import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module';
import { SettingsModule } from '../settings/settings.module';
import { DeadlineJobController } from './deadline-job.controller';
import { DeadlineJobService } from './deadline-job.service';

@Module({
  imports: [RequestsModule, SettingsModule],
  controllers: [DeadlineJobController],
  providers: [DeadlineJobService],
  exports: [DeadlineJobService],
})
export class DeadlineJobModule {}
