import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MunicipalitiesController } from './municipalities.controller';
import { MunicipalitiesRepository } from './municipalities.repository';
import { MunicipalitiesService } from './municipalities.service';
import { Municipality } from './municipality.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Municipality])],
  controllers: [MunicipalitiesController],
  providers: [MunicipalitiesRepository, MunicipalitiesService],
  exports: [MunicipalitiesService],
})
export class MunicipalitiesModule {}
