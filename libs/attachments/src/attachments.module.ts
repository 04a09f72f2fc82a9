import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from './attachment.entity';
import { ATTACHMENT_LIMITS, attachmentLimitsFromEnv } from './attachments.options';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

/** Import it in a feature module to inject `AttachmentsService`; add `attachmentsFeature` to the manifest once. */
@Module({
  imports: [TypeOrmModule.forFeature([Attachment])],
  providers: [AttachmentsRepository, AttachmentsService, { provide: ATTACHMENT_LIMITS, useFactory: () => attachmentLimitsFromEnv() }],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
