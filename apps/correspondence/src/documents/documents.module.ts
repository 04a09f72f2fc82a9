import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryModule } from '@tequio/unit-directory';
import { BusinessCalendar, WeekendOnlyCalendar } from '../calendar/business-calendar';
import { NumberCounterRepository } from '../numbering/number-counter.repository';
import { SettingsModule } from '../settings/settings.module';
import { CorrespondenceDocument, DocumentStatusChange, DocumentTurn } from './document.entity';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';
import { OverdueJob } from './overdue.job';

@Module({
  imports: [TypeOrmModule.forFeature([CorrespondenceDocument, DocumentTurn, DocumentStatusChange]), SettingsModule, UnitDirectoryModule],
  controllers: [DocumentsController],
  providers: [DocumentsRepository, DocumentsService, NumberCounterRepository, OverdueJob, { provide: BusinessCalendar, useClass: WeekendOnlyCalendar }],
  exports: [DocumentsRepository],
})
export class DocumentsModule {}
