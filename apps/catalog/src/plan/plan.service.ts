import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { EventDefinition, PlanCreated, PlanDeleted, PlanSnapshot, PlanUpdated } from '@tequio/contracts';
import { AuditAction, AuditTrail } from '@tequio/persistence';
import { Page, VersionedWriter } from '@tequio/platform';
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

/** What a write fills in as it runs: the plan's tree it published. */
type Written = { tree: PlanTreeView };

export const axisLabel = (axis: Pick<PlanAxis, 'number' | 'name'>) => `Eje ${axis.number} - ${axis.name}`;
export const objectiveLabel = (objective: Pick<PlanObjective, 'code' | 'name'>) => `Objetivo ${objective.code} - ${objective.name}`;

/** Plan Municipal de Desarrollo: periods, axes (Ejes) and objectives (Objetivos). Every change re-publishes the plan whole. */
@Injectable()
export class PlanService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly writer: VersionedWriter,
    private readonly audit: AuditTrail,
  ) {}

  // ── Plans ───────────────────────────────────────────────────────────────────────────────────────────────

  async createPlan(user: TequioClaims, dto: CreatePlanDto): Promise<PlanTreeView> {
    const state = {} as Written;
    await this.writer.create({
      ...this.record(user, 'created', PlanCreated, state),
      entity: PlanPeriod,
      build: async (manager) => {
        await this.requireFreeName(manager, user.tenant, dto.name);
        await this.requireNoOverlap(manager, user.tenant, dto.startYear, dto.endYear);
        return Object.assign(new PlanPeriod(), { tenant: user.tenant, name: dto.name, startYear: dto.startYear, endYear: dto.endYear });
      },
    });
    return state.tree;
  }

  async updatePlan(user: TequioClaims, id: string, dto: UpdatePlanDto): Promise<PlanTreeView> {
    const state = {} as Written;
    await this.writer.update({
      ...this.lockedPlan(user, 'updated', PlanUpdated, state, async () => id),
      change: async (plan, manager) => {
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
      },
    });
    return state.tree;
  }

  async deletePlan(user: TequioClaims, id: string): Promise<PlanTreeView> {
    const state = {} as Written;
    const last = await this.writer.remove({
      ...this.lockedPlan(user, 'deleted', PlanDeleted, state, async () => id),
      check: async (plan, manager) => {
        await this.requireNotAligned(manager, await this.plans.objectivesOfPlan(manager, plan.id), 'id: no se puede eliminar el plan');
        state.tree = await this.tree(manager, plan);
      },
      snapshot: (plan) => snapshot({ ...state.tree, version: plan.version }),
      audited: { before: () => state.tree },
      delete: async (plan, manager) => {
        // The delete cascades to the plan's axes and objectives: each gets its own entry, as when deleted one by one.
        const entry = { tenant: user.tenant, actor: user.sub, action: 'deleted', reason: `se eliminó con el plan ${plan.name}` };
        for (const axis of await this.plans.axesOf(manager, plan.id)) {
          await this.audit.record(manager, { ...entry, entityType: 'plan_axis', entityId: axis.id, before: axis });
        }
        for (const objective of await this.plans.objectivesOfPlan(manager, plan.id)) {
          await this.audit.record(manager, { ...entry, entityType: 'plan_objective', entityId: objective.id, before: objective });
        }
        await this.plans.deletePlan(manager, plan.id);
      },
    });
    return { ...state.tree, version: last.version };
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
    const axis = await this.changeChild(user, 'created', async () => planId, async (plan, manager) => {
      await this.requireFreeAxisNumber(manager, plan, dto.number);
      const created = await this.plans.saveAxis(manager, Object.assign(new PlanAxis(), { tenant: user.tenant, planId: plan.id, number: dto.number, name: dto.name }));
      return { entityType: 'plan_axis', row: created, before: null, after: created };
    });
    return axisView(axis);
  }

  async updateAxis(user: TequioClaims, id: string, dto: UpdateAxisDto): Promise<AxisView> {
    const saved = await this.changeChild(user, 'updated', this.planOfAxis(user, id), async (plan, manager) => {
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
      return { entityType: 'plan_axis', row: saved, before, after: saved };
    });
    return axisView(saved);
  }

  async deleteAxis(user: TequioClaims, id: string): Promise<AxisView> {
    const axis = await this.changeChild(user, 'deleted', this.planOfAxis(user, id), async (plan, manager) => {
      const axis = await this.requireAxis(manager, user.tenant, id);
      const objectives = (await this.plans.objectivesOfPlan(manager, plan.id)).filter((o) => o.axisId === axis.id);
      await this.requireNotAligned(manager, objectives, `id: no se puede eliminar el Eje ${axis.number}`);
      await this.plans.deleteAxis(manager, axis.id);
      return { entityType: 'plan_axis', row: axis, before: axis, after: null };
    });
    return axisView(axis);
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
    const objective = await this.changeChild(user, 'created', this.planOfAxis(user, axisId), async (plan, manager) => {
      const axis = await this.requireAxis(manager, user.tenant, axisId);
      requireCodeOfAxis(dto.code, axis);
      await this.requireFreeObjectiveCode(manager, plan, dto.code);
      const created = await this.plans.saveObjective(
        manager,
        Object.assign(new PlanObjective(), { tenant: user.tenant, planId: plan.id, axisId: axis.id, code: dto.code, name: dto.name }),
      );
      return { entityType: 'plan_objective', row: created, before: null, after: created };
    });
    return objectiveView(objective);
  }

  async updateObjective(user: TequioClaims, id: string, dto: UpdateObjectiveDto): Promise<ObjectiveView> {
    const saved = await this.changeChild(user, 'updated', this.planOfObjective(user, id), async (plan, manager) => {
      const objective = await this.requireObjective(manager, user.tenant, id);
      const before = { ...objective };
      if (dto.code !== undefined && dto.code !== objective.code) {
        const axis = await this.requireAxis(manager, user.tenant, objective.axisId);
        requireCodeOfAxis(dto.code, axis);
        await this.requireFreeObjectiveCode(manager, plan, dto.code);
      }
      Object.assign(objective, { code: dto.code ?? objective.code, name: dto.name ?? objective.name });
      const saved = await this.plans.saveObjective(manager, objective);
      return { entityType: 'plan_objective', row: saved, before, after: saved };
    });
    return objectiveView(saved);
  }

  async deleteObjective(user: TequioClaims, id: string): Promise<ObjectiveView> {
    const objective = await this.changeChild(user, 'deleted', this.planOfObjective(user, id), async (_plan, manager) => {
      const objective = await this.requireObjective(manager, user.tenant, id);
      await this.requireNotAligned(manager, [objective], `id: no se puede eliminar el Objetivo ${objective.code}`);
      await this.plans.deleteObjective(manager, objective.id);
      return { entityType: 'plan_objective', row: objective, before: objective, after: null };
    });
    return objectiveView(objective);
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

  /** Every write of a plan publishes the plan's tree as the change left it (kept in `state` for the answer). */
  private record(user: TequioClaims, action: AuditAction, event: EventDefinition<typeof PlanCreated.data>, state: Written) {
    return {
      tenant: user.tenant,
      actor: user.sub,
      entityType: 'plan',
      action,
      event,
      snapshot: async (plan: PlanPeriod, manager: EntityManager) => {
        state.tree = await this.tree(manager, plan);
        return snapshot(state.tree);
      },
    };
  }

  /**
   * A change of a plan, one of its axes or objectives locks the plan's row first (found through `planId`, which may
   * read the axis or objective: 404 naming it), so concurrent changes queue and each publishes its own version.
   */
  private lockedPlan(
    user: TequioClaims,
    action: AuditAction,
    event: EventDefinition<typeof PlanCreated.data>,
    state: Written,
    planId: (manager: EntityManager) => Promise<string>,
  ) {
    let id = '';
    return {
      ...this.record(user, action, event, state),
      entity: PlanPeriod,
      lock: async (manager: EntityManager) => {
        id = await planId(manager);
        return this.plans.lockPlan(manager, user.tenant, id);
      },
      notFound: () => new NotFoundException(`No existe el plan ${id}`),
    };
  }

  /**
   * A change of an axis or objective bumps its plan's version and re-publishes the plan, while the audit entry is
   * about the axis or objective itself. Returns the row the change wrote (or deleted).
   */
  private async changeChild<T extends PlanAxis | PlanObjective>(
    user: TequioClaims,
    action: AuditAction,
    planId: (manager: EntityManager) => Promise<string>,
    change: (plan: PlanPeriod, manager: EntityManager) => Promise<{ entityType: string; row: T; before: object | null; after: object | null }>,
  ): Promise<T> {
    const changed = {} as { row: T };
    await this.writer.update({
      ...this.lockedPlan(user, action, PlanUpdated, {} as Written, planId),
      change: async (plan, manager) => {
        const { row, ...entry } = await change(plan, manager);
        changed.row = row;
        return { entry: { ...entry, entityId: row.id } };
      },
    });
    return changed.row;
  }

  private planOfAxis(user: TequioClaims, axisId: string) {
    return async (manager: EntityManager) => (await this.requireAxis(manager, user.tenant, axisId)).planId;
  }

  private planOfObjective(user: TequioClaims, objectiveId: string) {
    return async (manager: EntityManager) => (await this.requireObjective(manager, user.tenant, objectiveId)).planId;
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
