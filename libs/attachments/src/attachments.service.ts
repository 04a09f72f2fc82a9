import {
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { AuditTrail } from '@tequio/persistence';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { Attachment } from './attachment.entity';
import { ATTACHMENT_LIMITS, AttachmentLimits, describeBytes } from './attachments.options';
import { AttachmentsRepository } from './attachments.repository';
import { safeFilename } from './content-disposition';
import { ContentRefused, ContentSniffer } from './content-detection';
import { readMultipart } from './multipart';

/** What a file belongs to: a feature's aggregate, e.g. `{ type: 'correspondence.document', id }`. */
export interface AttachmentOwner {
  type: string;
  id: string;
}

export interface AttachmentMeta {
  /** The client's file name (only its last path segment is kept). */
  filename: string;
  /** The JWT subject of the uploader, for the row and the audit trail. */
  uploadedBy: string;
  /** The request field that carried the file: error messages start with it. Default `file`. */
  field?: string;
}

export interface AttachmentView {
  id: string;
  ownerType: string;
  ownerId: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

/** Where the files of a multipart request go, and who sent them. */
export interface UploadTarget {
  tenant: string;
  owner: AttachmentOwner;
  uploadedBy: string;
}

export interface UploadOptions {
  /** The multipart field that carries the files. Default `file`. */
  field?: string;
  /** Narrower than the service's limits for this endpoint (never wider: the service limit still applies). */
  maxBytes?: number;
  maxFiles?: number;
}

export interface ReceivedUpload {
  attachments: AttachmentView[];
  /** The text fields of the form, as sent. */
  fields: Record<string, string>;
}

export interface OpenedAttachment {
  attachment: AttachmentView;
  /** The bytes, read chunk by chunk from the database as the client consumes them. */
  stream: Readable;
}

/** Bytes per stored chunk: big enough for few rows, small enough that no query holds much memory. */
export const CHUNK_BYTES = 256 * 1024;

const AUDIT_ENTITY = 'attachment';

/**
 * Files of a service, in its own schema. Writes run in the caller's transaction when one is given
 * (so a feature's row and its files commit together) or in their own; a refused or broken upload
 * throws and its transaction leaves nothing behind.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly repository: AttachmentsRepository,
    private readonly audit: AuditTrail,
    @Inject(ATTACHMENT_LIMITS) readonly limits: AttachmentLimits,
  ) {}

  /**
   * Streams one file into the database: checks its size and its content as it passes, hashes it,
   * writes it in chunks, then its row and an audit entry. Throws a 4xx naming the field on refusal.
   */
  async store(
    tenant: string,
    owner: AttachmentOwner,
    stream: AsyncIterable<Buffer | Uint8Array | string>,
    meta: AttachmentMeta,
    manager?: EntityManager,
    maxBytes: number = this.limits.maxBytes,
  ): Promise<AttachmentView> {
    const write = async (tx: EntityManager): Promise<AttachmentView> => {
      const id = randomUUID();
      const field = meta.field ?? 'file';
      const sniffer = new ContentSniffer(field);
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const data = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await this.repository.insertChunk(tx, id, seq++, data);
      };
      try {
        for await (const piece of stream) {
          const chunk = typeof piece === 'string' ? Buffer.from(piece) : Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
          size += chunk.length;
          if (size > maxBytes) throw new PayloadTooLargeException(`${field}: el archivo excede el límite de ${describeBytes(maxBytes)}`);
          sniffer.push(chunk);
          hash.update(chunk);
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= CHUNK_BYTES) await flush();
        }
        const detected = sniffer.finish(safeFilename(meta.filename));
        await flush();
        const row = await this.repository.insert(tx, {
          id,
          tenant,
          ownerType: owner.type,
          ownerId: owner.id,
          filename: detected.filename,
          contentType: detected.contentType,
          size,
          sha256: hash.digest('hex'),
          uploadedBy: meta.uploadedBy,
          uploadedAt: new Date(),
        });
        const attachment = view(row);
        await this.audit.record(tx, { tenant, actor: meta.uploadedBy, entityType: AUDIT_ENTITY, entityId: id, action: 'created', after: auditSnapshot(attachment) });
        return attachment;
      } catch (error) {
        if (error instanceof ContentRefused) throw new UnsupportedMediaTypeException(error.message);
        throw error;
      }
    };
    return manager ? write(manager) : this.repository.transaction(write);
  }

  /**
   * The one call a controller makes for a multipart upload: streams every file of the `file` field
   * (see `ApiAttachmentUpload`) into storage, all of them or none, in the caller's transaction or its own.
   */
  async receive(request: IncomingMessage, target: UploadTarget, options: UploadOptions = {}, manager?: EntityManager): Promise<ReceivedUpload> {
    const field = options.field ?? 'file';
    const maxBytes = Math.min(options.maxBytes ?? this.limits.maxBytes, this.limits.maxBytes);
    const maxFiles = Math.min(options.maxFiles ?? this.limits.maxFiles, this.limits.maxFiles);
    const work = async (tx: EntityManager): Promise<ReceivedUpload> => {
      const attachments: AttachmentView[] = [];
      const { fields } = await readMultipart(request, { field, maxBytes, maxFiles }, async (file) => {
        attachments.push(await this.store(target.tenant, target.owner, file.stream, { filename: file.filename, uploadedBy: target.uploadedBy, field }, tx, maxBytes));
      });
      return { attachments, fields };
    };
    return manager ? work(manager) : this.repository.transaction(work);
  }

  async get(tenant: string, id: string): Promise<AttachmentView> {
    const row = await this.repository.find(tenant, id);
    if (!row) throw notFound(id);
    return view(row);
  }

  /** The file and its bytes; another tenant's id answers 404 like an unknown one. */
  async open(tenant: string, id: string): Promise<OpenedAttachment> {
    const attachment = await this.get(tenant, id);
    return { attachment, stream: Readable.from(this.chunks(attachment)) };
  }

  async list(tenant: string, owner: AttachmentOwner): Promise<AttachmentView[]> {
    return (await this.repository.listByOwner(tenant, owner.type, owner.id)).map(view);
  }

  /** Deletes the file and its bytes, with an audit entry, in the caller's transaction or its own. */
  async remove(tenant: string, id: string, actor: string, manager?: EntityManager, reason?: string): Promise<AttachmentView> {
    const work = async (tx: EntityManager) => {
      const row = await this.repository.find(tenant, id, tx);
      if (!row || !(await this.repository.delete(tx, tenant, id))) throw notFound(id);
      const attachment = view(row);
      await this.audit.record(tx, { tenant, actor, entityType: AUDIT_ENTITY, entityId: id, action: 'deleted', before: auditSnapshot(attachment), after: null, reason });
      return attachment;
    };
    return manager ? work(manager) : this.repository.transaction(work);
  }

  private async *chunks(attachment: AttachmentView): AsyncGenerator<Buffer> {
    let sent = 0;
    for (let seq = 0; sent < attachment.size; seq++) {
      const chunk = await this.repository.readChunk(attachment.id, seq);
      // A missing chunk would send a short file under a Content-Length promising more: fail the stream instead.
      if (!chunk) throw new Error(`attachment ${attachment.id} is missing chunk ${seq} (${sent} of ${attachment.size} bytes read)`);
      sent += chunk.length;
      yield chunk;
    }
  }
}

function notFound(id: string): HttpException {
  return new NotFoundException(`id: no existe el adjunto ${id}`);
}

function view(row: Attachment): AttachmentView {
  return {
    id: row.id,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    filename: row.filename,
    contentType: row.contentType,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt,
  };
}

/** The file's facts for the audit trail; never its bytes. */
function auditSnapshot(attachment: AttachmentView): object {
  const { ownerType, ownerId, filename, contentType, size, sha256 } = attachment;
  return { ownerType, ownerId, filename, contentType, size, sha256 };
}
