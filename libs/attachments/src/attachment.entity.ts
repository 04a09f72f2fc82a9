import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The metadata of a stored file; its bytes live in `attachment_chunk`, in order. */
@Entity({ name: 'attachment' })
@Index('attachment_owner_idx', ['tenant', 'ownerType', 'ownerId'])
export class Attachment {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tenant: string;

  /** What the file belongs to, e.g. `correspondence.document`; the owning feature decides who may see it. */
  @Column('text', { name: 'owner_type' })
  ownerType: string;

  @Column('text', { name: 'owner_id' })
  ownerId: string;

  @Column('text')
  filename: string;

  /** Detected from the bytes, never the one the client declared. */
  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('bigint', { transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  size: number;

  @Column('text')
  sha256: string;

  @Column('text', { name: 'uploaded_by' })
  uploadedBy: string;

  @Column('timestamptz', { name: 'uploaded_at', default: () => 'now()' })
  uploadedAt: Date;
}
