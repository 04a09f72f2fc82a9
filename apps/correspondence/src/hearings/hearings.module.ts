import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { SettingsModule } from '../settings/settings.module';
import { Hearing } from './hearing.entity';
import { HearingsController } from './hearings.controller';
import { HearingsRepository } from './hearings.repository';
import { HearingsService } from './hearings.service';

@Module({
  imports: [TypeOrmModule.forFeature([Hearing]), SettingsModule, UnitDirectoryModule],
  controllers: [HearingsController],
  providers: [HearingsRepository, HearingsService],
})
export class HearingsModule {}
