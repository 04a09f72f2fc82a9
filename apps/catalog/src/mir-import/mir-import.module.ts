import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ProgramsModule } from '../programs/programs.module';
import { MirImportController } from './mir-import.controller';
import { MirImportRepository } from './mir-import.repository';
import { MirImportService } from './mir-import.service';

@Module({
  imports: [IndicatorsModule, ProgramsModule],
  controllers: [MirImportController],
  providers: [MirImportRepository, MirImportService],
})
export class MirImportModule {}
