import { NotFoundException } from '@nestjs/common';
import { Readable } from 'node:stream';
import { AttachmentsService, OpenedAttachment } from './attachments.service';
import { openOwnedAttachment } from './owned-attachment';

describe('openOwnedAttachment', () => {
  const owner = { type: 'document', id: '3f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10' };
  const stored = (ownerType: string, ownerId: string): OpenedAttachment => ({
    attachment: { id: 'a1', ownerType, ownerId, filename: 'oficio.pdf', contentType: 'application/pdf', size: 3, sha256: 'x', uploadedBy: 'u', uploadedAt: new Date(0) },
    stream: Readable.from([Buffer.from('pdf')]),
  });
  const serving = (opened: OpenedAttachment): Pick<AttachmentsService, 'open'> => ({ open: jest.fn().mockResolvedValue(opened) });

  it("returns the record's own file, stream open", async () => {
    const opened = stored(owner.type, owner.id);
    const attachments = serving(opened);
    await expect(openOwnedAttachment(attachments, 'oaxaca-de-juarez', owner, 'a1')).resolves.toBe(opened);
    expect(attachments.open).toHaveBeenCalledWith('oaxaca-de-juarez', 'a1');
    expect(opened.stream.destroyed).toBe(false);
  });

  it.each([
    ['another record of the same kind', stored(owner.type, 'otro')],
    ['a record of another kind with the same id', stored('hearing', owner.id)],
  ])("answers 404 for %s's file and closes its stream", async (_case, opened) => {
    const refused = openOwnedAttachment(serving(opened), 'oaxaca-de-juarez', owner, 'a1', 'el documento');
    await expect(refused).rejects.toThrow(NotFoundException);
    await expect(refused).rejects.toThrow('attachmentId: el documento no tiene el adjunto a1');
    expect(opened.stream.destroyed).toBe(true);
  });

  it('names the record by its id unless told otherwise', async () => {
    await expect(openOwnedAttachment(serving(stored(owner.type, 'otro')), 't', owner, 'a1')).rejects.toThrow(`attachmentId: el registro ${owner.id} no tiene el adjunto a1`);
  });
});
