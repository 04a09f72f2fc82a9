import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventDefinition, PlanCreated, PlanDeleted, PlanSnapshot, PlanUpdated } from '@tequio/contracts';
import { AuditTrail } from '@tequio/persistence';
import { OutboxService } from '@tequio/messaging';
import { Page } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import {
  CreateAxisDto,
  CreateObjectiveDto,
  CreatePlanDto,
  ListAxesQueryDto,
  ListObjectivesQueryDto,
  ListPlansQueryDto,
  UpdateAxisDto,
  UpdateObjectiveDto,
  UpdatePlanDto,
} from './plan.dto';
import { PlanAxis, PlanObjective, PlanPeriod } from './plan.entity';
import { PlanRepository } from './plan.repository';

export type AxisView = PlanAxis & { label: string };
export type ObjectiveView = PlanObjective & { label: string };
export type PlanTreeView = PlanPeriod & { axes: (AxisView & { objectives: ObjectiveView[] })[] };

export const axisLabel = (axis: Pick<PlanAxis, 'number' | 'name'>) => `Eje ${axis.number} - ${axis.name}`;
export const objectiveLabel = (objective: Pick<PlanObjective, 'code' | 'name'>) => `Objetivo ${objective.code} - ${objective.name}`;

/** Plan Municipal de Desarrollo: periods, axes (Ejes) and objectives (Objetivos). Every change re-publishes the plan whole. */
@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
  ) {}

  // ── Plans ───────────────────────────────────────────────────────────────────────────────────────────────

  async createPlan(user: TequioClaims, dto: CreatePlanDto): Promise<PlanTreeView> {
    return this.plans.transaction(async (manager) => {
      await this.requireFreeName(manager, user.tenant, dto.name);
      await this.requireNoOverlap(manager, user.tenant, dto.startYear, dto.endYear);
      const plan = await this.plans.savePlan(
        manager,
        Object.assign(new PlanPeriod(), { tenant: user.tenant, name: dto.name, startYear: dto.startYear, endYear: dto.endYear, version: 1 }),
      );
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan', entityId: plan.id, action: 'created', after: plan });
      return this.publish(manager, PlanCreated, plan);
    });
  }

  async updatePlan(user: TequioClaims, id: string, dto: UpdatePlanDto): Promise<PlanTreeView> {
    return this.plans.transaction(async (manager) => {
      const plan = await this.requirePlan(manager, user.tenant, id);
      const before = { ...plan };
      if (dto.name !== undefined && dto.name !== plan.name) await this.requireFreeName(manager, user.tenant, dto.name);
      const startYear = dto.startYear ?? plan.startYear;
      const endYear = dto.endYear ?? plan.endYear;
      if (endYear < startYear) throw new BadRequestException(`endYear: ${endYear} no puede ser anterior a startYear (${startYear})`);
      if (startYear !== plan.startYear || endYear !== plan.endYear) {
        await this.requireNoOverlap(manager, user.tenant, startYear, endYear, plan.id);
        const objectives = await this.plans.objectivesOfPlan(manager, plan.id);
        const outside = (await this.plans.alignedPrograms(manager, objectives.map((o) => o.id))).filter((p) => p.year < startYear || p.year > endYear);
        if (outside.length > 0) {
          throw new ConflictException(
            `startYear: hay programas alineados a este plan fuera de ${startYear}-${endYear}: ${unique(outside.map((p) => `${p.code} (${p.year})`)).join(', ')}`,
          );
        }
      }
      Object.assign(plan, { name: dto.name ?? plan.name, startYear, endYear });
      plan.version += 1;
      const saved = await this.plans.savePlan(manager, plan);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan', entityId: saved.id, action: 'updated', before, after: saved });
      return this.publish(manager, PlanUpdated, saved);
    });
  }

  async deletePlan(user: TequioClaims, id: string): Promise<PlanTreeView> {
    return this.plans.transaction(async (manager) => {
      const plan = await this.requirePlan(manager, user.tenant, id);
      const objectives = await this.plans.objectivesOfPlan(manager, plan.id);
      await this.requireNotAligned(manager, objectives, 'id: no se puede eliminar el plan');
      const tree = await this.tree(manager, plan);
      plan.version += 1;
      await this.outbox.publish(manager, PlanDeleted, { subject: plan.id, tenant: plan.tenant, data: snapshot({ ...tree, version: plan.version }) });
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan', entityId: plan.id, action: 'deleted', before: tree });
      // The delete cascades to the plan's axes and objectives: each gets its own entry, as when deleted one by one.
      const reason = `se eliminó con el plan ${plan.name}`;
      for (const axis of await this.plans.axesOf(manager, plan.id)) {
        await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_axis', entityId: axis.id, action: 'deleted', before: axis, reason });
      }
      for (const objective of objectives) {
        await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_objective', entityId: objective.id, action: 'deleted', before: objective, reason });
      }
      await this.plans.deletePlan(manager, plan.id);
      return { ...tree, version: plan.version };
    });
  }

  async getPlan(user: TequioClaims, id: string): Promise<PlanTreeView> {
    const plan = await this.plans.findPlan(user.tenant, id);
    if (!plan) throw new NotFoundException(`No existe el plan ${id}`);
    return this.plans.transaction((manager) => this.tree(manager, plan));
  }

  async listPlans(user: TequioClaims, query: ListPlansQueryDto): Promise<Page<PlanPeriod>> {
    const { items, total } = await this.plans.listPlans({ ...query, tenant: user.tenant });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  // ── Axes ────────────────────────────────────────────────────────────────────────────────────────────────

  async createAxis(user: TequioClaims, planId: string, dto: CreateAxisDto): Promise<AxisView> {
    return this.plans.transaction(async (manager) => {
      const plan = await this.requirePlan(manager, user.tenant, planId);
      await this.requireFreeAxisNumber(manager, plan, dto.number);
      const axis = await this.plans.saveAxis(manager, Object.assign(new PlanAxis(), { tenant: user.tenant, planId: plan.id, number: dto.number, name: dto.name }));
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_axis', entityId: axis.id, action: 'created', after: axis });
      await this.bumpAndPublish(manager, plan);
      return axisView(axis);
    });
  }

  async updateAxis(user: TequioClaims, id: string, dto: UpdateAxisDto): Promise<AxisView> {
    return this.plans.transaction(async (manager) => {
      const found = await this.requireAxis(manager, user.tenant, id);
      const plan = await this.requirePlan(manager, user.tenant, found.planId);
      const axis = await this.requireAxis(manager, user.tenant, id);
      const before = { ...axis };
      if (dto.number !== undefined && dto.number !== axis.number) {
        await this.requireFreeAxisNumber(manager, plan, dto.number);
        const objectives = (await this.plans.objectivesOfPlan(manager, plan.id)).filter((o) => o.axisId === axis.id);
        if (objectives.length > 0) {
          throw new ConflictException(
            `number: el Eje ${axis.number} tiene objetivos (${objectives.map((o) => o.code).join(', ')}) cuyas claves empiezan con ${axis.number}; ` +
              'cámbielas o elimínelos antes de renumerar el eje',
          );
        }
      }
      Object.assign(axis, { number: dto.number ?? axis.number, name: dto.name ?? axis.name });
      const saved = await this.plans.saveAxis(manager, axis);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_axis', entityId: saved.id, action: 'updated', before, after: saved });
      await this.bumpAndPublish(manager, plan);
      return axisView(saved);
    });
  }

  async deleteAxis(user: TequioClaims, id: string): Promise<AxisView> {
    return this.plans.transaction(async (manager) => {
      const found = await this.requireAxis(manager, user.tenant, id);
      const plan = await this.requirePlan(manager, user.tenant, found.planId);
      const axis = await this.requireAxis(manager, user.tenant, id);
      const objectives = (await this.plans.objectivesOfPlan(manager, plan.id)).filter((o) => o.axisId === axis.id);
      await this.requireNotAligned(manager, objectives, `id: no se puede eliminar el Eje ${axis.number}`);
      await this.plans.deleteAxis(manager, axis.id);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_axis', entityId: axis.id, action: 'deleted', before: axis });
      await this.bumpAndPublish(manager, plan);
      return axisView(axis);
    });
  }

  async getAxis(user: TequioClaims, id: string): Promise<AxisView> {
    const axis = await this.plans.findAxis(user.tenant, id);
    if (!axis) throw new NotFoundException(`No existe el eje ${id}`);
    return axisView(axis);
  }

  async listAxes(user: TequioClaims, query: ListAxesQueryDto): Promise<Page<AxisView>> {
    const { items, total } = await this.plans.listAxes({ ...query, tenant: user.tenant });
    return { items: items.map(axisView), total, limit: query.limit, offset: query.offset };
  }

  // ── Objectives ──────────────────────────────────────────────────────────────────────────────────────────

  async createObjective(user: TequioClaims, axisId: string, dto: CreateObjectiveDto): Promise<ObjectiveView> {
    return this.plans.transaction(async (manager) => {
      const found = await this.requireAxis(manager, user.tenant, axisId);
      const plan = await this.requirePlan(manager, user.tenant, found.planId);
      const axis = await this.requireAxis(manager, user.tenant, axisId);
      requireCodeOfAxis(dto.code, axis);
      await this.requireFreeObjectiveCode(manager, plan, dto.code);
      const objective = await this.plans.saveObjective(
        manager,
        Object.assign(new PlanObjective(), { tenant: user.tenant, planId: plan.id, axisId: axis.id, code: dto.code, name: dto.name }),
      );
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_objective', entityId: objective.id, action: 'created', after: objective });
      await this.bumpAndPublish(manager, plan);
      return objectiveView(objective);
    });
  }

  async updateObjective(user: TequioClaims, id: string, dto: UpdateObjectiveDto): Promise<ObjectiveView> {
    return this.plans.transaction(async (manager) => {
      const found = await this.requireObjective(manager, user.tenant, id);
      const plan = await this.requirePlan(manager, user.tenant, found.planId);
      const objective = await this.requireObjective(manager, user.tenant, id);
      const before = { ...objective };
      if (dto.code !== undefined && dto.code !== objective.code) {
        const axis = await this.requireAxis(manager, user.tenant, objective.axisId);
        requireCodeOfAxis(dto.code, axis);
        await this.requireFreeObjectiveCode(manager, plan, dto.code);
      }
      Object.assign(objective, { code: dto.code ?? objective.code, name: dto.name ?? objective.name });
      const saved = await this.plans.saveObjective(manager, objective);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_objective', entityId: saved.id, action: 'updated', before, after: saved });
      await this.bumpAndPublish(manager, plan);
      return objectiveView(saved);
    });
  }

  async deleteObjective(user: TequioClaims, id: string): Promise<ObjectiveView> {
    return this.plans.transaction(async (manager) => {
      const found = await this.requireObjective(manager, user.tenant, id);
      const plan = await this.requirePlan(manager, user.tenant, found.planId);
      const objective = await this.requireObjective(manager, user.tenant, id);
      await this.requireNotAligned(manager, [objective], `id: no se puede eliminar el Objetivo ${objective.code}`);
      await this.plans.deleteObjective(manager, objective.id);
      await this.audit.record(manager, { tenant: user.tenant, actor: user.sub, entityType: 'plan_objective', entityId: objective.id, action: 'deleted', before: objective });
      await this.bumpAndPublish(manager, plan);
      return objectiveView(objective);
    });
  }

  async getObjective(user: TequioClaims, id: string): Promise<ObjectiveView> {
    const objective = await this.plans.findObjective(user.tenant, id);
    if (!objective) throw new NotFoundException(`No existe el objetivo ${id}`);
    return objectiveView(objective);
  }

  async listObjectives(user: TequioClaims, query: ListObjectivesQueryDto): Promise<Page<ObjectiveView>> {
    const { items, total } = await this.plans.listObjectives({ ...query, tenant: user.tenant });
    return { items: items.map(objectiveView), total, limit: query.limit, offset: query.offset };
  }

  /**
   * For program alignment: the objectives (with their plan's years) of the municipality, by id. Locks the row of
   * each plan involved (in id order) until the caller's transaction ends, as every change of a plan does: narrowing
   * a plan's years or deleting one of its objectives waits for the alignment and then sees it, and the alignment
   * reads the plan as a running change leaves it.
   */
  async objectivesWithPlans(manager: EntityManager, tenant: string, ids: string[]): Promise<{ objective: PlanObjective; plan: PlanPeriod }[]> {
    const planIds = unique((await this.plans.findObjectivesByIds(manager, tenant, ids)).map((o) => o.planId)).sort();
    for (const planId of planIds) await this.plans.lockPlan(manager, tenant, planId);
    // Read again under the locks: an objective deleted meanwhile is gone.
    const objectives = await this.plans.findObjectivesByIds(manager, tenant, ids);
    const plans = new Map((await this.plans.findPlansByIds(manager, tenant, unique(objectives.map((o) => o.planId)))).map((p) => [p.id, p]));
    return objectives.map((objective) => ({ objective, plan: plans.get(objective.planId) as PlanPeriod }));
  }

  // ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────

  private async tree(manager: EntityManager, plan: PlanPeriod): Promise<PlanTreeView> {
    const [axes, objectives] = await Promise.all([this.plans.axesOf(manager, plan.id), this.plans.objectivesOfPlan(manager, plan.id)]);
    const sorted = [...objectives].sort((a, b) => compareCodes(a.code, b.code));
    return {
      ...plan,
      axes: axes.map((axis) => ({ ...axisView(axis), objectives: sorted.filter((o) => o.axisId === axis.id).map(objectiveView) })),
    };
  }

  private async bumpAndPublish(manager: EntityManager, plan: PlanPeriod): Promise<void> {
    plan.version += 1;
    const saved = await this.plans.savePlan(manager, plan);
    await this.publish(manager, PlanUpdated, saved);
  }

  private async publish(manager: EntityManager, definition: EventDefinition<typeof PlanCreated.data>, plan: PlanPeriod): Promise<PlanTreeView> {
    const tree = await this.tree(manager, plan);
    await this.outbox.publish(manager, definition, { subject: plan.id, tenant: plan.tenant, data: snapshot(tree) });
    return tree;
  }

  private async requirePlan(manager: EntityManager, tenant: string, id: string): Promise<PlanPeriod> {
    const plan = await this.plans.lockPlan(manager, tenant, id);
    if (!plan) throw new NotFoundException(`No existe el plan ${id}`);
    return plan;
  }

  private async requireAxis(manager: EntityManager, tenant: string, id: string): Promise<PlanAxis> {
    const axis = await this.plans.findAxis(tenant, id, manager);
    if (!axis) throw new NotFoundException(`No existe el eje ${id}`);
    return axis;
  }

  private async requireObjective(manager: EntityManager, tenant: string, id: string): Promise<PlanObjective> {
    const objective = await this.plans.findObjective(tenant, id, manager);
    if (!objective) throw new NotFoundException(`No existe el objetivo ${id}`);
    return objective;
  }

  private async requireFreeName(manager: EntityManager, tenant: string, name: string): Promise<void> {
    if (await this.plans.findPlanByName(manager, tenant, name)) throw new ConflictException(`name: ya existe un plan llamado ${name}`);
  }

  private async requireNoOverlap(manager: EntityManager, tenant: string, startYear: number, endYear: number, exceptId?: string): Promise<void> {
    const [other] = await this.plans.overlappingPlans(manager, tenant, startYear, endYear, exceptId);
    if (other) {
      throw new ConflictException(`startYear: el periodo ${startYear}-${endYear} se traslapa con ${other.name} (${other.startYear}-${other.endYear})`);
    }
  }

  private async requireFreeAxisNumber(manager: EntityManager, plan: PlanPeriod, number: number): Promise<void> {
    if (await this.plans.findAxisByNumber(manager, plan.id, number)) throw new ConflictException(`number: ya existe el Eje ${number} en ${plan.name}`);
  }

  private async requireFreeObjectiveCode(manager: EntityManager, plan: PlanPeriod, code: string): Promise<void> {
    if (await this.plans.findObjectiveByCode(manager, plan.id, code)) throw new ConflictException(`code: ya existe el Objetivo ${code} en ${plan.name}`);
  }

  private async requireNotAligned(manager: EntityManager, objectives: PlanObjective[], prefix: string): Promise<void> {
    const aligned = await this.plans.alignedPrograms(manager, objectives.map((o) => o.id));
    if (aligned.length === 0) return;
    const codes = new Map(objectives.map((o) => [o.id, o.code]));
    const detail = unique(aligned.map((a) => `Objetivo ${codes.get(a.objectiveId)} ↔ programa ${a.code} (${a.year})`)).join(', ');
    throw new ConflictException(`${prefix}: hay programas alineados: ${detail}; quite la alineación primero`);
  }
}

function requireCodeOfAxis(code: string, axis: PlanAxis): void {
  if (!code.startsWith(`${axis.number}.`)) {
    throw new BadRequestException(`code: los objetivos del Eje ${axis.number} llevan clave ${axis.number}.N (p. ej. ${axis.number}.1), no ${code}`);
  }
}

function compareCodes(a: string, b: string): number {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function axisView(axis: PlanAxis): AxisView {
  return { ...axis, label: axisLabel(axis) };
}

function objectiveView(objective: PlanObjective): ObjectiveView {
  return { ...objective, label: objectiveLabel(objective) };
}

function snapshot(plan: PlanTreeView): PlanSnapshot {
  return {
    planId: plan.id,
    name: plan.name,
    startYear: plan.startYear,
    endYear: plan.endYear,
    axes: plan.axes.map((axis) => ({
      axisId: axis.id,
      number: axis.number,
      name: axis.name,
      objectives: axis.objectives.map((o) => ({ objectiveId: o.id, code: o.code, name: o.name })),
    })),
    version: plan.version,
  };
}
