import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { CalendarChange, CalendarChangeListeners } from '@tequio/calendar';
import { TequioClaims } from '@tequio/auth';
import {
  calendarDay,
  DEFAULT_MUNICIPAL_TIME_ZONE,
  DocumentAcknowledged,
  DocumentAnswered,
  DocumentCancelled,
  DocumentClosed,
  DocumentOverdue,
  DocumentReassigned,
  DocumentReclassified,
  DocumentRegistered,
  DocumentRescheduled,
  DocumentTurned,
  EventDefinition,
} from '@tequio/contracts';
import { AttachmentsService, AttachmentView, OpenedAttachment, openOwnedAttachment } from '@tequio/attachments';
import { OutboxService } from '@tequio/messaging';
import { AuditTrail } from '@tequio/persistence';
import type { IncomingMessage } from 'node:http';
import { Page, todayInMexico } from '@tequio/platform';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { randomUUID } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';
import { BusinessCalendar } from '../calendar/business-calendar';
import { formatNumber } from '../numbering/number-format';
import { NumberCounterRepository } from '../numbering/number-counter.repository';
import { SettingsService } from '../settings/settings.service';
import { hashTrackingCode, newTrackingCode } from '../tracking/tracking-code';
import {
  AcknowledgeTurnDto,
  AnswerTurnDto,
  CancelDocumentDto,
  CloseTurnDto,
  ListDocumentsQueryDto,
  ReassignTurnDto,
  ReclassifyDocumentDto,
  RegisterDocumentDto,
  TurnDocumentDto,
} from './document.dto';
import { CorrespondenceDocument, DocumentStatusChange, DocumentTurn } from './document.entity';
import { documentConflict, documentRequiresResponse, documentStatus, isOpen, nextTurnStatus, TurnAction } from './document-rules';
import { actsForTurn, currentTurns, documentSnapshot, documentView, isDesk, mayReadPersonalData, readsEverything } from './document-view';
import { DocumentsRepository } from './documents.repository';

type DocumentView = ReturnType<typeof documentView>;
type StatusChange = Omit<DocumentStatusChange, 'id' | 'tenant' | 'documentId' | 'actor' | 'at'> & { at?: Date };

/** What one change did: its event, audit action, status history lines; `null` when there was nothing to change. */
interface ChangeResult {
  event: EventDefinition;
  action: string;
  changes: StatusChange[];
  reason?: string;
}

interface ChangeContext {
  manager: EntityManager;
  document: CorrespondenceDocument;
  turns: DocumentTurn[];
}

const TIME_ZONE = DEFAULT_MUNICIPAL_TIME_ZONE;
const SYSTEM_ACTOR = 'sistema:vencimientos';

/**
 * The front desk: registration with a folio, turns by oficio, acuses, answers, closing, reassignment, overdue.
 * Every change locks the document, bumps its version, and writes the status history, the full non-personal
 * snapshot to the outbox and the audit entry in one transaction (see `change`).
 */
@Injectable()
export class DocumentsService implements OnModuleInit {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly counters: NumberCounterRepository,
    private readonly settings: SettingsService,
    private readonly units: UnitReplicaRepository,
    private readonly calendar: BusinessCalendar,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly calendarChanges: CalendarChangeListeners,
    private readonly attachments: AttachmentsService,
  ) {}

  onModuleInit(): void {
    this.calendarChanges.register((change) => this.reschedule(change));
  }

  async register(user: TequioClaims, dto: RegisterDocumentDto): Promise<DocumentView & { trackingCode: string }> {
    if (!user.units.includes(dto.deskUnitCode) && !user.roles.includes('admin')) {
      throw new ForbiddenException(`deskUnitCode: no puede registrar por la Oficialía de Partes de la unidad ${dto.deskUnitCode}`);
    }
    await this.requireUnit('deskUnitCode', user.tenant, dto.deskUnitCode);
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : new Date();
    if (receivedAt.getTime() > Date.now() + 60_000) throw new BadRequestException('receivedAt: no puede ser una fecha futura');
    const externalReference = dto.externalReference ?? null;
    if (externalReference !== null) await this.refuseTakenReference(user.tenant, externalReference);
    const settings = await this.settings.current(user.tenant);
    const year = Number(calendarDay(receivedAt, TIME_ZONE).slice(0, 4));
    const trackingCode = newTrackingCode();
    const view = await this.documents.transaction(async (manager) => {
      const sequenceNumber = await this.counters.next(manager, user.tenant, 'folio', year);
      const document = Object.assign(new CorrespondenceDocument(), {
        id: randomUUID(),
        tenant: user.tenant,
        folio: formatNumber(settings.folioFormat, year, sequenceNumber),
        year,
        sequenceNumber,
        receivedAt,
        channel: dto.channel,
        type: dto.type,
        authorityLevel: dto.authorityLevel ?? null,
        senderKind: dto.sender.kind,
        requesterCategory: dto.sender.kind === 'ciudadano' ? (dto.sender.requesterCategory ?? null) : null,
        senderName: dto.sender.name,
        senderOrganization: dto.sender.organization ?? null,
        senderEmail: dto.sender.email ?? null,
        senderPhone: dto.sender.phone ?? null,
        senderAddress: dto.sender.address ?? null,
        subject: dto.subject,
        summary: dto.summary ?? null,
        deskUnitCode: dto.deskUnitCode,
        registeredRequiresResponse: dto.requiresResponse,
        requiresResponse: dto.requiresResponse,
        status: 'registrado',
        turnedUnitCodes: [],
        trackingCodeHash: hashTrackingCode(trackingCode),
        cancelReason: null,
        externalReference,
        version: 1,
      } satisfies Omit<CorrespondenceDocument, 'createdAt' | 'updatedAt'>);
      await this.documents.insertDocument(manager, document);
      await this.documents.addStatusChanges(manager, [
        { tenant: user.tenant, documentId: document.id, turnId: null, unitCode: null, fromStatus: null, toStatus: 'registrado', at: receivedAt, actor: user.sub, reason: null },
      ]);
      await this.outbox.publish(manager, DocumentRegistered, { subject: document.id, tenant: user.tenant, data: documentSnapshot(document, []) });
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'document',
        entityId: document.id,
        action: 'registered',
        after: documentSnapshot(document, []),
      });
      return documentView(document, [], new Map(), true);
    }).catch(async (error: unknown) => {
      // Two registrations with the same reference at once: the unique index stops the second one.
      if (externalReference !== null && isUniqueViolation(error, EXTERNAL_REFERENCE_INDEX)) await this.refuseTakenReference(user.tenant, externalReference);
      throw error;
    });
    return { ...view, trackingCode };
  }

  /** 409 naming the field and the document that already carries the reference (so an importer can link to it). */
  private async refuseTakenReference(tenant: string, externalReference: string): Promise<void> {
    const existing = await this.documents.findByExternalReference(tenant, externalReference);
    if (!existing) return;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `externalReference: el documento ${existing.folio} (${existing.id}) ya tiene la referencia externa ${externalReference}`,
      field: 'externalReference',
      existingDocumentId: existing.id,
    });
  }

  async get(user: TequioClaims, id: string): Promise<DocumentView> {
    const document = await this.documents.find(user.tenant, id);
    if (!document) throw notFound(id);
    const turns = await this.documents.turnsOf([id]);
    const personal = mayReadPersonalData(user, document, turns);
    if (!personal && !readsEverything(user)) throw new ForbiddenException(`documentId: el documento ${document.folio} no fue turnado a sus unidades`);
    return documentView(document, turns, await this.documents.unitNames(user.tenant, turns.map((t) => t.unitCode)), personal);
  }

  async history(user: TequioClaims, id: string) {
    await this.get(user, id);
    const rows = await this.documents.history(user.tenant, id);
    return {
      items: rows.map((row) => ({
        at: row.at,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        turnId: row.turnId,
        unitCode: row.unitCode,
        actor: row.actor,
        reason: row.reason,
      })),
    };
  }

  /** Scans of the letter, annexes, the unit's answer: for the desk and the units it was turned to. */
  async attach(user: TequioClaims, id: string, request: IncomingMessage): Promise<{ attachments: AttachmentView[] }> {
    const { document } = await this.requireHandler(user, id);
    if (document.status === 'cancelado') throw documentConflict(document.status, 'adjuntar archivos a');
    const { attachments } = await this.attachments.receive(request, { tenant: user.tenant, owner: documentOwner(id), uploadedBy: user.sub });
    return { attachments };
  }

  async listAttachments(user: TequioClaims, id: string): Promise<{ items: AttachmentView[] }> {
    await this.requireHandler(user, id);
    return { items: await this.attachments.list(user.tenant, documentOwner(id)) };
  }

  /** A file of the document (its bytes may hold personal data: the read is audited). */
  async openAttachment(user: TequioClaims, id: string, attachmentId: string): Promise<OpenedAttachment> {
    await this.requireHandler(user, id);
    const opened = await openOwnedAttachment(this.attachments, user.tenant, documentOwner(id), attachmentId, 'el documento');
    await this.documents.transaction((manager) =>
      this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'document', entityId: id, action: 'attachment_read', after: { attachmentId } }),
    );
    return opened;
  }

  /** The document, for the desk or a unit it is currently turned to; 404 or 403 otherwise. */
  private async requireHandler(user: TequioClaims, id: string): Promise<{ document: CorrespondenceDocument; turns: DocumentTurn[] }> {
    const document = await this.documents.find(user.tenant, id);
    if (!document) throw notFound(id);
    const turns = await this.documents.turnsOf([id]);
    if (!mayReadPersonalData(user, document, turns)) throw new ForbiddenException(`documentId: el documento ${document.folio} no fue turnado a sus unidades`);
    return { document, turns };
  }

  /** Lists never carry personal data: one page of ids, codes, enums and dates. */
  async list(user: TequioClaims, query: ListDocumentsQueryDto): Promise<Page<DocumentView> & { totalCapped: boolean }> {
    const { items, total, totalCapped } = await this.documents.list({
      ...query,
      tenant: user.tenant,
      timeZone: TIME_ZONE,
      visibleToUnits: readsEverything(user) ? undefined : user.units,
    });
    const turns = await this.documents.turnsOf(items.map((item) => item.id));
    const names = await this.documents.unitNames(user.tenant, [...new Set(turns.map((turn) => turn.unitCode))]);
    return {
      items: items.map((item) => documentView(item, turns.filter((turn) => turn.documentId === item.id), names, false)),
      total,
      totalCapped,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async turn(user: TequioClaims, id: string, dto: TurnDocumentDto): Promise<DocumentView> {
    const codes = dto.turns.map((turn) => turn.unitCode);
    codes.forEach((code, index) => {
      if (codes.indexOf(code) !== index) throw new BadRequestException(`turns.${index}.unitCode: la unidad ${code} está repetida`);
    });
    await Promise.all(codes.map((code, index) => this.requireUnit(`turns.${index}.unitCode`, user.tenant, code)));
    const turnedAt = dto.turnedAt ? new Date(dto.turnedAt) : new Date();
    const settings = await this.settings.current(user.tenant);
    const days = dto.responseBusinessDays ?? settings.responseBusinessDays;
    return this.change(user, id, async ({ manager, document, turns }) => {
      requireDesk(user, document);
      if (document.status === 'cancelado' || document.status === 'respondido' || document.status === 'concluido_sin_respuesta') {
        throw documentConflict(document.status, 'turnar');
      }
      if (turnedAt < document.receivedAt) throw new BadRequestException('turnedAt: no puede ser anterior a la recepción del documento');
      const changes: StatusChange[] = [];
      for (const [index, requested] of dto.turns.entries()) {
        if (currentTurns(turns).some((turn) => turn.unitCode === requested.unitCode && isOpen(turn.status))) {
          throw documentConflict(document.status, `volver a turnar a la unidad ${requested.unitCode} (turns.${index}.unitCode)`);
        }
        const turn = await this.newTurn(manager, document, requested.unitCode, requested.requiresResponse ?? document.registeredRequiresResponse, turnedAt, days);
        turn.instructions = requested.instructions ?? null;
        turns.push(turn);
        changes.push({ turnId: turn.id, unitCode: turn.unitCode, fromStatus: null, toStatus: 'turnado', reason: null, at: turnedAt });
      }
      return { event: DocumentTurned, action: 'turned', changes };
    });
  }

  acknowledge(user: TequioClaims, id: string, dto: AcknowledgeTurnDto): Promise<DocumentView> {
    return this.onTurn(user, id, dto.turnId, 'acknowledge', (turn) => {
      turn.acknowledgedAt = atOrNow(dto.acknowledgedAt, turn.turnedAt, 'acknowledgedAt');
      return { event: DocumentAcknowledged, action: 'acknowledged' };
    });
  }

  async answer(user: TequioClaims, id: string, dto: AnswerTurnDto): Promise<DocumentView> {
    const attachmentIds = [...new Set(dto.attachmentIds ?? [])];
    const attached = new Set((await this.attachments.list(user.tenant, documentOwner(id))).map((attachment) => attachment.id));
    attachmentIds.forEach((attachmentId, index) => {
      if (!attached.has(attachmentId)) throw new BadRequestException(`attachmentIds.${index}: el adjunto ${attachmentId} no pertenece al documento`);
    });
    return this.onTurn(user, id, dto.turnId, 'answer', (turn) => {
      turn.answeredAt = atOrNow(dto.answeredAt, turn.turnedAt, 'answeredAt');
      turn.answerSummary = dto.summary;
      turn.answerAttachmentIds = attachmentIds;
      return { event: DocumentAnswered, action: 'answered' };
    });
  }

  close(user: TequioClaims, id: string, dto: CloseTurnDto): Promise<DocumentView> {
    return this.onTurn(user, id, dto.turnId, 'close', (turn) => {
      if (turn.requiresResponse && !dto.reason) {
        throw new BadRequestException('reason: obligatorio para concluir sin respuesta un turno que requería respuesta');
      }
      turn.closedAt = atOrNow(dto.closedAt, turn.turnedAt, 'closedAt');
      turn.closeReason = dto.reason ?? null;
      return { event: DocumentClosed, action: 'closed', reason: dto.reason ?? undefined };
    });
  }

  async reassign(user: TequioClaims, id: string, dto: ReassignTurnDto): Promise<DocumentView> {
    await this.requireUnit('unitCode', user.tenant, dto.unitCode);
    const settings = await this.settings.current(user.tenant);
    return this.change(user, id, async ({ manager, document, turns }) => {
      requireDesk(user, document);
      const old = findTurn(turns, dto.turnId);
      const turnedAt = atOrNow(dto.turnedAt, old.turnedAt, 'turnedAt');
      if (old.unitCode === dto.unitCode) throw new BadRequestException(`unitCode: el turno ya está en la unidad ${dto.unitCode}`);
      const from = old.status;
      old.status = nextTurnStatus(old, 'reassign');
      old.reassignReason = dto.reason;
      const turn = await this.newTurn(manager, document, dto.unitCode, dto.requiresResponse ?? old.requiresResponse, turnedAt, settings.responseBusinessDays);
      turns.push(turn);
      return {
        event: DocumentReassigned,
        action: 'reassigned',
        reason: dto.reason,
        changes: [
          { turnId: old.id, unitCode: old.unitCode, fromStatus: from, toStatus: 'reasignado', reason: dto.reason },
          { turnId: turn.id, unitCode: turn.unitCode, fromStatus: null, toStatus: 'turnado', reason: dto.reason, at: turnedAt },
        ],
      };
    });
  }

  cancel(user: TequioClaims, id: string, dto: CancelDocumentDto): Promise<DocumentView> {
    return this.change(user, id, async ({ document, turns }) => {
      requireDesk(user, document);
      if (document.status === 'cancelado' || turns.some((turn) => turn.status === 'respondido')) throw documentConflict(document.status, 'cancelar');
      document.cancelReason = dto.reason;
      return { event: DocumentCancelled, action: 'cancelled', reason: dto.reason, changes: [] };
    });
  }

  reclassify(user: TequioClaims, id: string, dto: ReclassifyDocumentDto): Promise<DocumentView> {
    return this.change(user, id, async ({ document, turns }) => {
      requireDesk(user, document);
      if (document.status === 'cancelado') throw documentConflict(document.status, 'reclasificar');
      const type = dto.type ?? document.type;
      const authorityLevel = dto.authorityLevel !== undefined ? dto.authorityLevel : type.startsWith('escrito_autoridad_') ? document.authorityLevel : null;
      if (type.startsWith('escrito_autoridad_') !== (authorityLevel !== null)) {
        throw new BadRequestException(
          type.startsWith('escrito_autoridad_') ? 'authorityLevel: obligatorio en escritos de autoridad' : 'authorityLevel: solo aplica a escritos de autoridad',
        );
      }
      if (dto.requesterCategory && document.senderKind !== 'ciudadano') throw new BadRequestException('requesterCategory: solo aplica a ciudadanos');
      if (dto.requiresResponse !== undefined && currentTurns(turns).length > 0) {
        throw new BadRequestException('requiresResponse: el documento ya fue turnado; se decide en cada turno (concluir sin respuesta o reasignar)');
      }
      Object.assign(document, { type, authorityLevel });
      if (dto.channel) document.channel = dto.channel;
      if (dto.requesterCategory !== undefined) document.requesterCategory = dto.requesterCategory;
      if (dto.requiresResponse !== undefined) document.registeredRequiresResponse = dto.requiresResponse;
      return { event: DocumentReclassified, action: 'reclassified', changes: [] };
    });
  }

  /**
   * Marks late turns as vencido. Safe with several replicas: each document is changed under its row lock and the
   * rule is checked again there, so a document another replica already marked is left alone (no second event).
   */
  async markOverdue(today: string = todayInMexico(), batch = 500): Promise<number> {
    let marked = 0;
    for (const { tenant, documentId } of await this.documents.overdueCandidates(today, batch)) {
      const system: TequioClaims = { sub: SYSTEM_ACTOR, tenant, roles: ['admin'], units: [] };
      const changed = await this.changeIfNeeded(system, documentId, async ({ document, turns }) => {
        if (document.status === 'cancelado') return null;
        const changes: StatusChange[] = [];
        for (const turn of turns) {
          if ((turn.status === 'turnado' || turn.status === 'acusado') && turn.requiresResponse && turn.dueOn !== null && turn.dueOn < today) {
            changes.push({ turnId: turn.id, unitCode: turn.unitCode, fromStatus: turn.status, toStatus: 'vencido', reason: `Venció el ${turn.dueOn}` });
            turn.status = nextTurnStatus(turn, 'overdue');
          }
        }
        return changes.length > 0 ? { event: DocumentOverdue, action: 'overdue', changes } : null;
      });
      if (changed) marked += 1;
    }
    return marked;
  }

  /**
   * A municipality's calendar changed: recompute the due dates of its open turns (not yet overdue) turned in that
   * year or the one before, in the transaction that stores the new calendar.
   */
  private async reschedule(change: CalendarChange): Promise<void> {
    const settings = await this.settings.current(change.tenant);
    const system: TequioClaims = { sub: 'sistema:calendario', tenant: change.tenant, roles: ['admin'], units: [] };
    for (const documentId of await this.documents.withOpenTurnsTurnedIn(change.manager, change.tenant, change.year - 1, change.year, TIME_ZONE)) {
      await this.changeIfNeeded(
        system,
        documentId,
        async ({ manager, turns }) => {
          let moved = false;
          for (const turn of turns) {
            if ((turn.status !== 'turnado' && turn.status !== 'acusado') || !turn.requiresResponse || turn.dueOn === null) continue;
            const dueOn = await this.calendar.addBusinessDays(change.tenant, calendarDay(turn.turnedAt, TIME_ZONE), turn.responseBusinessDays ?? settings.responseBusinessDays, manager);
            if (dueOn !== turn.dueOn) {
              turn.dueOn = dueOn;
              moved = true;
            }
          }
          return moved ? { event: DocumentRescheduled, action: 'rescheduled', changes: [] } : null;
        },
        change.manager,
      );
    }
  }

  private onTurn(
    user: TequioClaims,
    id: string,
    turnId: string,
    action: Exclude<TurnAction, 'reassign' | 'overdue'>,
    apply: (turn: DocumentTurn) => Omit<ChangeResult, 'changes'>,
  ): Promise<DocumentView> {
    return this.change(user, id, async ({ document, turns }) => {
      if (document.status === 'cancelado') throw documentConflict(document.status, 'actuar sobre');
      if (currentTurns(turns).length === 0) throw documentConflict(document.status, 'registrar acuse, respuesta o conclusión de');
      const turn = findTurn(turns, turnId);
      // A reassigned turn is no longer its old unit's business.
      const ownTurn = turn.status !== 'reasignado' && actsForTurn(user, turn);
      if (!isDesk(user, document) && !ownTurn) throw new ForbiddenException(`No puede actuar por la unidad ${turn.unitCode}`);
      const from = turn.status;
      const to = nextTurnStatus(turn, action);
      const result = apply(turn);
      turn.status = to;
      return { ...result, changes: from === to ? [] : [{ turnId: turn.id, unitCode: turn.unitCode, fromStatus: from, toStatus: to, reason: result.reason ?? null }] };
    });
  }

  /**
   * The one write path for an existing document: lock, load, apply, derive status, bump version, save, history,
   * outbox, audit. Kept in one place so it can be swapped for the platform's shared write helper.
   */
  private async change(user: TequioClaims, id: string, apply: (context: ChangeContext) => Promise<ChangeResult>): Promise<DocumentView> {
    const view = await this.changeIfNeeded(user, id, apply);
    if (!view) throw new Error('a change that always applies returned nothing');
    return view;
  }

  /** Like `change`, but `apply` may find nothing to do (null): then nothing is written. */
  private async changeIfNeeded(
    user: TequioClaims,
    id: string,
    apply: (context: ChangeContext) => Promise<ChangeResult | null>,
    outer?: EntityManager,
  ): Promise<DocumentView | null> {
    const work = async (manager: EntityManager): Promise<DocumentView | null> => {
      const document = await this.documents.lock(manager, user.tenant, id);
      if (!document) throw notFound(id);
      const turns = await this.documents.turnsOf([id], manager);
      const before = documentSnapshot(document, turns.map((turn) => ({ ...turn })));
      const result = await apply({ manager, document, turns });
      if (!result) return null;
      const previousStatus = document.status;
      document.status = documentStatus(previousStatus === 'cancelado' || result.event === DocumentCancelled, turns);
      document.requiresResponse = documentRequiresResponse(document.registeredRequiresResponse, turns);
      document.turnedUnitCodes = [...new Set(currentTurns(turns).map((turn) => turn.unitCode))];
      document.version += 1;
      await this.documents.updateDocument(manager, document);
      await this.documents.saveTurns(manager, turns);
      const now = new Date();
      const lines = result.changes.map((change) => ({ ...change, at: change.at ?? now, tenant: user.tenant, documentId: id, actor: user.sub }));
      if (document.status !== previousStatus) {
        lines.push({ tenant: user.tenant, documentId: id, turnId: null, unitCode: null, fromStatus: previousStatus, toStatus: document.status, at: now, actor: user.sub, reason: result.reason ?? null });
      }
      await this.documents.addStatusChanges(manager, lines);
      const snapshot = documentSnapshot(document, turns);
      await this.outbox.publish(manager, result.event, { subject: id, tenant: user.tenant, data: snapshot });
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'document', entityId: id, action: result.action, before, after: snapshot, reason: result.reason });
      const names = await this.documents.unitNames(user.tenant, turns.map((turn) => turn.unitCode));
      return documentView(document, turns, names, mayReadPersonalData(user, document, turns));
    };
    return outer ? work(outer) : this.documents.transaction(work);
  }

  private async newTurn(
    manager: EntityManager,
    document: CorrespondenceDocument,
    unitCode: string,
    requiresResponse: boolean,
    turnedAt: Date,
    responseDays: number,
  ): Promise<DocumentTurn> {
    const settings = await this.settings.current(document.tenant);
    const day = calendarDay(turnedAt, TIME_ZONE);
    const year = Number(day.slice(0, 4));
    const sequence = await this.counters.next(manager, document.tenant, 'oficio', year);
    return Object.assign(new DocumentTurn(), {
      id: randomUUID(),
      tenant: document.tenant,
      documentId: document.id,
      unitCode,
      oficioNumber: formatNumber(settings.oficioFormat, year, sequence),
      requiresResponse,
      turnedAt,
      responseBusinessDays: requiresResponse ? responseDays : null,
      dueOn: requiresResponse ? await this.calendar.addBusinessDays(document.tenant, day, responseDays, manager) : null,
      status: 'turnado' as const,
      instructions: null,
      acknowledgedAt: null,
      answeredAt: null,
      answerSummary: null,
      answerAttachmentIds: [],
      closedAt: null,
      closeReason: null,
      reassignReason: null,
    });
  }

  /** A unit code must name a unit of the catalog (replicated here) that still operates. */
  private async requireUnit(field: string, tenant: string, code: string): Promise<void> {
    const unit = await this.units.findByCode(tenant, code);
    if (!unit) throw new BadRequestException(`${field}: la unidad ${code} no existe en el catálogo del municipio`);
    if (unit.activeTo !== null && unit.activeTo < todayInMexico()) {
      throw new BadRequestException(`${field}: la unidad ${code} dejó de operar el ${unit.activeTo}`);
    }
  }
}

function documentOwner(id: string) {
  return { type: 'correspondence.document', id };
}

const EXTERNAL_REFERENCE_INDEX = 'document_tenant_external_reference_key';

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`documentId: no existe el documento ${id} en su municipio`);
}

function requireDesk(user: TequioClaims, document: CorrespondenceDocument): void {
  if (!isDesk(user, document)) throw new ForbiddenException(`Solo la Oficialía de Partes de la unidad ${document.deskUnitCode} puede hacerlo`);
}

function findTurn(turns: DocumentTurn[], turnId: string): DocumentTurn {
  const turn = turns.find((candidate) => candidate.id === turnId);
  if (!turn) throw new NotFoundException(`turnId: el documento no tiene el turno ${turnId}`);
  return turn;
}

/** The given instant (not before the turn, not in the future) or now. */
function atOrNow(value: string | undefined, notBefore: Date, field: string): Date {
  const at = value ? new Date(value) : new Date();
  if (at < notBefore) throw new BadRequestException(`${field}: no puede ser anterior al turno (${notBefore.toISOString()})`);
  if (at.getTime() > Date.now() + 60_000) throw new BadRequestException(`${field}: no puede ser una fecha futura`);
  return at;
}
