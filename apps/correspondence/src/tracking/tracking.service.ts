import { Injectable, NotFoundException } from '@nestjs/common';
import { DOCUMENT_STATUS_LABELS } from '@tequio/contracts';
import { currentTurns, turnView } from '../documents/document-view';
import { DocumentsRepository } from '../documents/documents.repository';
import { hashTrackingCode, trackingCodeMatches } from './tracking-code';
import { TRACKING_NOT_FOUND, TrackDocumentDto } from './tracking.dto';

// Compared against when the folio does not exist, so an unknown folio costs what a wrong code costs.
const NO_DOCUMENT_HASH = hashTrackingCode('no-document');

/** What a citizen may see with the folio and code: status, dates, units and oficio numbers; nothing personal. */
@Injectable()
export class TrackingService {
  constructor(private readonly documents: DocumentsRepository) {}

  async track(dto: TrackDocumentDto) {
    const document = await this.documents.findForTracking(dto.municipality, dto.folio);
    const matches = trackingCodeMatches(dto.code, document?.trackingCodeHash ?? NO_DOCUMENT_HASH);
    // One answer for an unknown folio, another municipality's folio, a cancelled document and a wrong code.
    if (!document || !matches || document.status === 'cancelado') throw new NotFoundException(TRACKING_NOT_FOUND);
    const turns = currentTurns(await this.documents.turnsOf([document.id]));
    const names = await this.documents.unitNames(document.tenant, turns.map((turn) => turn.unitCode));
    const history = await this.documents.history(document.tenant, document.id);
    return {
      folio: document.folio,
      receivedAt: document.receivedAt,
      status: document.status,
      statusLabel: DOCUMENT_STATUS_LABELS[document.status],
      turns: turns.map((turn) => turnView(turn, names, false)),
      // The document's own statuses only: who changed them and why stays inside.
      history: history.filter((line) => line.turnId === null).map((line) => ({ at: line.at, status: line.toStatus })),
    };
  }
}
