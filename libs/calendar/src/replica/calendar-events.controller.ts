import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CalendarChanged, Topic } from '@tequio/contracts';
import { EventConsumer, on } from '@tequio/messaging';
import { CalendarChangeListeners } from './calendar-change-listeners';
import { CalendarReplicaRepository } from './calendar-replica.repository';

/** Keeps the calendar replica current; every calendar event carries the year's full set of holidays. */
@Controller()
export class CalendarEventsController {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly calendars: CalendarReplicaRepository,
    private readonly listeners: CalendarChangeListeners,
  ) {}

  @EventPattern(Topic.CatalogCalendarV1)
  async onCalendarEvent(_payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(context, [
      on(CalendarChanged, async (calendar, { manager, event }) => {
        if (await this.calendars.upsert(manager, event.tenant, calendar)) {
          await this.listeners.notify({ tenant: event.tenant, year: calendar.year, manager });
        }
      }),
    ]);
  }
}
