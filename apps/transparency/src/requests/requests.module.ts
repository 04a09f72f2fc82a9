import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarChangeListeners, CalendarDirectoryModule } from '@tequio/calendar';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { ChangeRecorder } from '../common/change-recorder';
import { OficioTurn } from '../common/oficio-turn.entity';
import { DeadlineCalendar } from '../deadlines/deadline-calendar';
import { SettingsModule } from '../settings/settings.module';
import { RequestStatusChange, TransparencyRequest } from './request.entity';
import { RequestsController, TurnsController } from './requests.controller';
import { RequestsRepository } from './requests.repository';
import { RequestsService } from './requests.service';

@Module({
  imports: [TypeOrmModule.forFeature([TransparencyRequest, RequestStatusChange, OficioTurn]), SettingsModule, UnitDirectoryModule, CalendarDirectoryModule],
  controllers: [RequestsController, TurnsController],
  providers: [RequestsRepository, RequestsService, DeadlineCalendar, ChangeRecorder],
  exports: [RequestsService, RequestsRepository, DeadlineCalendar, ChangeRecorder],
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
