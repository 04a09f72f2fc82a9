import { Injectable } from '@nestjs/common';
import { AttachmentOwner, AttachmentsService, AttachmentView, OpenedAttachment, openOwnedAttachment } from '@tequio/attachments';
import { TequioClaims } from '@tequio/auth';
import type { IncomingMessage } from 'node:http';
import { RequestsRepository } from '../requests/requests.repository';
import { ChangeRecorder } from './change-recorder';

/** Whose files: the attachment owner, and the record whose audit trail logs each download. */
export interface FileTarget {
  owner: AttachmentOwner;
  entityType: 'transparency_request' | 'review_appeal';
  entityId: string;
}

/** Owner types of the service's files (the answer oficio of a unit, the final answer, an appeal's resolution). */
export const FILE_OWNERS = {
  turnAnswer: 'transparency.turn-answer',
  requestAnswer: 'transparency.request-answer',
  appealResolution: 'transparency.appeal-resolution',
} as const;

/**
 * The files of a record through the shared attachments library. The feature decides first who may act on the
 * record (its `…Files` method answers the target or throws 403/404/409); here the bytes are stored all or
 * nothing, listed, and served, each download audited against the record (the files may hold personal data).
 */
@Injectable()
export class RecordFiles {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly changes: ChangeRecorder,
    private readonly database: RequestsRepository,
  ) {}

  async upload(user: TequioClaims, target: FileTarget, request: IncomingMessage): Promise<{ attachments: AttachmentView[] }> {
    const { attachments } = await this.attachments.receive(request, { tenant: user.tenant, owner: target.owner, uploadedBy: user.sub });
    return { attachments };
  }

  async list(user: TequioClaims, target: FileTarget): Promise<{ items: AttachmentView[] }> {
    return { items: await this.attachments.list(user.tenant, target.owner) };
  }

  async open(user: TequioClaims, target: FileTarget, attachmentId: string): Promise<OpenedAttachment> {
    const opened = await openOwnedAttachment(this.attachments, user.tenant, target.owner, attachmentId);
    try {
      await this.database.transaction((tx) =>
        this.changes.audit(tx, {
          tenant: user.tenant,
          actor: user.sub,
          entityType: target.entityType,
          entityId: target.entityId,
          action: 'attachment_read',
          after: { attachmentId, ownerType: target.owner.type, ownerId: target.owner.id },
        }),
      );
    } catch (error) {
      // No audited read, no bytes.
      opened.stream.destroy();
      throw error;
    }
    return opened;
  }
}
