import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { Attachment } from './attachment.entity';

/** The only code that touches the attachment tables. */
@Injectable()
export class AttachmentsRepository extends DatabaseRepository {
  async insertChunk(manager: EntityManager, attachmentId: string, seq: number, data: Buffer): Promise<void> {
    await manager.query(`INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES ($1, $2, $3)`, [attachmentId, seq, data]);
  }

  async insert(manager: EntityManager, attachment: Attachment): Promise<Attachment> {
    return manager.getRepository(Attachment).save(manager.getRepository(Attachment).create(attachment));
  }

  find(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Attachment | null> {
    return manager.getRepository(Attachment).findOneBy({ tenant, id });
  }

  listByOwner(tenant: string, ownerType: string, ownerId: string): Promise<Attachment[]> {
    return this.dataSource.getRepository(Attachment).find({ where: { tenant, ownerType, ownerId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
  }

  /** One chunk of the file, or null past its end. Files never change, so chunks are read without a transaction. */
  async readChunk(attachmentId: string, seq: number): Promise<Buffer | null> {
    const rows: Array<{ data: Buffer }> = await this.dataSource.query(`SELECT data FROM attachment_chunk WHERE attachment_id = $1 AND seq = $2`, [attachmentId, seq]);
    return rows[0]?.data ?? null;
  }

  /** Deletes the row and (by cascade) its chunks; false when no such attachment exists for the tenant. */
  async delete(manager: EntityManager, tenant: string, id: string): Promise<boolean> {
    const result = await manager.getRepository(Attachment).delete({ tenant, id });
    return (result.affected ?? 0) > 0;
  }
}
