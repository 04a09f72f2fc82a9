import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { RequestsModule } from '../requests/requests.module';
import { SettingsModule } from '../settings/settings.module';
import { AppealNotification, ReviewAppeal } from './appeal.entity';
import { AppealFilesController } from './appeal-files.controller';
import { AppealsController } from './appeals.controller';
import { AppealsRepository } from './appeals.repository';
import { AppealsService } from './appeals.service';

@Module({
  imports: [TypeOrmModule.forFeature([ReviewAppeal, AppealNotification]), SettingsModule, UnitDirectoryModule, RequestsModule],
  controllers: [AppealsController, AppealFilesController],
  providers: [AppealsRepository, AppealsService],
})
export class AppealsModule {}
