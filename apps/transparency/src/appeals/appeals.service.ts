import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { canActForUnit, TequioClaims } from '@tequio/auth';
import { yearOf } from '@tequio/calendar';
import { TransparencyAppealChanged, TransparencyAppealRegistered, TransparencyAppealSnapshot } from '@tequio/contracts';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { FILE_OWNERS, FileTarget } from '../common/record-files';
import { OficioTurn } from '../common/oficio-turn.entity';
import { DeadlineCalendar } from '../deadlines/deadline-calendar';
import { appealFilingRefusal } from '../deadlines/deadline-engine';
import { applySchedule, turnSnapshot } from '../requests/request-snapshot';
import { TransparencySettings } from '../settings/settings.entity';
import { isTransparencyStaff, SettingsService } from '../settings/settings.service';
import {
  AppealNotificationDto,
  AppealResolutionDto,
  AppealTurnAnswerDto,
  AppealTurnDto,
  ComplianceDto,
  ListAppealsQueryDto,
  PleadingsDto,
  RegisterAppealDto,
} from './appeal.dto';
import { AppealNotification, AppealStatus, ReviewAppeal } from './appeal.entity';
import { AppealsRepository } from './appeals.repository';

type AppealAction = 'notify' | 'turn' | 'answer_turn' | 'plead' | 'resolve' | 'comply' | 'cancel' | 'attach_resolution';

const ALLOWED: Record<AppealStatus, readonly AppealAction[]> = {
  recibido: ['notify', 'turn', 'answer_turn', 'plead', 'resolve', 'cancel'],
  en_alegatos: ['notify', 'turn', 'answer_turn', 'plead', 'resolve', 'cancel'],
  alegatos_presentados: ['notify', 'turn', 'answer_turn', 'resolve', 'cancel'],
  resuelto: ['notify', 'turn', 'answer_turn', 'comply', 'attach_resolution'],
  cumplido: ['attach_resolution'],
  cancelado: [],
};

interface AppealContext {
  manager: EntityManager;
  appeal: ReviewAppeal;
  notifications: AppealNotification[];
  turns: OficioTurn[];
  settings: TransparencySettings;
}

/** Review appeals: notifications from the guarantor body, turns to units, pleadings, resolution and compliance. */
@Injectable()
export class AppealsService {
  constructor(
    private readonly appeals: AppealsRepository,
    private readonly settingsService: SettingsService,
    private readonly units: UnitReplicaRepository,
    private readonly changes: ChangeRecorder,
    private readonly calendars: DeadlineCalendar,
  ) {}

  async register(user: TequioClaims, dto: RegisterAppealDto) {
    const settings = await this.settingsService.requireStaff(user);
    return this.appeals.transaction(async (manager) => {
      if (await this.appeals.findByFileNumber(manager, user.tenant, dto.fileNumber)) {
        throw new ConflictException(`fileNumber: ya está registrado el recurso ${dto.fileNumber}`);
      }
      const request = await this.appeals.findRequestByFolio(manager, user.tenant, dto.requestFolio);
      if (request && dto.filedOn < request.receiptDate) {
        throw new BadRequestException(`filedOn: no puede ser anterior a la recepción de la solicitud ${dto.requestFolio} (${request.receiptDate})`);
      }
      if (request) {
        // The window runs from the answer, or from the missed deadline of an unanswered request.
        const terms = settings.terms[request.kind];
        const calendar = await this.calendars.around(user.tenant, yearOf(request.receiptDate), manager);
        const { current } = applySchedule(request, calendar, terms);
        const refusal = appealFilingRefusal(dto.filedOn, request.answeredOn, current, calendar, terms);
        if (refusal) throw new BadRequestException(refusal);
      }
      const appeal = await this.appeals.save(
        manager,
        Object.assign(new ReviewAppeal(), {
          id: randomUUID(),
          tenant: user.tenant,
          fileNumber: dto.fileNumber,
          requestId: request?.id ?? null,
          requestFolio: dto.requestFolio,
          filedOn: dto.filedOn,
          ground: dto.ground,
          groundDetail: dto.groundDetail ?? null,
          requesterCategories: dto.requesterCategories,
          status: 'recibido' as const,
          pleadingsFiledOn: null,
          resolution: null,
          resolvedOn: null,
          complianceDueOn: null,
          compliedOn: null,
          version: 1,
        }),
      );
      const data = snapshot(appeal, [], []);
      await this.changes.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'review_appeal',
        entityId: appeal.id,
        action: 'registered',
        before: null,
        after: data,
        event: TransparencyAppealRegistered,
        data,
      });
      return view(data);
    });
  }

  async list(user: TequioClaims, query: ListAppealsQueryDto) {
    await this.settingsService.requireStaff(user);
    const { items, total } = await this.appeals.list({ ...query, tenant: user.tenant });
    const ids = items.map((item) => item.id);
    const [notifications, turns] = await Promise.all([this.appeals.notificationsOf(ids), this.appeals.turnsOf(ids)]);
    return {
      items: items.map((item) => view(snapshot(item, notifications.filter((n) => n.appealId === item.id), turns.filter((t) => t.parentId === item.id)))),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async get(user: TequioClaims, id: string) {
    await this.settingsService.requireStaff(user);
    const appeal = await this.appeals.findById(user.tenant, id);
    if (!appeal) throw new NotFoundException(`id: no existe el recurso ${id}`);
    const [notifications, turns] = await Promise.all([this.appeals.notificationsOf([id]), this.appeals.turnsOf([id])]);
    return view(snapshot(appeal, notifications, turns));
  }

  /** The files of the resolution (the guarantor body's resolution, the compliance oficio): transparency staff only, once resolved. */
  async resolutionFiles(user: TequioClaims, id: string, purpose: 'read' | 'upload'): Promise<FileTarget> {
    await this.settingsService.requireStaff(user);
    const appeal = await this.appeals.findById(user.tenant, id);
    if (!appeal) throw new NotFoundException(`id: no existe el recurso ${id}`);
    if (purpose === 'upload') requireAllowed(appeal, 'attach_resolution');
    return { owner: { type: FILE_OWNERS.appealResolution, id }, entityType: 'review_appeal', entityId: id };
  }

  notify(user: TequioClaims, id: string, dto: AppealNotificationDto) {
    return this.change(user, id, 'notify', async ({ manager, appeal, notifications }) => {
      requireNotBefore('receivedOn', dto.receivedOn, appeal.filedOn);
      if (dto.dueOn) requireNotBefore('dueOn', dto.dueOn, dto.receivedOn);
      const notification = Object.assign(new AppealNotification(), {
        id: randomUUID(),
        appealId: appeal.id,
        oficioNumber: dto.oficioNumber,
        receivedOn: dto.receivedOn,
        dueOn: dto.dueOn ?? null,
        createdAt: new Date(),
      });
      await this.appeals.addNotification(manager, notification);
      notifications.push(notification);
      if (appeal.status === 'recibido') appeal.status = 'en_alegatos';
      return 'notified';
    });
  }

  async turn(user: TequioClaims, id: string, dto: AppealTurnDto) {
    // Checked before the transaction: a connection held while waiting for another could starve the pool.
    if (!(await this.units.findByCode(user.tenant, dto.unitCode))) throw new BadRequestException(`unitCode: la unidad ${dto.unitCode} no existe en el catálogo`);
    return this.change(user, id, 'turn', async ({ manager, appeal, turns, settings }) => {
      requireNotBefore('turnedOn', dto.turnedOn, appeal.filedOn);
      const turn = Object.assign(new OficioTurn(), {
        id: randomUUID(),
        tenant: user.tenant,
        procedure: 'recurso_revision' as const,
        parentId: appeal.id,
        unitCode: dto.unitCode,
        oficioNumber: await this.settingsService.nextOficio(manager, settings, yearOf(dto.turnedOn)),
        turnedOn: dto.turnedOn,
        answerOficioNumber: null,
        answeredOn: null,
      });
      turns.push(await this.appeals.saveTurn(manager, turn));
      return 'turned';
    });
  }

  answerTurn(user: TequioClaims, id: string, turnId: string, dto: AppealTurnAnswerDto) {
    return this.change(
      user,
      id,
      'answer_turn',
      async ({ manager, turns, settings }) => {
        const turn = turns.find((candidate) => candidate.id === turnId);
        if (!turn) throw new NotFoundException(`turnId: el recurso no tiene el turno ${turnId}`);
        if (!isTransparencyStaff(user, settings) && !canActForUnit(user, turn.unitCode)) {
          throw new ForbiddenException(`turnId: el turno ${turn.oficioNumber} está dirigido a la unidad ${turn.unitCode}, que no es suya`);
        }
        if (turn.answeredOn) throw new ConflictException(`turnId: el área ya respondió el ${turn.answeredOn}`);
        requireNotBefore('answeredOn', dto.answeredOn, turn.turnedOn);
        turn.answerOficioNumber = dto.answerOficioNumber;
        turn.answeredOn = dto.answeredOn;
        await this.appeals.saveTurn(manager, turn);
        return 'turn_answered';
      },
      false,
    );
  }

  plead(user: TequioClaims, id: string, dto: PleadingsDto) {
    return this.change(user, id, 'plead', async ({ appeal }) => {
      requireNotBefore('filedOn', dto.filedOn, appeal.filedOn);
      appeal.pleadingsFiledOn = dto.filedOn;
      appeal.status = 'alegatos_presentados';
      return 'pleadings_filed';
    });
  }

  resolve(user: TequioClaims, id: string, dto: AppealResolutionDto) {
    return this.change(user, id, 'resolve', async ({ appeal }) => {
      requireNotBefore('resolvedOn', dto.resolvedOn, appeal.filedOn);
      const needsCompliance = dto.resolution === 'modifica' || dto.resolution === 'revoca';
      if (!needsCompliance && dto.complianceDueOn) throw new BadRequestException(`complianceDueOn: una resolución que ${dto.resolution} no ordena cumplimiento`);
      appeal.resolution = dto.resolution;
      appeal.resolvedOn = dto.resolvedOn;
      appeal.complianceDueOn = dto.complianceDueOn ?? null;
      appeal.status = 'resuelto';
      return 'resolved';
    });
  }

  comply(user: TequioClaims, id: string, dto: ComplianceDto) {
    return this.change(user, id, 'comply', async ({ appeal }) => {
      if (appeal.resolution !== 'modifica' && appeal.resolution !== 'revoca') {
        throw new ConflictException(`resolution: una resolución que ${appeal.resolution} no ordena cumplimiento`);
      }
      requireNotBefore('compliedOn', dto.compliedOn, appeal.resolvedOn as string);
      appeal.compliedOn = dto.compliedOn;
      appeal.status = 'cumplido';
      return 'complied';
    });
  }

  cancel(user: TequioClaims, id: string) {
    return this.change(user, id, 'cancel', async ({ appeal }) => {
      appeal.status = 'cancelado';
      return 'cancelled';
    });
  }

  private async change(user: TequioClaims, id: string, action: AppealAction, apply: (context: AppealContext) => Promise<string>, staffOnly = true) {
    const settings = staffOnly ? await this.settingsService.requireStaff(user) : await this.settingsService.forTenant(user.tenant);
    return this.appeals.transaction(async (manager) => {
      const appeal = await this.appeals.lock(manager, user.tenant, id);
      if (!appeal) throw new NotFoundException(`id: no existe el recurso ${id}`);
      requireAllowed(appeal, action);
      const [notifications, turns] = await Promise.all([this.appeals.notificationsOf([id], manager), this.appeals.turnsOf([id], manager)]);
      const before = snapshot(appeal, notifications, turns);
      const auditAction = await apply({ manager, appeal, notifications, turns, settings });
      appeal.version += 1;
      const saved = await this.appeals.save(manager, appeal);
      const data = snapshot(saved, notifications, turns);
      await this.changes.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'review_appeal',
        entityId: id,
        action: auditAction,
        before,
        after: data,
        event: TransparencyAppealChanged,
        data,
      });
      return view(data);
    });
  }
}

function requireAllowed(appeal: ReviewAppeal, action: AppealAction): void {
  if (ALLOWED[appeal.status].includes(action)) return;
  const hint = action === 'attach_resolution' ? '; los archivos de la resolución se adjuntan una vez registrada' : '';
  throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `status: el recurso está "${appeal.status}" y no admite esa acción${hint}`, currentStatus: appeal.status });
}

function requireNotBefore(field: string, date: string, earliest: string): void {
  if (date < earliest) throw new BadRequestException(`${field}: no puede ser anterior al ${earliest}`);
}

function snapshot(appeal: ReviewAppeal, notifications: AppealNotification[], turns: OficioTurn[]): TransparencyAppealSnapshot {
  return {
    appealId: appeal.id,
    fileNumber: appeal.fileNumber,
    requestId: appeal.requestId,
    requestFolio: appeal.requestFolio,
    filedOn: appeal.filedOn,
    ground: appeal.ground,
    requesterCategories: appeal.requesterCategories,
    status: appeal.status,
    notifications: notifications.map((n) => ({ notificationId: n.id, oficioNumber: n.oficioNumber, receivedOn: n.receivedOn, dueOn: n.dueOn })),
    turns: turns.map(turnSnapshot),
    pleadingsFiledOn: appeal.pleadingsFiledOn,
    resolution: appeal.resolution,
    resolvedOn: appeal.resolvedOn,
    complianceDueOn: appeal.complianceDueOn,
    compliedOn: appeal.compliedOn,
    version: appeal.version,
  };
}

function view(data: TransparencyAppealSnapshot) {
  const { appealId, turns, notifications, ...rest } = data;
  return {
    id: appealId,
    ...rest,
    notifications: notifications.map(({ notificationId, ...notification }) => ({ id: notificationId, ...notification })),
    turns: turns.map(({ turnId, ...turn }) => ({ id: turnId, ...turn })),
  };
}
