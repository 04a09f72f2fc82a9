import { attachmentsFeature } from '@tequio/attachments';
import { calendarDirectoryFeature } from '@tequio/calendar';
import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';
import { ActivitiesModule } from './activities/activities.module';
import { Complaint, ComplaintRequirement, TransparencyActivity } from './activities/activity.entity';
import { AppealNotification, ReviewAppeal } from './appeals/appeal.entity';
import { AppealsModule } from './appeals/appeals.module';
import { OficioTurn } from './common/oficio-turn.entity';
import { DeadlineJobModule } from './deadline-jobs/deadline-job.module';
import { Transparency1763800000000 } from './migrations/1763800000000-transparency';
import { RequestStatusChange, TransparencyRequest } from './requests/request.entity';
import { RequestsModule } from './requests/requests.module';
import { TransparencySettings } from './settings/settings.entity';
import { SettingsModule } from './settings/settings.module';
import { StatisticsModule } from './statistics/statistics.module';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const transparencyService: ServiceDefinition = {
  name: 'transparency',
  title: 'Tequio · Transparencia',
  description: 'Solicitudes de acceso a la información y ARCO, recursos de revisión, denuncias y plazos en días hábiles.',
  defaultPort: 3004,
  features: [
    unitDirectoryFeature,
    calendarDirectoryFeature,
    attachmentsFeature,
    { module: SettingsModule, entities: [TransparencySettings], migrations: [Transparency1763800000000] },
    { module: RequestsModule, entities: [TransparencyRequest, RequestStatusChange, OficioTurn] },
    { module: AppealsModule, entities: [ReviewAppeal, AppealNotification] },
    { module: ActivitiesModule, entities: [TransparencyActivity, Complaint, ComplaintRequirement] },
    { module: StatisticsModule },
    { module: DeadlineJobModule },
  ],
};
