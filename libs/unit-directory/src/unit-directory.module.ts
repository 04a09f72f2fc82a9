import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitDirectoryController } from './unit-directory.controller';
import { UnitEventsController } from './unit-events.controller';
import { UnitReplica } from './unit-replica.entity';
import { UnitReplicaRepository } from './unit-replica.repository';

/** For services that need to know the catalog's units (to validate codes and show names). */
@Module({
  imports: [TypeOrmModule.forFeature([UnitReplica])],
  controllers: [UnitEventsController, UnitDirectoryController],
  providers: [UnitReplicaRepository],
  exports: [UnitReplicaRepository],
})
export class UnitDirectoryModule {}
