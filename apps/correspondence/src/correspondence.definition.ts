import { attachmentsFeature } from '@tequio/attachments';
import { calendarDirectoryFeature } from '@tequio/calendar';
import { ServiceDefinition } from '@tequio/platform';
import { unitDirectoryFeature } from '@tequio/unit-directory';
import { AuditModule } from './audit/audit.module';
import { CorrespondenceDocument, DocumentStatusChange, DocumentTurn } from './documents/document.entity';
import { DocumentsModule } from './documents/documents.module';
import { Hearing } from './hearings/hearing.entity';
import { HearingsModule } from './hearings/hearings.module';
import { Correspondence1763700004000 } from './migrations/1763700004000-correspondence';
import { DocumentExternalReference1764640000000 } from './migrations/1764640000000-document-external-reference';
import { CorrespondenceSettings } from './settings/settings.entity';
import { SettingsModule } from './settings/settings.module';
import { StatisticsModule } from './statistics/statistics.module';
import { TrackingModule } from './tracking/tracking.module';

/** The service's manifest: each feature once, with its module, tables, migrations and consumed topics. */
export const correspondenceService: ServiceDefinition = {
  name: 'correspondence',
  title: 'Tequio · Correspondencia',
  description: 'Oficialía de Partes: folios, turnos por oficio, acuses y respuestas; seguimiento ciudadano; solicitudes de audiencia.',
  defaultPort: 3003,
  features: [
    unitDirectoryFeature,
    calendarDirectoryFeature,
    attachmentsFeature,
    { module: AuditModule },
    { module: SettingsModule, entities: [CorrespondenceSettings], migrations: [Correspondence1763700004000] },
    { module: DocumentsModule, entities: [CorrespondenceDocument, DocumentTurn, DocumentStatusChange], migrations: [DocumentExternalReference1764640000000] },
    { module: TrackingModule },
    { module: HearingsModule, entities: [Hearing] },
    { module: StatisticsModule },
  ],
};
