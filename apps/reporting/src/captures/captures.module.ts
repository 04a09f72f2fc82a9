import { Module } from '@nestjs/common';
import { AttachmentsModule } from '@tequio/attachments';
import { ServiceFeature } from '@tequio/platform';
import { CatalogReplicaModule } from '../catalog-replica/catalog-replica.module';
import { CapturesController } from './captures.controller';
import { ManualCaptures1763700010200 } from './captures.migration';
import { CapturesRepository } from './captures.repository';
import { CapturesService } from './captures.service';

@Module({
  imports: [CatalogReplicaModule, AttachmentsModule],
  controllers: [CapturesController],
  providers: [CapturesRepository, CapturesService],
  exports: [CapturesRepository],
})
export class CapturesModule {}

export const capturesFeature: ServiceFeature = { module: CapturesModule, migrations: [ManualCaptures1763700010200] };
