import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@tequio/attachments';
import { WeeklyController } from './weekly.controller';
import { WeeklyRosterRow, WeeklySubmission } from './weekly.entity';
import { WeeklyRepository } from './weekly.repository';
import { WeeklyService } from './weekly.service';

@Module({
  imports: [TypeOrmModule.forFeature([WeeklySubmission, WeeklyRosterRow]), AttachmentsModule],
  controllers: [WeeklyController],
  providers: [WeeklyRepository, WeeklyService],
  exports: [WeeklyService],
})
export class WeeklyModule {}
