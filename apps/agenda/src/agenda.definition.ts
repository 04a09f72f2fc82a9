import { attachmentsFeature } from '@tequio/attachments';
import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';
import { ActivitiesModule } from './activities/activities.module';
import { Activity, ActivityCategoryRow, ActivityStatusChange } from './activities/activity.entity';
import { Alliance } from './alliances/alliance.entity';
import { AlliancesModule } from './alliances/alliances.module';
import { CabinetAgreement, CabinetAttendance, CabinetMeeting } from './cabinet/cabinet.entity';
import { CabinetModule } from './cabinet/cabinet.module';
import { CalendarFeed } from './feeds/calendar-feed.entity';
import { CalendarFeedsModule } from './feeds/calendar-feeds.module';
import { AgendaSettings1763800000000 } from './migrations/1763800000000-agenda-settings';
import { Activities1763800000100 } from './migrations/1763800000100-activities';
import { WeeklyAgendas1763800000200 } from './migrations/1763800000200-weekly-agendas';
import { CabinetMeetings1763800000300 } from './migrations/1763800000300-cabinet-meetings';
import { Alliances1763800000400 } from './migrations/1763800000400-alliances';
import { CalendarFeeds1763800000500 } from './migrations/1763800000500-calendar-feeds';
import { AgendaSettings } from './settings/agenda-settings.entity';
import { AgendaSettingsModule } from './settings/agenda-settings.module';
import { StatisticsModule } from './statistics/statistics.module';
import { WeeklyRosterRow, WeeklySubmission } from './weekly/weekly.entity';
import { WeeklyModule } from './weekly/weekly.module';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const agendaService: ServiceDefinition = {
  name: 'agenda',
  title: 'Tequio · Agenda',
  description: 'Agenda del Presidente, reuniones de gabinete y agendas semanales de las dependencias.',
  defaultPort: 3002,
  features: [
    unitDirectoryFeature,
    attachmentsFeature,
    { module: AgendaSettingsModule, entities: [AgendaSettings], migrations: [AgendaSettings1763800000000] },
    { module: ActivitiesModule, entities: [Activity, ActivityStatusChange, ActivityCategoryRow], migrations: [Activities1763800000100] },
    { module: WeeklyModule, entities: [WeeklySubmission, WeeklyRosterRow], migrations: [WeeklyAgendas1763800000200] },
    { module: CabinetModule, entities: [CabinetMeeting, CabinetAttendance, CabinetAgreement], migrations: [CabinetMeetings1763800000300] },
    { module: AlliancesModule, entities: [Alliance], migrations: [Alliances1763800000400] },
    { module: CalendarFeedsModule, entities: [CalendarFeed], migrations: [CalendarFeeds1763800000500] },
    { module: StatisticsModule },
  ],
};
