import { Topic } from '@tequio/contracts';
import { ServiceFeature } from '@tequio/platform';
import { CalendarDirectoryModule } from './calendar-directory.module';
import { CalendarReplica } from './calendar-replica.entity';
import { CalendarReplica1763700000300 } from './calendar-replica.migration';

/** The municipality's calendar, replicated from `tequio.catalog.calendar.v1`, for services with deadlines. */
export const calendarDirectoryFeature: ServiceFeature = {
  module: CalendarDirectoryModule,
  entities: [CalendarReplica],
  migrations: [CalendarReplica1763700000300],
  consumes: [Topic.CatalogCalendarV1],
};
