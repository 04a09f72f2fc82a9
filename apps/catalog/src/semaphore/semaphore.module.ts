import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SemaphoreController } from './semaphore.controller';
import { SemaphoreBandRow, SemaphoreScale } from './semaphore.entity';
import { SemaphoreRepository } from './semaphore.repository';
import { SemaphoreService } from './semaphore.service';

@Module({
  imports: [TypeOrmModule.forFeature([SemaphoreScale, SemaphoreBandRow])],
  controllers: [SemaphoreController],
  providers: [SemaphoreRepository, SemaphoreService],
  exports: [SemaphoreService],
})
export class SemaphoreModule {}
