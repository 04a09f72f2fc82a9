import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { PlanObjective } from '../plan/plan.entity';
import { Unit } from '../units/unit.entity';
import { Program, ProgramObjective } from './program.entity';

export interface ProgramListQuery {
  tenant: string;
  year?: number;
  unitId?: string;
  objectiveId?: string;
  q?: string;
  sort: 'code' | 'name' | 'year' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

@Injectable()
export class ProgramsRepository extends DatabaseRepository {
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  findById(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Program | null> {
    return manager.getRepository(Program).findOneBy({ tenant, id });
  }

  /** Reads the program and locks its row, so writes to one program (and its MIR) run one after the other. */
  lock(manager: EntityManager, tenant: string, id: string): Promise<Program | null> {
    return manager.getRepository(Program).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(manager: EntityManager, tenant: string, ids: string[]): Promise<Program[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(Program).findBy({ tenant, id: In(ids) });
  }

  findByCode(manager: EntityManager, tenant: string, year: number, code: string): Promise<Program | null> {
    return manager.getRepository(Program).findOneBy({ tenant, year, code });
  }

  findUnits(manager: EntityManager, tenant: string, ids: string[]): Promise<Unit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(Unit).findBy({ tenant, id: In(ids) });
  }

  async objectiveIdsOf(manager: EntityManager, programIds: string[]): Promise<Map<string, string[]>> {
    const byProgram = new Map<string, string[]>(programIds.map((id) => [id, []]));
    if (programIds.length === 0) return byProgram;
    const rows = await manager.getRepository(ProgramObjective).findBy({ programId: In(programIds) });
    for (const row of rows) byProgram.get(row.programId)?.push(row.objectiveId);
    return byProgram;
  }

  findObjectives(manager: EntityManager, ids: string[]): Promise<PlanObjective[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(PlanObjective).findBy({ id: In(ids) });
  }

  async replaceObjectives(manager: EntityManager, programId: string, objectiveIds: string[]): Promise<void> {
    await manager.getRepository(ProgramObjective).delete({ programId });
    if (objectiveIds.length > 0) {
      await manager.getRepository(ProgramObjective).insert(objectiveIds.map((objectiveId) => ({ programId, objectiveId })));
    }
  }

  async indicatorCount(manager: EntityManager, programId: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM indicator WHERE program_id = $1`, [programId]);
    return n;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Program).delete({ id });
  }

  async list(query: ProgramListQuery): Promise<{ items: Program[]; total: number }> {
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const builder = this.dataSource
      .getRepository(Program)
      .createQueryBuilder('program')
      .where('program.tenant = :tenant', { tenant: query.tenant })
      .orderBy(`program.${query.sort}`, direction)
      .take(query.limit)
      .skip(query.offset);
    if (query.sort !== 'year') builder.addOrderBy('program.year', 'DESC');
    if (query.sort !== 'code') builder.addOrderBy('program.code', 'ASC');
    builder.addOrderBy('program.id', 'ASC');
    if (query.year !== undefined) builder.andWhere('program.year = :year', { year: query.year });
    if (query.unitId) builder.andWhere('program.owner_unit_id = :unitId', { unitId: query.unitId });
    if (query.objectiveId) {
      builder.andWhere('program.id IN (SELECT program_id FROM program_objective WHERE objective_id = :objectiveId)', { objectiveId: query.objectiveId });
    }
    if (query.q) builder.andWhere('(program.code ILIKE :q OR program.name ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
