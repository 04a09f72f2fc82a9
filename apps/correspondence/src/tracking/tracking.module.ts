import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';

@Module({ imports: [DocumentsModule], controllers: [TrackingController], providers: [TrackingService] })
export class TrackingModule {}
