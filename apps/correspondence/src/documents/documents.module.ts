import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { AttachmentsModule } from '@tequio/attachments';
import { CalendarDirectoryModule } from '@tequio/calendar';
import { BusinessCalendar, ReplicatedCalendar } from '../calendar/business-calendar';
import { NumberCounterRepository } from '../numbering/number-counter.repository';
import { SettingsModule } from '../settings/settings.module';
import { CorrespondenceDocument, DocumentStatusChange, DocumentTurn } from './document.entity';
import { DocumentFilesController } from './document-files.controller';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { OverdueJob } from './overdue.job';

@Module({
  imports: [TypeOrmModule.forFeature([CorrespondenceDocument, DocumentTurn, DocumentStatusChange]), SettingsModule, UnitDirectoryModule, CalendarDirectoryModule, AttachmentsModule],
  controllers: [DocumentFilesController, DocumentsController],
  providers: [DocumentsRepository, DocumentsService, NumberCounterRepository, OverdueJob, { provide: BusinessCalendar, useClass: ReplicatedCalendar }],
  exports: [DocumentsRepository],
})
export class DocumentsModule {}
