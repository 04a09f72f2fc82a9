import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@tequio/attachments';
import { CalendarChangeListeners, CalendarDirectoryModule } from '@tequio/calendar';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { ChangeRecorder } from '../common/change-recorder';
import { OficioTurn } from '../common/oficio-turn.entity';
import { RecordFiles } from '../common/record-files';
import { DeadlineCalendar } from '../deadlines/deadline-calendar';
import { SettingsModule } from '../settings/settings.module';
import { RequestStatusChange, TransparencyRequest } from './request.entity';
import { AnswerFilesController, TurnFilesController } from './request-files.controller';
import { RequestsController, TurnsController } from './requests.controller';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';

@Module({
  imports: [TypeOrmModule.forFeature([TransparencyRequest, RequestStatusChange, OficioTurn]), SettingsModule, UnitDirectoryModule, CalendarDirectoryModule, AttachmentsModule],
  controllers: [RequestsController, TurnsController, TurnFilesController, AnswerFilesController],
  providers: [RequestsRepository, RequestsService, DeadlineCalendar, ChangeRecorder, RecordFiles],
  exports: [RequestsService, RequestsRepository, DeadlineCalendar, ChangeRecorder, RecordFiles],
})
export class RequestsModule implements OnModuleInit {
  constructor(
    private readonly listeners: CalendarChangeListeners,
    private readonly requests: RequestsService,
  ) {}

  /** A municipality's calendar changed: the due dates of its open requests move with it. */
  onModuleInit(): void {
    this.listeners.register(async ({ tenant, year, manager }) => {
      await this.requests.recomputeAfterCalendarChange(tenant, year, manager);
    });
  }
}
