import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { Hearing } from './hearing.entity';

export interface HearingListFilter {
  tenant: string;
  outcome?: string;
  topic?: string;
  requesterCategory?: string;
  from?: string;
  to?: string;
  visibleToUnits?: string[];
  limit: number;
  offset: number;
}

@Injectable()
export class HearingsRepository extends DatabaseRepository {
  async insert(manager: EntityManager, hearing: Hearing): Promise<void> {
    await manager.getRepository(Hearing).insert(hearing);
  }

  async update(manager: EntityManager, hearing: Hearing): Promise<void> {
    const { id, tenant, createdAt: _created, ...changes } = hearing;
    await manager.getRepository(Hearing).update({ id, tenant }, { ...changes, updatedAt: new Date() });
  }

  lock(manager: EntityManager, tenant: string, id: string): Promise<Hearing | null> {
    return manager.getRepository(Hearing).createQueryBuilder('h').setLock('pessimistic_write').where('h.tenant = :tenant AND h.id = :id', { tenant, id }).getOne();
  }

  find(tenant: string, id: string): Promise<Hearing | null> {
    return this.dataSource.getRepository(Hearing).findOneBy({ tenant, id });
  }

  async list(filter: HearingListFilter): Promise<{ items: Hearing[]; total: number }> {
    const builder = this.dataSource
      .getRepository(Hearing)
      .createQueryBuilder('h')
      .where('h.tenant = :tenant', { tenant: filter.tenant })
      .orderBy('h.requested_on', 'DESC')
      .addOrderBy('h.id')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.outcome) builder.andWhere('h.outcome = :outcome', { outcome: filter.outcome });
    if (filter.topic) builder.andWhere('h.topic = :topic', { topic: filter.topic });
    if (filter.requesterCategory) builder.andWhere('h.requester_category = :category', { category: filter.requesterCategory });
    if (filter.from) builder.andWhere('h.requested_on >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('h.requested_on <= :to', { to: filter.to });
    if (filter.visibleToUnits) builder.andWhere('(h.unit_code = ANY(:units) OR h.channelled_unit_code = ANY(:units))', { units: filter.visibleToUnits });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
