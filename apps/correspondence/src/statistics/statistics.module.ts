import { DocumentsModule } from '../documents/documents.module';
import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

@Module({ imports: [DocumentsModule], controllers: [StatisticsController], providers: [StatisticsRepository, StatisticsService] })
export class StatisticsModule {}
