import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { MirImportController } from './mir-import.controller';
import { MirImportRepository } from './mir-import.repository';
import { MirImportService } from './mir-import.service';

@Module({
  imports: [IndicatorsModule],
  controllers: [MirImportController],
  providers: [MirImportRepository, MirImportService],
})
export class MirImportModule {}
