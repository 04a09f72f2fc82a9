import { NotFoundException } from '@nestjs/common';
import { AttachmentOwner, AttachmentsService, OpenedAttachment } from './attachments.service';

/** Opens a file only through the record it belongs to: another record's file id answers 404. */
export async function openOwnedAttachment(attachments: AttachmentsService, tenant: string, owner: AttachmentOwner, attachmentId: string): Promise<OpenedAttachment> {
  const opened = await attachments.open(tenant, attachmentId);
  if (opened.attachment.ownerType !== owner.type || opened.attachment.ownerId !== owner.id) {
    opened.stream.destroy();
    throw new NotFoundException(`attachmentId: el registro ${owner.id} no tiene el adjunto ${attachmentId}`);
  }
  return opened;
}
