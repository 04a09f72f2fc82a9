import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { canActForUnit, TequioClaims } from '@tequio/auth';
import { MunicipalCalendar, yearOf } from '@tequio/calendar';
import { calendarDay, TransparencyRequestChanged, TransparencyRequestRegistered, TransparencyRequestDueDatesRecomputed } from '@tequio/contracts';
import { Page } from '@tequio/platform';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { FILE_OWNERS, FileTarget } from '../common/record-files';
import { OficioTurn } from '../common/oficio-turn.entity';
import { DeadlineCalendar } from '../deadlines/deadline-calendar';
import {
  appealWindowEnd,
  businessDaysLeft,
  clarificationRefusal,
  clarificationReplyRefusal,
  extensionRefusal,
  schedule,
  Terms,
} from '../deadlines/deadline-engine';
import { TransparencySettings } from '../settings/settings.entity';
import { isTransparencyStaff, SettingsService } from '../settings/settings.service';
import {
  AnswerRequestDto,
  AnswerTurnDto,
  CancelDto,
  ClarificationDto,
  ClarificationReplyDto,
  ExtensionDto,
  IdentityVerificationDto,
  ListRequestsQueryDto,
  ListTurnsQueryDto,
  RegisterRequestDto,
  TurnRequestDto,
} from './request.dto';
import { TransparencyRequest } from './request.entity';
import { applySchedule, auditSnapshot, requestSnapshot, timelineOf, turnSnapshot } from './request-snapshot';
import { REQUEST_STATUS_LABELS, RequestAction, requireAllowed, statusAfterReply } from './request-status';
import { DueDateMove, RequestsRepository } from './requests.repository';

interface ChangeContext {
  manager: EntityManager;
  request: TransparencyRequest;
  turns: OficioTurn[];
  settings: TransparencySettings;
  terms: Terms;
  calendar: MunicipalCalendar;
  today: string;
}

type RequestView = ReturnType<typeof view>;

/** Access and ARCO requests: registration, turns by oficio, deadlines, final answer; every change audited and published. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly requests: RequestsRepository,
    private readonly settingsService: SettingsService,
    private readonly calendars: DeadlineCalendar,
    private readonly units: UnitReplicaRepository,
    private readonly changes: ChangeRecorder,
  ) {}

  async register(user: TequioClaims, dto: RegisterRequestDto): Promise<RequestView> {
    const settings = await this.settingsService.requireStaff(user);
    const receivedAt = new Date(dto.receivedAt);
    if (receivedAt.getTime() > Date.now() + 60_000) throw new BadRequestException('receivedAt: no puede ser futura');
    return this.requests.transaction(async (manager) => {
      const existing = await this.requests.findByFolio(manager, user.tenant, dto.folio);
      if (existing) throw new ConflictException(`folio: ya está registrada la solicitud con folio ${dto.folio}`);
      const request = Object.assign(new TransparencyRequest(), {
        id: randomUUID(),
        tenant: user.tenant,
        folio: dto.folio,
        kind: dto.kind,
        arcoRight: dto.arcoRight ?? null,
        unitCode: settings.unitCode,
        channel: dto.channel,
        requesterCategory: dto.requesterCategory,
        requesterName: dto.requesterName ?? null,
        requesterContact: dto.requesterContact ?? null,
        informationRequested: dto.informationRequested,
        receivedAt,
        status: 'recibida',
        extensionRequestedOn: null,
        extensionDays: null,
        extensionReason: null,
        clarificationRequestedOn: null,
        clarificationRepliedOn: null,
        identityVerifiedOn: null,
        answerType: null,
        answeredOn: null,
        overdue: false,
        late: false,
        dueSoonNotifiedFor: null,
        version: 1,
      } satisfies Partial<TransparencyRequest>);
      const calendar = await this.calendars.around(user.tenant, receivedAt.getUTCFullYear(), manager);
      applySchedule(request, calendar, settings.terms[request.kind]);
      const saved = await this.requests.save(manager, request);
      await this.requests.recordStatus(manager, { requestId: saved.id, fromStatus: null, toStatus: 'recibida', actor: user.sub, note: null });
      await this.changes.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'transparency_request',
        entityId: saved.id,
        action: 'registered',
        before: null,
        after: auditSnapshot(saved, []),
        event: TransparencyRequestRegistered,
        data: requestSnapshot(saved, []),
      });
      return view(saved, []);
    });
  }

  async list(user: TequioClaims, query: ListRequestsQueryDto): Promise<Page<RequestView>> {
    await this.settingsService.requireStaff(user);
    const { items, total } = await this.requests.list({
      ...query,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      tenant: user.tenant,
    });
    const turns = await this.requests.turnsOf(items.map((item) => item.id));
    return { items: items.map((item) => view(item, turns.filter((turn) => turn.parentId === item.id))), total, limit: query.limit, offset: query.offset };
  }

  async get(user: TequioClaims, id: string): Promise<RequestView> {
    await this.settingsService.requireStaff(user);
    const request = await this.require(user.tenant, id);
    return view(request, await this.requests.turnsOf([id]));
  }

  /** Every due date of the request and why: the days skipped (weekend, holiday name, clock stopped). */
  async deadlines(user: TequioClaims, id: string) {
    const settings = await this.settingsService.requireStaff(user);
    const request = await this.require(user.tenant, id);
    const terms = settings.terms[request.kind];
    const calendar = await this.calendars.around(user.tenant, yearOf(request.receiptDate));
    const { current } = applySchedule(request, calendar, terms, true);
    const today = todayOf(calendar, request.receiptDate);
    return {
      ...current,
      appealWindowEnd: request.status === 'respondida' || request.overdue ? appealWindowEnd(request.answeredOn, current, calendar, terms) : null,
      businessDaysLeft: request.status === 'respondida' ? null : businessDaysLeft(current, today, calendar),
      terms,
    };
  }

  /** The requester's personal data: transparency staff only (the route's @PersonalData audits every read). */
  async requester(user: TequioClaims, id: string) {
    await this.settingsService.requireStaff(user);
    const request = await this.require(user.tenant, id);
    return { id, folio: request.folio, requesterName: request.requesterName, requesterContact: request.requesterContact, requesterCategory: request.requesterCategory };
  }

  async history(user: TequioClaims, id: string) {
    await this.settingsService.requireStaff(user);
    await this.require(user.tenant, id);
    const rows = await this.requests.history(id);
    return rows.map((row) => ({ from: row.fromStatus, to: row.toStatus, toLabel: REQUEST_STATUS_LABELS[row.toStatus], actor: row.actor, note: row.note, at: row.at }));
  }

  async turn(user: TequioClaims, id: string, dto: TurnRequestDto): Promise<RequestView> {
    // Checked before the transaction: a connection held while waiting for another could starve the pool.
    await this.requireUnit(user.tenant, dto.unitCode, dto.turnedOn ?? calendarDay(new Date()));
    return this.change(user, id, 'turn', async ({ manager, request, turns, settings, today }) => {
      const turnedOn = dto.turnedOn ?? today;
      requireWithin('turnedOn', turnedOn, request, today);
      const turn = Object.assign(new OficioTurn(), {
        id: randomUUID(),
        tenant: user.tenant,
        procedure: 'solicitud',
        parentId: request.id,
        unitCode: dto.unitCode,
        oficioNumber: await this.settingsService.nextOficio(manager, settings, yearOf(turnedOn)),
        turnedOn,
        answerOficioNumber: null,
        answeredOn: null,
      });
      turns.push(await this.requests.saveTurn(manager, turn));
      if (request.status === 'recibida') request.status = 'turnada';
      return { action: 'turned', note: `${turn.oficioNumber} → ${dto.unitCode}` };
    });
  }

  /** A unit's answer oficio to a turn: users of that unit, or transparency staff. */
  async answerTurn(user: TequioClaims, turnId: string, dto: AnswerTurnDto): Promise<RequestView> {
    const turn = await this.requests.findTurn(user.tenant, turnId);
    if (!turn || turn.procedure !== 'solicitud') throw new NotFoundException(`turnId: no existe el turno ${turnId}`);
    await this.requireTurnAccess(user, turn);
    return this.change(
      user,
      turn.parentId,
      'answer_turn',
      async ({ manager, turns, today }) => {
        const locked = turns.find((candidate) => candidate.id === turnId) as OficioTurn;
        if (locked.answeredOn) throw new ConflictException(`turnId: el área ya respondió el ${locked.answeredOn} con el oficio ${locked.answerOficioNumber}`);
        const answeredOn = dto.answeredOn ?? today;
        if (answeredOn < locked.turnedOn) throw new BadRequestException(`answeredOn: no puede ser anterior al oficio de turno (${locked.turnedOn})`);
        if (answeredOn > today) throw new BadRequestException(`answeredOn: no puede ser futura (hoy es ${today})`);
        locked.answerOficioNumber = dto.answerOficioNumber;
        locked.answeredOn = answeredOn;
        await this.requests.saveTurn(manager, locked);
        return { action: 'turn_answered', note: `${dto.answerOficioNumber} (${locked.unitCode})` };
      },
      { staffOnly: false },
    );
  }

  async listTurns(user: TequioClaims, query: ListTurnsQueryDto) {
    const settings = await this.settingsService.forTenant(user.tenant);
    const staff = isTransparencyStaff(user, settings);
    if (query.unitCode && !staff && !canActForUnit(user, query.unitCode)) {
      throw new ForbiddenException(`unitCode: solo puede ver los turnos de sus unidades (${user.units.join(', ') || 'ninguna'})`);
    }
    const unitCodes = query.unitCode ? [query.unitCode] : staff ? undefined : user.units;
    const { items, total } = await this.requests.listTurns({
      tenant: user.tenant,
      unitCodes,
      answered: query.answered === undefined ? undefined : query.answered === 'true',
      limit: query.limit,
      offset: query.offset,
    });
    const parents = new Map((await this.requests.requestsById(user.tenant, [...new Set(items.map((turn) => turn.parentId))])).map((r) => [r.id, r]));
    return { items: items.map((turn) => turnView(turn, parents.get(turn.parentId))), total, limit: query.limit, offset: query.offset };
  }

  async getTurn(user: TequioClaims, turnId: string) {
    const turn = await this.requests.findTurn(user.tenant, turnId);
    if (!turn) throw new NotFoundException(`turnId: no existe el turno ${turnId}`);
    await this.requireTurnAccess(user, turn);
    const [parent] = await this.requests.requestsById(user.tenant, [turn.parentId]);
    return turnView(turn, parent);
  }

  /**
   * The files of a unit's answer oficio: users of the turn's unit or transparency staff (403 for another unit, as for the
   * turn itself). Files are added once the answer oficio is recorded, while the request is not cancelled.
   */
  async turnAnswerFiles(user: TequioClaims, turnId: string, purpose: 'read' | 'upload'): Promise<FileTarget> {
    const turn = await this.requests.findTurn(user.tenant, turnId);
    if (!turn || turn.procedure !== 'solicitud') throw new NotFoundException(`turnId: no existe el turno ${turnId}`);
    await this.requireTurnAccess(user, turn);
    if (purpose === 'upload') {
      if (!turn.answeredOn) throw new ConflictException(`turnId: el área aún no registra su oficio de respuesta al turno ${turn.oficioNumber}; regístrelo y luego adjunte el archivo`);
      requireAllowed((await this.require(user.tenant, turn.parentId)).status, 'attach_turn_answer');
    }
    return { owner: { type: FILE_OWNERS.turnAnswer, id: turn.id }, entityType: 'transparency_request', entityId: turn.parentId };
  }

  /** The files of the final answer (they go to the requester and may hold personal data): transparency staff only, once answered. */
  async answerFiles(user: TequioClaims, id: string, purpose: 'read' | 'upload'): Promise<FileTarget> {
    await this.settingsService.requireStaff(user);
    const request = await this.require(user.tenant, id);
    if (purpose === 'upload') requireAllowed(request.status, 'attach_answer');
    return { owner: { type: FILE_OWNERS.requestAnswer, id }, entityType: 'transparency_request', entityId: id };
  }

  extend(user: TequioClaims, id: string, dto: ExtensionDto): Promise<RequestView> {
    return this.change(user, id, 'extend', async ({ request, calendar, terms, today }) => {
      const requestedOn = dto.requestedOn ?? today;
      requireWithin('requestedOn', requestedOn, request, today);
      refuse(extensionRefusal(timelineOf(request), { requestedOn, days: dto.days }, calendar, terms));
      request.extensionRequestedOn = requestedOn;
      request.extensionDays = dto.days;
      request.extensionReason = dto.reason;
      return { action: 'extended', note: `${dto.days} días hábiles`, reason: dto.reason };
    });
  }

  clarify(user: TequioClaims, id: string, dto: ClarificationDto): Promise<RequestView> {
    return this.change(user, id, 'clarify', async ({ request, calendar, terms, today }) => {
      const requestedOn = dto.requestedOn ?? today;
      requireWithin('requestedOn', requestedOn, request, today);
      refuse(clarificationRefusal(timelineOf(request), requestedOn, calendar, terms));
      request.clarificationRequestedOn = requestedOn;
      request.status = 'en_prevencion';
      return { action: 'clarification_requested' };
    });
  }

  replyClarification(user: TequioClaims, id: string, dto: ClarificationReplyDto): Promise<RequestView> {
    return this.change(user, id, 'reply_clarification', async ({ request, turns, calendar, terms, today }) => {
      const repliedOn = dto.repliedOn ?? today;
      if (repliedOn > today) throw new BadRequestException(`repliedOn: no puede ser futura (hoy es ${today})`);
      refuse(clarificationReplyRefusal(timelineOf(request), repliedOn, calendar, terms));
      request.clarificationRepliedOn = repliedOn;
      request.status = statusAfterReply(turns.length);
      return { action: 'clarification_replied' };
    });
  }

  verifyIdentity(user: TequioClaims, id: string, dto: IdentityVerificationDto): Promise<RequestView> {
    return this.change(user, id, 'verify_identity', async ({ request, today }) => {
      if (request.kind !== 'arco') throw new BadRequestException('kind: solo las solicitudes ARCO requieren acreditar la identidad');
      if (request.identityVerifiedOn) throw new ConflictException(`identityVerifiedOn: la identidad ya se acreditó el ${request.identityVerifiedOn}`);
      const verifiedOn = dto.verifiedOn ?? today;
      requireWithin('verifiedOn', verifiedOn, request, today);
      request.identityVerifiedOn = verifiedOn;
      return { action: 'identity_verified' };
    });
  }

  answer(user: TequioClaims, id: string, dto: AnswerRequestDto): Promise<RequestView> {
    return this.change(user, id, 'answer', async ({ request, today }) => {
      if (request.kind === 'arco' && !request.identityVerifiedOn) {
        throw new ConflictException('identityVerifiedOn: una solicitud ARCO solo se responde después de acreditar la identidad de quien la presenta');
      }
      const answeredOn = dto.answeredOn ?? today;
      requireWithin('answeredOn', answeredOn, request, today);
      request.answerType = dto.answerType;
      request.answeredOn = answeredOn;
      request.status = 'respondida';
      // Answered after the due date: it stays marked late (and stops counting as overdue).
      request.late = request.answerDue !== null && answeredOn > request.answerDue;
      request.overdue = false;
      return { action: 'answered', note: dto.answerType };
    });
  }

  cancel(user: TequioClaims, id: string, dto: CancelDto): Promise<RequestView> {
    return this.change(user, id, 'cancel', async ({ request }) => {
      request.status = 'cancelada';
      return { action: 'cancelled', reason: dto.reason };
    });
  }

  /**
   * The calendar changed: recompute the due dates of the tenant's open requests whose terms may reach the changed
   * year, in the replica's transaction; each one that moved is saved, published and audited.
   */
  async recomputeAfterCalendarChange(tenant: string, year: number, manager: EntityManager, batch = 5000): Promise<number> {
    const settings = await this.settingsService.forTenant(tenant, manager);
    const calendar = await this.calendars.spanning(tenant, year - 1, year, manager);
    let moved = 0;
    for (let afterId: string | null = null; ; ) {
      const open = await this.requests.openTimelines(manager, tenant, `${year - 1}-01-01`, afterId, batch);
      if (open.length === 0) return moved;
      afterId = open[open.length - 1].id;
      // The pure engine decides in memory; only the requests whose dates moved are written, in one statement.
      const previous = new Map<string, object>();
      const moves: DueDateMove[] = [];
      for (const row of open) {
        const next = schedule(timelineOf(row), calendar, settings.terms[row.kind], { explain: false });
        if (next.receiptDate === row.receiptDate && next.firstTermDue === row.firstTermDue && next.answerDue === row.answerDue) continue;
        previous.set(row.id, { receiptDate: row.receiptDate, firstTermDue: row.firstTermDue, answerDue: row.answerDue });
        moves.push({ id: row.id, receiptDate: next.receiptDate, firstTermDue: next.firstTermDue, answerDue: next.answerDue });
      }
      if (moves.length === 0) continue;
      const changed = await this.requests.moveDueDates(manager, moves);
      const turns = groupByParent(await this.requests.turnsOf(changed.map((request) => request.id), manager));
      await this.changes.recordMany(
        manager,
        TransparencyRequestDueDatesRecomputed,
        changed.map((request) => ({
          tenant,
          actor: 'system:calendar',
          entityType: 'transparency_request',
          entityId: request.id,
          action: 'due_dates_recomputed',
          before: previous.get(request.id) ?? null,
          after: { receiptDate: request.receiptDate, firstTermDue: request.firstTermDue, answerDue: request.answerDue },
          reason: `Cambió el calendario de días inhábiles ${year}`,
          data: requestSnapshot(request, turns.get(request.id) ?? []),
        })),
      );
      moved += changed.length;
    }
  }

  private async change(
    user: TequioClaims,
    id: string,
    action: RequestAction,
    apply: (context: ChangeContext) => Promise<{ action: string; note?: string; reason?: string }>,
    options: { staffOnly: boolean } = { staffOnly: true },
  ): Promise<RequestView> {
    const settings = options.staffOnly ? await this.settingsService.requireStaff(user) : await this.settingsService.forTenant(user.tenant);
    return this.requests.transaction(async (manager) => {
      const request = await this.requests.lock(manager, user.tenant, id);
      if (!request) throw new NotFoundException(`id: no existe la solicitud ${id}`);
      requireAllowed(request.status, action);
      const turns = await this.requests.turnsOf([id], manager);
      const before = auditSnapshot(request, turns);
      const previousStatus = request.status;
      const calendar = await this.calendars.around(user.tenant, yearOf(request.receiptDate), manager);
      const terms = settings.terms[request.kind];
      const done = await apply({ manager, request, turns, settings, terms, calendar, today: todayOf(calendar, request.receiptDate) });
      applySchedule(request, calendar, terms);
      request.version += 1;
      const saved = await this.requests.save(manager, request);
      if (saved.status !== previousStatus) {
        await this.requests.recordStatus(manager, { requestId: id, fromStatus: previousStatus, toStatus: saved.status, actor: user.sub, note: done.reason ?? done.note ?? null });
      }
      await this.changes.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'transparency_request',
        entityId: id,
        action: done.action,
        before,
        after: auditSnapshot(saved, turns),
        reason: done.reason,
        event: TransparencyRequestChanged,
        data: requestSnapshot(saved, turns),
      });
      return view(saved, turns);
    });
  }

  private async require(tenant: string, id: string): Promise<TransparencyRequest> {
    const request = await this.requests.findById(tenant, id);
    if (!request) throw new NotFoundException(`id: no existe la solicitud ${id}`);
    return request;
  }

  private async requireUnit(tenant: string, code: string, on: string): Promise<void> {
    const unit = await this.units.findByCode(tenant, code);
    if (!unit) throw new BadRequestException(`unitCode: la unidad ${code} no existe en el catálogo`);
    if (unit.activeFrom > on || (unit.activeTo !== null && unit.activeTo < on)) {
      throw new BadRequestException(`unitCode: la unidad ${code} no estaba activa el ${on}`);
    }
  }

  private async requireTurnAccess(user: TequioClaims, turn: OficioTurn): Promise<void> {
    const settings = await this.settingsService.forTenant(user.tenant);
    if (isTransparencyStaff(user, settings) || canActForUnit(user, turn.unitCode)) return;
    throw new ForbiddenException(`turnId: el turno ${turn.oficioNumber} está dirigido a la unidad ${turn.unitCode}, que no es suya`);
  }
}

export function groupByParent(turns: OficioTurn[]): Map<string, OficioTurn[]> {
  const byParent = new Map<string, OficioTurn[]>();
  for (const turn of turns) byParent.set(turn.parentId, [...(byParent.get(turn.parentId) ?? []), turn]);
  return byParent;
}

/** Today in the municipality (the receipt year's time zone). */
function todayOf(calendar: MunicipalCalendar, anyDate: string): string {
  return calendarDay(new Date(), calendar.settingsOf(yearOf(anyDate)).timeZone);
}

function requireWithin(field: string, date: string, request: TransparencyRequest, today: string): void {
  const receivedOn = calendarDay(request.receivedAt);
  if (date < receivedOn) throw new BadRequestException(`${field}: no puede ser anterior a la recepción de la solicitud (${receivedOn})`);
  if (date > today) throw new BadRequestException(`${field}: no puede ser futura (hoy es ${today})`);
}

/** A refusal of the deadline engine: "one only" rules are conflicts with the record, the rest bad dates. */
function refuse(refusal: string | null): void {
  if (refusal === null) return;
  if (refusal.startsWith('extension:') || refusal.startsWith('clarification:')) throw new ConflictException(refusal);
  throw new BadRequestException(refusal);
}

function view(request: TransparencyRequest, turns: OficioTurn[]) {
  const { requestId, turns: turnStates, ...state } = requestSnapshot(request, turns);
  return {
    id: requestId,
    ...state,
    statusLabel: REQUEST_STATUS_LABELS[request.status],
    informationRequested: request.informationRequested,
    extension: request.extensionRequestedOn ? { requestedOn: request.extensionRequestedOn, days: request.extensionDays, reason: request.extensionReason } : null,
    turns: turnStates.map(({ turnId, ...turn }) => ({ id: turnId, ...turn })),
  };
}

/** What a unit sees of a turn: the request's folio, what was asked and when it is due; never who asked. */
function turnView(turn: OficioTurn, parent: TransparencyRequest | undefined) {
  const { turnId, ...rest } = turnSnapshot(turn);
  return {
    id: turnId,
    procedure: turn.procedure,
    parentId: turn.parentId,
    folio: parent?.folio ?? null,
    informationRequested: parent?.informationRequested ?? null,
    answerDue: parent?.answerDue ?? null,
    ...rest,
  };
}

