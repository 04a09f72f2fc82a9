import { NotFoundException } from '@nestjs/common';
import { AttachmentOwner, AttachmentsService, OpenedAttachment } from './attachments.service';

/**
 * Opens a file only through the record it belongs to: another record's file id answers 404, as an unknown one does.
 * `record` names the record in the message the user reads (default: "el registro <id>").
 */
export async function openOwnedAttachment(
  attachments: Pick<AttachmentsService, 'open'>,
  tenant: string,
  owner: AttachmentOwner,
  attachmentId: string,
  record = `el registro ${owner.id}`,
): Promise<OpenedAttachment> {
  const opened = await attachments.open(tenant, attachmentId);
  if (opened.attachment.ownerType !== owner.type || opened.attachment.ownerId !== owner.id) {
    opened.stream.destroy();
    throw new NotFoundException(`attachmentId: ${record} no tiene el adjunto ${attachmentId}`);
  }
  return opened;
}
