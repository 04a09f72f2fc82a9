import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarChangeListeners } from './calendar-change-listeners';
import { CalendarEventsController } from './calendar-events.controller';
import { CalendarReplica } from './calendar-replica.entity';
import { CalendarReplicaRepository } from './calendar-replica.repository';

/** For services that count business days: the municipality's non-working days, replicated from catalog. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarReplica])],
  controllers: [CalendarEventsController],
  providers: [CalendarReplicaRepository, CalendarChangeListeners],
  exports: [CalendarReplicaRepository, CalendarChangeListeners],
})
export class CalendarDirectoryModule {}
