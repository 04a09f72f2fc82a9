import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import {
  EventDefinition,
  HEARING_OUTCOME_LABELS,
  HEARING_TOPIC_LABELS,
  HearingCancelled,
  HearingRegistered,
  HearingSnapshot,
  HearingUpdated,
  REQUESTER_CATEGORY_LABELS,
} from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditTrail } from '@tequio/persistence';
import { definedOnly, Page, todayInMexico } from '@tequio/platform';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { SettingsService } from '../settings/settings.service';
import { CancelHearingDto, ListHearingsQueryDto, RegisterHearingDto, UpdateHearingDto } from './hearing.dto';
import { Hearing } from './hearing.entity';
import { checkHearing } from './hearing-rules';
import { HearingsRepository } from './hearings.repository';

function snapshot(hearing: Hearing): HearingSnapshot {
  return {
    hearingId: hearing.id,
    unitCode: hearing.unitCode,
    requesterCategory: hearing.requesterCategory,
    groupSize: hearing.groupSize,
    topic: hearing.topic,
    requestedOn: hearing.requestedOn,
    attendedOn: hearing.attendedOn,
    outcome: hearing.outcome,
    channelledUnitCode: hearing.channelledUnitCode,
    cancelled: hearing.cancelled,
    version: hearing.version,
  };
}

function view(hearing: Hearing, personal: boolean) {
  return {
    id: hearing.id,
    unitCode: hearing.unitCode,
    requesterCategory: hearing.requesterCategory,
    requesterCategoryLabel: REQUESTER_CATEGORY_LABELS[hearing.requesterCategory],
    groupSize: hearing.groupSize,
    topic: hearing.topic,
    topicLabel: HEARING_TOPIC_LABELS[hearing.topic],
    requestedOn: hearing.requestedOn,
    attendedOn: hearing.attendedOn,
    outcome: hearing.outcome,
    outcomeLabel: HEARING_OUTCOME_LABELS[hearing.outcome],
    channelledUnitCode: hearing.channelledUnitCode,
    cancelled: hearing.cancelled,
    ...(personal
      ? { requester: { name: hearing.requesterName, phone: hearing.requesterPhone, email: hearing.requesterEmail }, subject: hearing.subject, cancelReason: hearing.cancelReason }
      : {}),
    version: hearing.version,
  };
}

type HearingView = ReturnType<typeof view>;

/** Staff of the hearing's unit (or of the unit it was channelled to) handle it and see the requester. */
function handles(user: TequioClaims, hearing: Pick<Hearing, 'unitCode' | 'channelledUnitCode'>): boolean {
  if (user.roles.includes('admin')) return true;
  const staff = user.roles.includes('clerk') || user.roles.includes('unit_head');
  return staff && (user.units.includes(hearing.unitCode) || (hearing.channelledUnitCode !== null && user.units.includes(hearing.channelledUnitCode)));
}

/** Hearing requests (audiencias): registered, attended with an outcome, corrected or cancelled. */
@Injectable()
export class HearingsService {
  constructor(
    private readonly hearings: HearingsRepository,
    private readonly settings: SettingsService,
    private readonly units: UnitReplicaRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  async register(user: TequioClaims, dto: RegisterHearingDto): Promise<HearingView> {
    if (!user.roles.includes('admin') && !user.units.includes(dto.unitCode)) throw new ForbiddenException(`No puede actuar por la unidad ${dto.unitCode}`);
    await this.requireUnit('unitCode', user.tenant, dto.unitCode);
    const hearing = Object.assign(new Hearing(), {
      id: randomUUID(),
      tenant: user.tenant,
      unitCode: dto.unitCode,
      requesterCategory: dto.requesterCategory,
      groupSize: dto.groupSize ?? null,
      requesterName: dto.requester.name,
      requesterPhone: dto.requester.phone ?? null,
      requesterEmail: dto.requester.email ?? null,
      topic: dto.topic,
      subject: dto.subject ?? null,
      requestedOn: dto.requestedOn,
      attendedOn: dto.attendedOn ?? null,
      outcome: dto.outcome,
      channelledUnitCode: dto.channelledUnitCode ?? null,
      cancelled: false,
      cancelReason: null,
      version: 1,
    });
    await this.check(user.tenant, hearing);
    return this.hearings.transaction(async (manager) => {
      await this.hearings.insert(manager, hearing);
      await this.publish(manager, user, HearingRegistered, hearing, 'registered', null);
      return view(hearing, true);
    });
  }

  update(user: TequioClaims, id: string, dto: UpdateHearingDto): Promise<HearingView> {
    return this.change(user, id, async (hearing) => {
      Object.assign(hearing, definedOnly(dto));
      if (dto.requesterCategory && dto.requesterCategory !== 'grupo' && dto.groupSize === undefined) hearing.groupSize = null;
      if (dto.outcome && dto.outcome !== 'canalizada' && dto.channelledUnitCode === undefined) hearing.channelledUnitCode = null;
      if (dto.outcome === 'en_proceso' && dto.attendedOn === undefined) hearing.attendedOn = null;
      await this.check(user.tenant, hearing);
      return { event: HearingUpdated, action: 'updated' };
    });
  }

  cancel(user: TequioClaims, id: string, dto: CancelHearingDto): Promise<HearingView> {
    return this.change(user, id, async (hearing) => {
      hearing.cancelled = true;
      hearing.cancelReason = dto.reason;
      return { event: HearingCancelled, action: 'cancelled', reason: dto.reason };
    });
  }

  async get(user: TequioClaims, id: string): Promise<HearingView> {
    const hearing = await this.hearings.find(user.tenant, id);
    if (!hearing) throw new NotFoundException(`hearingId: no existe la audiencia ${id} en su municipio`);
    const personal = handles(user, hearing);
    if (!personal && !user.roles.some((role) => role === 'planning' || role === 'auditor')) {
      throw new ForbiddenException(`No puede actuar por la unidad ${hearing.unitCode}`);
    }
    return view(hearing, personal);
  }

  /** Lists carry no personal data. */
  async list(user: TequioClaims, query: ListHearingsQueryDto): Promise<Page<HearingView>> {
    const everything = user.roles.some((role) => role === 'admin' || role === 'planning' || role === 'auditor');
    const { items, total } = await this.hearings.list({ ...query, tenant: user.tenant, visibleToUnits: everything ? undefined : user.units });
    return { items: items.map((hearing) => view(hearing, false)), total, limit: query.limit, offset: query.offset };
  }

  /** Lock, apply, version, save, outbox, audit: the one write path of an existing hearing. */
  private change(
    user: TequioClaims,
    id: string,
    apply: (hearing: Hearing) => Promise<{ event: EventDefinition; action: string; reason?: string }>,
  ): Promise<HearingView> {
    return this.hearings.transaction(async (manager) => {
      const hearing = await this.hearings.lock(manager, user.tenant, id);
      if (!hearing) throw new NotFoundException(`hearingId: no existe la audiencia ${id} en su municipio`);
      if (!handles(user, hearing)) throw new ForbiddenException(`No puede actuar por la unidad ${hearing.unitCode}`);
      // The hearing's state refuses the change: a conflict, like any write on a cancelled document.
      if (hearing.cancelled) throw new ConflictException('status: la audiencia está cancelada; no admite cambios');
      const before = snapshot(hearing);
      const { event, action, reason } = await apply(hearing);
      hearing.version += 1;
      await this.hearings.update(manager, hearing);
      await this.publish(manager, user, event, hearing, action, before, reason);
      return view(hearing, true);
    });
  }

  private async publish(
    manager: EntityManager,
    user: TequioClaims,
    event: EventDefinition,
    hearing: Hearing,
    action: string,
    before: HearingSnapshot | null,
    reason?: string,
  ): Promise<void> {
    const after = snapshot(hearing);
    await this.outbox.publish(manager, event, { subject: hearing.id, tenant: user.tenant, data: after });
    await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'hearing', entityId: hearing.id, action, before, after, reason });
  }

  private async check(tenant: string, hearing: Hearing): Promise<void> {
    const settings = await this.settings.current(tenant);
    checkHearing(hearing, settings.hearingTopics, todayInMexico());
    if (hearing.channelledUnitCode !== null) await this.requireUnit('channelledUnitCode', tenant, hearing.channelledUnitCode);
  }

  private async requireUnit(field: string, tenant: string, code: string): Promise<void> {
    if (!(await this.units.findByCode(tenant, code))) throw new BadRequestException(`${field}: la unidad ${code} no existe en el catálogo del municipio`);
  }
}
