import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Program } from '../programs/program.entity';
import { Unit } from '../units/unit.entity';
import { Indicator } from './indicator.entity';

export interface IndicatorListQuery {
  tenant: string;
  year?: number;
  programId?: string;
  unitId?: string;
  level?: string;
  q?: string;
  sort: 'mir' | 'name' | 'createdAt' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Fin, Propósito, then each Componente N followed by its Actividades N.M. */
const MIR_ORDER = [
  `CASE WHEN indicator.level IN ('fin', 'proposito') THEN 0 ELSE indicator.component_number END`,
  `CASE indicator.level WHEN 'fin' THEN 0 WHEN 'proposito' THEN 1 WHEN 'componente' THEN 2 ELSE 3 END`,
  `COALESCE(indicator.activity_number, 0)`,
];

@Injectable()
export class IndicatorsRepository extends DatabaseRepository {
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  findById(tenant: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Indicator | null> {
    return manager.getRepository(Indicator).findOneBy({ tenant, id });
  }

  ofProgram(manager: EntityManager, programId: string): Promise<Indicator[]> {
    return manager.getRepository(Indicator).findBy({ programId });
  }

  children(manager: EntityManager, parentId: string): Promise<Indicator[]> {
    return manager.getRepository(Indicator).find({ where: { parentId }, order: { activityNumber: 'ASC' } });
  }

  unitsByIds(manager: EntityManager, tenant: string, ids: string[]): Promise<Unit[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.getRepository(Unit).findBy({ tenant, id: In([...new Set(ids)]) });
  }

  unitsByCodes(manager: EntityManager, tenant: string, codes: string[]): Promise<Unit[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return manager.getRepository(Unit).findBy({ tenant, code: In([...new Set(codes)]) });
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(Indicator).delete({ id });
  }

  async list(query: IndicatorListQuery): Promise<{ items: Indicator[]; total: number }> {
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    const builder = this.dataSource
      .getRepository(Indicator)
      .createQueryBuilder('indicator')
      .innerJoin(Program, 'program', 'program.id = indicator.program_id')
      .where('indicator.tenant = :tenant', { tenant: query.tenant })
      .limit(query.limit)
      .offset(query.offset);
    if (query.sort === 'mir') {
      builder.orderBy('program.year', direction).addOrderBy('program.code', direction);
      for (const expression of MIR_ORDER) builder.addOrderBy(expression, direction);
    } else {
      builder.orderBy(`indicator.${query.sort}`, direction);
    }
    builder.addOrderBy('indicator.id', 'ASC');
    if (query.year !== undefined) builder.andWhere('indicator.year = :year', { year: query.year });
    if (query.programId) builder.andWhere('indicator.program_id = :programId', { programId: query.programId });
    if (query.unitId) builder.andWhere('indicator.responsible_unit_id = :unitId', { unitId: query.unitId });
    if (query.level) builder.andWhere('indicator.level = :level', { level: query.level });
    if (query.q) {
      builder.andWhere('(indicator.name ILIKE :q OR indicator.definition ILIKE :q OR indicator.calculation_method ILIKE :q)', {
        q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%`,
      });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
