import { DatabaseRepository } from '@tequio/platform';
import { Injectable } from '@nestjs/common';
import type { TenantRegistry } from '@tequio/auth';
import { EntityManager } from 'typeorm';
import { Municipality } from './municipality.entity';

export interface MunicipalityListQuery {
  /** Only this municipality (callers who are not admin see only their own). */
  onlyId?: string;
  q?: string;
  state?: string;
  active?: boolean;
  sort: 'id' | 'name' | 'inegiCode';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

@Injectable()
export class MunicipalitiesRepository extends DatabaseRepository implements TenantRegistry {
  /** Catalog's tenant registry: the municipality exists here and is active. */
  async isActive(tenant: string): Promise<boolean> {
    return this.dataSource.getRepository(Municipality).existsBy({ id: tenant, active: true });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Municipality | null> {
    return manager.getRepository(Municipality).findOneBy({ id });
  }

  findByInegiCode(inegiCode: string, manager: EntityManager): Promise<Municipality | null> {
    return manager.getRepository(Municipality).findOneBy({ inegiCode });
  }

  async list(query: MunicipalityListQuery): Promise<{ items: Municipality[]; total: number }> {
    const builder = this.dataSource
      .getRepository(Municipality)
      .createQueryBuilder('m')
      .orderBy(`m.${query.sort}`, query.order === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('m.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.onlyId !== undefined) builder.andWhere('m.id = :onlyId', { onlyId: query.onlyId });
    if (query.q) {
      builder.andWhere('(m.id ILIKE :q OR m.name ILIKE :q OR m.inegi_code ILIKE :q)', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    if (query.state) builder.andWhere('m.state = :state', { state: query.state });
    if (query.active !== undefined) builder.andWhere('m.active = :active', { active: query.active });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
