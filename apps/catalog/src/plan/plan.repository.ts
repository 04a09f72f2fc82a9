import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PlanAxis, PlanObjective, PlanPeriod } from './plan.entity';

interface Paging {
  tenant: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const escapeLike = (text: string) => `%${text.replace(/[%_\\]/g, '\\$&')}%`;

@Injectable()
export class PlanRepository extends DatabaseRepository {
  findPlan(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanPeriod | null> {
    return manager.getRepository(PlanPeriod).findOneBy({ tenant, id });
  }

  /** Reads the plan and locks its row: every change of a plan, its axes or objectives bumps its version. */
  lockPlan(manager: EntityManager, tenant: string, id: string): Promise<PlanPeriod | null> {
    return manager.getRepository(PlanPeriod).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  findPlanByName(manager: EntityManager, tenant: string, name: string): Promise<PlanPeriod | null> {
    return manager.getRepository(PlanPeriod).findOneBy({ tenant, name });
  }

  /** Other plans of the municipality whose years overlap [startYear, endYear]. */
  overlappingPlans(manager: EntityManager, tenant: string, startYear: number, endYear: number, exceptId?: string): Promise<PlanPeriod[]> {
    const builder = manager
      .getRepository(PlanPeriod)
      .createQueryBuilder('plan')
      .where('plan.tenant = :tenant AND plan.start_year <= :endYear AND plan.end_year >= :startYear', { tenant, startYear, endYear })
      .orderBy('plan.start_year', 'ASC');
    if (exceptId) builder.andWhere('plan.id <> :exceptId', { exceptId });
    return builder.getMany();
  }

  axesOf(manager: EntityManager, planId: string): Promise<PlanAxis[]> {
    return manager.getRepository(PlanAxis).find({ where: { planId }, order: { number: 'ASC' } });
  }

  objectivesOfPlan(manager: EntityManager, planId: string): Promise<PlanObjective[]> {
    return manager.getRepository(PlanObjective).find({ where: { planId }, order: { code: 'ASC' } });
  }

  findAxis(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanAxis | null> {
    return manager.getRepository(PlanAxis).findOneBy({ tenant, id });
  }

  findAxisByNumber(manager: EntityManager, planId: string, number: number): Promise<PlanAxis | null> {
    return manager.getRepository(PlanAxis).findOneBy({ planId, number });
  }

  findObjective(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<PlanObjective | null> {
    return manager.getRepository(PlanObjective).findOneBy({ tenant, id });
  }

  findObjectiveByCode(manager: EntityManager, planId: string, code: string): Promise<PlanObjective | null> {
    return manager.getRepository(PlanObjective).findOneBy({ planId, code });
  }

  findObjectivesByIds(manager: EntityManager, tenant: string, ids: string[]): Promise<PlanObjective[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(PlanObjective).findBy({ tenant, id: In(ids) });
  }

  findPlansByIds(manager: EntityManager, tenant: string, ids: string[]): Promise<PlanPeriod[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(PlanPeriod).findBy({ tenant, id: In(ids) });
  }

  /** Programs aligned to any of these objectives: "code/year" of each, to explain a refused change. */
  async alignedPrograms(manager: EntityManager, objectiveIds: string[]): Promise<{ objectiveId: string; code: string; year: number }[]> {
    if (objectiveIds.length === 0) return [];
    return manager.query(
      `SELECT po.objective_id AS "objectiveId", p.code, p.year FROM program_objective po JOIN program p ON p.id = po.program_id
       WHERE po.objective_id = ANY($1::uuid[]) ORDER BY p.year, p.code`,
      [objectiveIds],
    );
  }

  saveAxis(manager: EntityManager, axis: PlanAxis): Promise<PlanAxis> {
    return manager.getRepository(PlanAxis).save(axis);
  }

  saveObjective(manager: EntityManager, objective: PlanObjective): Promise<PlanObjective> {
    return manager.getRepository(PlanObjective).save(objective);
  }

  async deletePlan(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PlanPeriod).delete({ id });
  }

  async deleteAxis(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PlanAxis).delete({ id });
  }

  async deleteObjective(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PlanObjective).delete({ id });
  }

  async listPlans(query: Paging & { q?: string; year?: number; sort: 'startYear' | 'name' | 'createdAt' }): Promise<{ items: PlanPeriod[]; total: number }> {
    const builder = this.dataSource
      .getRepository(PlanPeriod)
      .createQueryBuilder('plan')
      .where('plan.tenant = :tenant', { tenant: query.tenant })
      .orderBy(`plan.${query.sort}`, query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('plan.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.q) builder.andWhere('plan.name ILIKE :q', { q: escapeLike(query.q) });
    if (query.year !== undefined) builder.andWhere('plan.start_year <= :year AND plan.end_year >= :year', { year: query.year });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async listAxes(query: Paging & { planId?: string; q?: string; sort: 'number' | 'name' }): Promise<{ items: PlanAxis[]; total: number }> {
    const builder = this.dataSource
      .getRepository(PlanAxis)
      .createQueryBuilder('axis')
      .where('axis.tenant = :tenant', { tenant: query.tenant })
      .orderBy(`axis.${query.sort}`, query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('axis.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.planId) builder.andWhere('axis.plan_id = :planId', { planId: query.planId });
    if (query.q) builder.andWhere('axis.name ILIKE :q', { q: escapeLike(query.q) });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async listObjectives(
    query: Paging & { planId?: string; axisId?: string; year?: number; q?: string; sort: 'code' | 'name' },
  ): Promise<{ items: PlanObjective[]; total: number }> {
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const builder = this.dataSource
      .getRepository(PlanObjective)
      .createQueryBuilder('objective')
      .where('objective.tenant = :tenant', { tenant: query.tenant })
      .take(query.limit)
      .skip(query.offset);
    if (query.sort === 'code') {
      // "2.10" sorts after "2.9": compare the numbers, not the text.
      builder
        .orderBy(`objective.plan_id`, 'ASC')
        .addOrderBy(`string_to_array(objective.code, '.')::int[]`, direction);
    } else {
      builder.orderBy('objective.name', direction);
    }
    builder.addOrderBy('objective.id', 'ASC');
    if (query.planId) builder.andWhere('objective.plan_id = :planId', { planId: query.planId });
    if (query.axisId) builder.andWhere('objective.axis_id = :axisId', { axisId: query.axisId });
    if (query.q) builder.andWhere('(objective.code ILIKE :q OR objective.name ILIKE :q)', { q: escapeLike(query.q) });
    if (query.year !== undefined) {
      builder.andWhere(
        'objective.plan_id IN (SELECT id FROM plan_period WHERE tenant = :tenant AND start_year <= :year AND end_year >= :year)',
        { year: query.year },
      );
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
