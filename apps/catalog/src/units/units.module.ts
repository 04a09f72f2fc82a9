import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitParentHistory } from './unit-parent-history.entity';
import { Unit } from './unit.entity';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, UnitParentHistory])],
  controllers: [UnitsController],
  providers: [UnitsRepository, UnitsService],
  exports: [UnitsService],
})
export class UnitsModule {}
