import { Injectable } from '@nestjs/common';
import { AllianceKind } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { Alliance } from './alliance.entity';

@Injectable()
export class AlliancesRepository extends DatabaseRepository {
  lock(manager: EntityManager, tenant: string, id: string): Promise<Alliance | null> {
    return manager.getRepository(Alliance).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  find(tenant: string, id: string): Promise<Alliance | null> {
    return this.dataSource.getRepository(Alliance).findOneBy({ tenant, id });
  }

  save(manager: EntityManager, alliance: Alliance): Promise<Alliance> {
    return manager.getRepository(Alliance).save(alliance);
  }

  async list(query: { tenant: string; kind?: AllianceKind; from?: string; to?: string; limit: number; offset: number }) {
    const builder = this.dataSource
      .getRepository(Alliance)
      .createQueryBuilder('alliance')
      .where('alliance.tenant = :tenant', { tenant: query.tenant })
      .orderBy('alliance.signed_on', 'ASC')
      .addOrderBy('alliance.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.kind) builder.andWhere('alliance.kind = :kind', { kind: query.kind });
    if (query.from) builder.andWhere('alliance.signed_on >= :from', { from: query.from });
    if (query.to) builder.andWhere('alliance.signed_on <= :to', { to: query.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
