import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { ChangeRecorder } from '../common/change-recorder';
import { KnownUnits } from '../common/known-units';
import { AgendaSettingsController } from './agenda-settings.controller';
import { AgendaSettings } from './agenda-settings.entity';
import { AgendaSettingsRepository } from './agenda-settings.repository';
import { AgendaSettingsService } from './agenda-settings.service';

/** Global: every agenda feature asks it who manages the agenda, and records its changes through ChangeRecorder and checks unit codes through KnownUnits. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AgendaSettings]), UnitDirectoryModule],
  controllers: [AgendaSettingsController],
  providers: [AgendaSettingsRepository, AgendaSettingsService, ChangeRecorder, KnownUnits],
  exports: [AgendaSettingsService, ChangeRecorder, KnownUnits],
})
export class AgendaSettingsModule {}
