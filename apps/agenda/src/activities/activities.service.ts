import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import {
  ACTIVITY_STATUS_LABELS,
  ActivityScheduled,
  ActivitySnapshot,
  ActivityStatusChanged,
  ActivityUpdated,
  EventDefinition,
} from '@tequio/contracts';
import { Page } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { KnownUnits } from '../common/known-units';
import { addDays, municipalInstant } from '../common/municipal-time';
import { AgendaSettingsService } from '../settings/agenda-settings.service';
import { ActivityCategoryView, effectiveCategories } from './activity-categories';
import { needsReason, transitionProblem } from './activity-status';
import { ChangeActivityStatusDto, CreateActivityDto, ListActivitiesQueryDto, UpdateActivityDto, UpsertActivityCategoryDto } from './activity.dto';
import { Activity } from './activity.entity';
import { ActivitiesRepository } from './activities.repository';

export interface ActivityWarning {
  code: 'traslape';
  message: string;
  activityId: string;
}

export type ActivityView = ReturnType<typeof activityView>;

function activityView(activity: Activity, categories: ActivityCategoryView[]) {
  const { tenant: _tenant, ...fields } = activity;
  return {
    ...fields,
    categoryLabel: categories.find((category) => category.code === activity.category)?.label ?? activity.category,
    statusLabel: ACTIVITY_STATUS_LABELS[activity.status],
  };
}

/** The event's data: the whole state, without what a private activity must keep to itself. */
export function activitySnapshot(activity: Activity): ActivitySnapshot {
  const isPublic = activity.visibility === 'publica';
  return {
    activityId: activity.id,
    category: activity.category,
    reportCategory: activity.reportCategory as ActivitySnapshot['reportCategory'],
    visibility: activity.visibility,
    title: isPublic ? activity.title : null,
    place: isPublic ? activity.place : null,
    startsAt: activity.startsAt.toISOString(),
    endsAt: activity.endsAt.toISOString(),
    organizerUnitCode: activity.organizerUnitCode,
    involvedUnitCodes: activity.involvedUnitCodes,
    involvedRoles: activity.involvedRoles,
    status: activity.status,
    previousStatus: activity.previousStatus,
    statusChangedAt: activity.statusChangedAt.toISOString(),
    version: activity.version,
  };
}

function auditable(activity: Activity) {
  const { createdAt: _c, updatedAt: _u, tenant: _t, ...fields } = activity;
  return fields;
}

/** The president's agenda: activities, their statuses with history, and the notice of each change to those involved. */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly activities: ActivitiesRepository,
    private readonly settings: AgendaSettingsService,
    private readonly units: KnownUnits,
    private readonly changes: ChangeRecorder,
  ) {}

  async create(user: TequioClaims, dto: CreateActivityDto) {
    await this.settings.requireManager(user);
    await this.requireUnits(user.tenant, dto);
    return this.activities.transaction(async (manager) => {
      const category = await this.requireCategory(manager, user.tenant, dto.category);
      const now = new Date();
      const activity = await this.activities.save(
        manager,
        Object.assign(new Activity(), {
          tenant: user.tenant,
          title: dto.title,
          category: category.code,
          reportCategory: category.reportCategory,
          visibility: dto.visibility,
          place: dto.place,
          startsAt: new Date(dto.startsAt),
          endsAt: new Date(dto.endsAt),
          organizerUnitCode: dto.organizerUnitCode,
          involvedUnitCodes: dto.involvedUnitCodes,
          involvedRoles: dto.involvedRoles,
          status: 'programada',
          previousStatus: null,
          statusChangedAt: now,
          version: 1,
        }),
      );
      await this.activities.addHistory(manager, this.step(user, activity, null));
      await this.emit(manager, user, ActivityScheduled, activity, 'created', null);
      return { ...(await this.view(manager, activity)), warnings: await this.overlapWarnings(manager, activity) };
    });
  }

  async update(user: TequioClaims, id: string, dto: UpdateActivityDto) {
    await this.settings.requireManager(user);
    await this.requireUnits(user.tenant, dto);
    return this.activities.transaction(async (manager) => {
      const activity = await this.requireLocked(manager, user.tenant, id);
      const before = auditable(activity);
      if (dto.category !== undefined) {
        const category = await this.requireCategory(manager, user.tenant, dto.category);
        Object.assign(activity, { category: category.code, reportCategory: category.reportCategory });
      }
      const { category: _category, ...details } = dto;
      Object.assign(activity, details);
      activity.version += 1;
      const saved = await this.activities.save(manager, activity);
      await this.emit(manager, user, ActivityUpdated, saved, 'updated', before);
      return { ...(await this.view(manager, saved)), warnings: [] as ActivityWarning[] };
    });
  }

  async changeStatus(user: TequioClaims, id: string, dto: ChangeActivityStatusDto) {
    await this.settings.requireManager(user);
    return this.activities.transaction(async (manager) => {
      const activity = await this.requireLocked(manager, user.tenant, id);
      const problem = transitionProblem(activity.status, dto.status);
      if (problem) throw new ConflictException(problem);
      if (needsReason(dto.status) && !dto.reason) throw new BadRequestException('reason: es obligatorio al reprogramar o cancelar');
      const now = new Date();
      if (dto.status === 'realizada' && activity.startsAt > now) {
        throw new ConflictException(`status: la actividad aún no empieza (${activity.startsAt.toISOString()}); no puede marcarse realizada`);
      }
      const before = auditable(activity);
      if (dto.status === 'reprogramada' && dto.startsAt && dto.endsAt) Object.assign(activity, { startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) });
      Object.assign(activity, { previousStatus: activity.status, status: dto.status, statusChangedAt: now });
      activity.version += 1;
      const saved = await this.activities.save(manager, activity);
      await this.activities.addHistory(manager, this.step(user, saved, dto.reason ?? null));
      await this.emit(manager, user, ActivityStatusChanged, saved, `status:${dto.status}`, before, dto.reason);
      const warnings = dto.status === 'reprogramada' ? await this.overlapWarnings(manager, saved) : [];
      return { ...(await this.view(manager, saved)), warnings };
    });
  }

  async get(user: TequioClaims, id: string) {
    const activity = await this.requireVisible(user, id);
    return this.view(this.activities.manager, activity);
  }

  async history(user: TequioClaims, id: string) {
    await this.requireVisible(user, id);
    const steps = await this.activities.history(id);
    return steps.map(({ id: _id, activityId: _activityId, ...step }) => step);
  }

  async list(user: TequioClaims, query: ListActivitiesQueryDto): Promise<Page<ActivityView>> {
    const restrictToUnits = (await this.settings.isManager(user)) || user.roles.includes('planning') || user.roles.includes('auditor') ? undefined : user.units;
    const { items, total } = await this.activities.list({
      tenant: user.tenant,
      from: query.from ? municipalInstant(query.from, '00:00') : undefined,
      to: query.to ? municipalInstant(addDays(query.to, 1), '00:00') : undefined,
      status: query.status,
      category: query.category,
      unitCode: query.unitCode,
      visibility: query.visibility,
      restrictToUnits,
      limit: query.limit,
      offset: query.offset,
    });
    const categories = effectiveCategories(await this.activities.categoryRows(user.tenant));
    return { items: items.map((activity) => activityView(activity, categories)), total, limit: query.limit, offset: query.offset };
  }

  async categories(user: TequioClaims): Promise<ActivityCategoryView[]> {
    return effectiveCategories(await this.activities.categoryRows(user.tenant));
  }

  async upsertCategory(user: TequioClaims, code: string, dto: UpsertActivityCategoryDto): Promise<ActivityCategoryView[]> {
    await this.settings.requireManager(user);
    if (!/^[a-z0-9_]{1,60}$/.test(code)) throw new BadRequestException('code: de 1 a 60 minúsculas, dígitos o "_"');
    return this.activities.transaction(async (manager) => {
      const before = effectiveCategories(await this.activities.categoryRows(user.tenant, manager)).find((category) => category.code === code) ?? null;
      await this.activities.upsertCategory(manager, { tenant: user.tenant, code, label: dto.label, reportCategory: dto.reportCategory, active: dto.active });
      await this.changes.record(manager, user, { entityType: 'activity_category', entityId: code, action: before ? 'updated' : 'created', before, after: { code, ...dto } });
      return effectiveCategories(await this.activities.categoryRows(user.tenant, manager));
    });
  }

  private async requireVisible(user: TequioClaims, id: string): Promise<Activity> {
    const activity = await this.activities.findById(user.tenant, id);
    const readsAll = (await this.settings.isManager(user)) || user.roles.includes('planning') || user.roles.includes('auditor');
    const ownUnit = activity && [activity.organizerUnitCode, ...activity.involvedUnitCodes].some((code) => user.units.includes(code));
    if (!activity || (activity.visibility === 'privada' && !readsAll && !ownUnit)) throw new NotFoundException(`id: no existe la actividad ${id}`);
    return activity;
  }

  private async requireLocked(manager: EntityManager, tenant: string, id: string): Promise<Activity> {
    const activity = await this.activities.lock(manager, tenant, id);
    if (!activity) throw new NotFoundException(`id: no existe la actividad ${id}`);
    return activity;
  }

  private async requireCategory(manager: EntityManager, tenant: string, code: string): Promise<ActivityCategoryView> {
    const categories = effectiveCategories(await this.activities.categoryRows(tenant, manager));
    const category = categories.find((candidate) => candidate.code === code && candidate.active);
    if (!category) {
      throw new BadRequestException(`category: "${code}" no es una categoría activa del municipio (${categories.filter((c) => c.active).map((c) => c.code).join(', ')})`);
    }
    return category;
  }

  private requireUnits(tenant: string, dto: { organizerUnitCode?: string; involvedUnitCodes?: string[]; involvedRoles?: { unitCode: string }[] }): Promise<void> {
    return this.units.require(tenant, [
      ...(dto.organizerUnitCode ? [{ field: 'organizerUnitCode', code: dto.organizerUnitCode }] : []),
      ...(dto.involvedUnitCodes ?? []).map((code, index) => ({ field: `involvedUnitCodes.${index}`, code })),
      ...(dto.involvedRoles ?? []).map((role, index) => ({ field: `involvedRoles.${index}.unitCode`, code: role.unitCode })),
    ]);
  }

  /** Overlaps are the office's call (the president may leave one event for another): warned, never refused. */
  private async overlapWarnings(manager: EntityManager, activity: Activity): Promise<ActivityWarning[]> {
    const others = await this.activities.overlapping(manager, activity.tenant, activity.startsAt, activity.endsAt, activity.id);
    return others.map((other) => ({
      code: 'traslape' as const,
      message: `Se traslapa con «${other.title}» (${other.startsAt.toISOString()} – ${other.endsAt.toISOString()})`,
      activityId: other.id,
    }));
  }

  private step(user: TequioClaims, activity: Activity, reason: string | null) {
    return {
      activityId: activity.id,
      fromStatus: activity.previousStatus,
      toStatus: activity.status,
      reason,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      actor: user.sub,
      version: activity.version,
    };
  }

  private async view(manager: EntityManager, activity: Activity) {
    return activityView(activity, effectiveCategories(await this.activities.categoryRows(activity.tenant, manager)));
  }

  private emit(
    manager: EntityManager,
    user: TequioClaims,
    definition: EventDefinition<typeof ActivityScheduled.data>,
    activity: Activity,
    action: string,
    before: object | null,
    reason?: string,
  ): Promise<void> {
    return this.changes.record(manager, user, {
      entityType: 'activity',
      entityId: activity.id,
      action,
      before,
      after: auditable(activity),
      reason,
      event: { definition, subject: activity.id, data: activitySnapshot(activity) },
    });
  }
}
