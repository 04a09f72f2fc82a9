import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '@tequio/attachments';
import { CabinetController } from './cabinet.controller';
import { CabinetAgreement, CabinetAttendance, CabinetMeeting } from './cabinet.entity';
import { CabinetRepository } from './cabinet.repository';
import { CabinetService } from './cabinet.service';

@Module({
  imports: [TypeOrmModule.forFeature([CabinetMeeting, CabinetAttendance, CabinetAgreement]), AttachmentsModule],
  controllers: [CabinetController],
  providers: [CabinetRepository, CabinetService],
  exports: [CabinetRepository],
})
export class CabinetModule {}
