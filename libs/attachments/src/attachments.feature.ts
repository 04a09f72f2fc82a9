import { ServiceFeature } from '@tequio/platform';
import { Attachment } from './attachment.entity';
import { Attachments1763700000200 } from './attachments.migration';
import { AttachmentsModule } from './attachments.module';

/** The `attachment` and `attachment_chunk` tables in the service's schema, and `AttachmentsService`. */
export const attachmentsFeature: ServiceFeature = {
  module: AttachmentsModule,
  entities: [Attachment],
  migrations: [Attachments1763700000200],
};
