/*
 * The Secretaría Particular's front desk in Q3 2025: 1,010 documents (294 designations, 100 answered) turned by
 * oficio to the competent units, and 198 hearing requests (135 in neighbourhood dialogues, 24 with the President,
 * 39 in process). Senders and subjects are invented. Each document carries the demo's own identifier as its
 * external reference (unique in the municipality), so a second run finds it, or is told by a 409 which document
 * has it; hearings are matched by their non-personal fields, as many of each kind as the plan has.
 */
import { ApiClient, ApiError, inBatches, untilReplicated } from './api-client';
import { PlannedHearing, plannedDocuments, plannedHearings, QUARTER } from './data/correspondence-2025-q3';
import { Progress } from './progress';

export const FRONT_DESK_UNIT = '402';

interface StoredDocument {
  id: string;
  externalReference: string | null;
  status: string;
  turns?: { id: string; unitCode: string; status: string }[];
}

export async function loadCorrespondence(
  desk: ApiClient,
  unitHead: (unitCode: string) => ApiClient,
  progress: Progress,
  concurrency: number,
  say: (line: string) => void,
): Promise<void> {
  say('Correspondencia: documentos de la Oficialía de Partes y audiencias');
  const stored = new Map<string, StoredDocument>();
  for (const document of await desk.all<StoredDocument>('/documents', QUARTER)) {
    if (document.externalReference) stored.set(document.externalReference, document);
  }
  const documents = plannedDocuments();
  const documentStep = progress.step('documentos', documents.length);
  await inBatches(documents, concurrency, async (document, index) => {
    const number = String(index + 1).padStart(4, '0');
    const subject = `Documento ${number} del trimestre`;
    const externalReference = `DEMO-OP-2025T3-${number}`;
    let record = stored.get(externalReference);
    let changed = record === undefined;
    const sender = document.type.startsWith('escrito_autoridad_')
      ? { kind: 'autoridad', name: 'Autoridad remitente', organization: 'Dependencia remitente' }
      : { kind: 'ciudadano', name: 'Persona remitente', requesterCategory: 'hombre' };
    record ??= await desk
      .post<StoredDocument>('/documents', {
        receivedAt: document.receivedAt,
        channel: document.channel,
        type: document.type,
        ...(document.authorityLevel ? { authorityLevel: document.authorityLevel } : {}),
        requiresResponse: document.requiresResponse,
        sender,
        subject,
        deskUnitCode: FRONT_DESK_UNIT,
        externalReference,
      })
      .catch((error: unknown) => {
        // Registered meanwhile (e.g. by a run interrupted after the write): the service names the document.
        const existing = error instanceof ApiError && error.status === 409 ? (error.body as { existingDocumentId?: string }).existingDocumentId : undefined;
        if (!existing) throw error;
        changed = false;
        return desk.get<StoredDocument>(`/documents/${existing}`);
      });
    let turn = record.turns?.[0];
    if (turn === undefined) {
      const turned = await untilReplicated(() => desk.post<StoredDocument>(`/documents/${record.id}/turns`, { turns: [{ unitCode: document.unitCode }], turnedAt: document.receivedAt }));
      turn = turned.turns?.[0];
      changed = true;
    }
    if (turn === undefined) throw new Error(`el documento ${subject} no quedó turnado`);
    const unit = unitHead(document.unitCode);
    // Acknowledged and answered a few days later, within the quarter (the report counts answers by their date).
    const later = (days: number) => new Date(Math.min(Date.parse(document.receivedAt) + days * 86_400_000, Date.parse(`${QUARTER.to}T17:00:00-06:00`))).toISOString();
    const done = (...statuses: string[]) => statuses.includes(record.status) || statuses.includes(turn.status);
    if (document.outcome === 'acknowledged' && !done('acusado', 'respondido', 'atendido')) {
      await unit.post(`/documents/${record.id}/acknowledgements`, { turnId: turn.id, acknowledgedAt: later(1) });
      changed = true;
    }
    if (document.outcome === 'answered' && !done('respondido', 'atendido')) {
      await unit.post(`/documents/${record.id}/answers`, { turnId: turn.id, answeredAt: later(5), summary: 'Se atendió la solicitud' });
      changed = true;
    }
    documentStep.record(changed);
  });

  const hearingKey = (h: PlannedHearing) => [h.requestedOn, h.attendedOn, h.outcome, h.requesterCategory, h.groupSize, h.topic].join('|');
  const unmatched = new Map<string, number>();
  for (const hearing of await desk.all<PlannedHearing & { cancelled: boolean }>('/hearings', QUARTER)) {
    if (!hearing.cancelled) unmatched.set(hearingKey(hearing), (unmatched.get(hearingKey(hearing)) ?? 0) + 1);
  }
  const planned = plannedHearings().map((hearing) => {
    const left = unmatched.get(hearingKey(hearing)) ?? 0;
    if (left > 0) unmatched.set(hearingKey(hearing), left - 1);
    return { hearing, exists: left > 0 };
  });
  const hearingStep = progress.step('audiencias', planned.length);
  await inBatches(planned, concurrency, async ({ hearing, exists }, index) => {
    const subject = `Audiencia ${String(index + 1).padStart(3, '0')} del trimestre`;
    if (!exists) await desk.post('/hearings', { unitCode: FRONT_DESK_UNIT, requester: { name: 'Persona solicitante', phone: '951 000 0000' }, subject, ...hearing });
    hearingStep.record(!exists);
  });
}
