import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Alliance } from './alliance.entity';
import { AlliancesController } from './alliances.controller';
import { AlliancesRepository } from './alliances.repository';
import { AlliancesService } from './alliances.service';

@Module({
  imports: [TypeOrmModule.forFeature([Alliance])],
  controllers: [AlliancesController],
  providers: [AlliancesRepository, AlliancesService],
})
export class AlliancesModule {}
