import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarHoliday, CalendarYear } from './calendar.entity';
import { CalendarsController } from './calendars.controller';
import { CalendarsRepository } from './calendars.repository';
import { CalendarsService } from './calendars.service';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarYear, CalendarHoliday])],
  controllers: [CalendarsController],
  providers: [CalendarsRepository, CalendarsService],
  exports: [CalendarsService],
})
export class CalendarsModule {}
