import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager, In } from 'typeorm';
import { OficioTurn } from '../common/oficio-turn.entity';
import { TransparencyRequest } from '../requests/request.entity';
import { AppealNotification, ReviewAppeal } from './appeal.entity';

@Injectable()
export class AppealsRepository extends DatabaseRepository {
  lock(manager: EntityManager, tenant: string, id: string): Promise<ReviewAppeal | null> {
    return manager.getRepository(ReviewAppeal).createQueryBuilder('a').setLock('pessimistic_write').where('a.tenant = :tenant AND a.id = :id', { tenant, id }).getOne();
  }

  findById(tenant: string, id: string): Promise<ReviewAppeal | null> {
    return this.dataSource.getRepository(ReviewAppeal).findOneBy({ tenant, id });
  }

  findByFileNumber(manager: EntityManager, tenant: string, fileNumber: string): Promise<ReviewAppeal | null> {
    return manager.getRepository(ReviewAppeal).findOneBy({ tenant, fileNumber });
  }

  findRequestByFolio(manager: EntityManager, tenant: string, folio: string): Promise<TransparencyRequest | null> {
    return manager.getRepository(TransparencyRequest).findOneBy({ tenant, folio });
  }

  save(manager: EntityManager, appeal: ReviewAppeal): Promise<ReviewAppeal> {
    return manager.getRepository(ReviewAppeal).save(appeal);
  }

  async addNotification(manager: EntityManager, notification: AppealNotification): Promise<void> {
    await manager.getRepository(AppealNotification).insert(notification);
  }

  notificationsOf(appealIds: string[], manager: EntityManager = this.dataSource.manager): Promise<AppealNotification[]> {
    if (appealIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(AppealNotification).find({ where: { appealId: In(appealIds) }, order: { receivedOn: 'ASC', createdAt: 'ASC' } });
  }

  turnsOf(appealIds: string[], manager: EntityManager = this.dataSource.manager): Promise<OficioTurn[]> {
    if (appealIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(OficioTurn).find({ where: { parentId: In(appealIds), procedure: 'recurso_revision' }, order: { turnedOn: 'ASC', oficioNumber: 'ASC' } });
  }

  saveTurn(manager: EntityManager, turn: OficioTurn): Promise<OficioTurn> {
    return manager.getRepository(OficioTurn).save(turn);
  }

  async list(filter: { tenant: string; status?: string; from?: string; to?: string; limit: number; offset: number }) {
    const builder = this.dataSource
      .getRepository(ReviewAppeal)
      .createQueryBuilder('a')
      .where('a.tenant = :tenant', { tenant: filter.tenant })
      .orderBy('a.filed_on', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.status) builder.andWhere('a.status = :status', { status: filter.status });
    if (filter.from) builder.andWhere('a.filed_on >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('a.filed_on <= :to', { to: filter.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
