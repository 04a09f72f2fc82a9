import { Global, Module } from '@nestjs/common';
import { TENANT_REGISTRY } from '@tequio/auth';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MunicipalitiesController } from './municipalities.controller';
import { MunicipalitiesRepository } from './municipalities.repository';
import { MunicipalitiesService } from './municipalities.service';
import { Municipality } from './municipality.entity';

/** Global because it is the service's tenant registry, which the auth guards (in their own module) ask. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Municipality])],
  controllers: [MunicipalitiesController],
  providers: [MunicipalitiesRepository, MunicipalitiesService, { provide: TENANT_REGISTRY, useExisting: MunicipalitiesRepository }],
  exports: [MunicipalitiesService, TENANT_REGISTRY],
})
export class MunicipalitiesModule {}
