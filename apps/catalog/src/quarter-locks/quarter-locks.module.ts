import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QuarterLockEventsController } from './quarter-lock-events.controller';
import { QuarterLock } from './quarter-lock.entity';
import { QuarterLocksController } from './quarter-locks.controller';
import { QuarterLocksRepository } from './quarter-locks.repository';
import { QuarterLocksService } from './quarter-locks.service';

@Module({
  imports: [TypeOrmModule.forFeature([QuarterLock])],
  controllers: [QuarterLocksController, QuarterLockEventsController],
  providers: [QuarterLocksRepository, QuarterLocksService],
  exports: [QuarterLocksService],
})
export class QuarterLocksModule {}
