import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager, In } from 'typeorm';
import { ActivityKind, Complaint, ComplaintRequirement, TransparencyActivity } from './activity.entity';

@Injectable()
export class ActivitiesRepository extends DatabaseRepository {
  save(manager: EntityManager, activity: TransparencyActivity): Promise<TransparencyActivity> {
    return manager.getRepository(TransparencyActivity).save(activity);
  }

  lock(manager: EntityManager, tenant: string, kind: ActivityKind, id: string): Promise<TransparencyActivity | null> {
    return manager
      .getRepository(TransparencyActivity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.tenant = :tenant AND a.kind = :kind AND a.id = :id', { tenant, kind, id })
      .getOne();
  }

  async list(filter: { tenant: string; kind: ActivityKind; from?: string; to?: string; limit: number; offset: number }) {
    const builder = this.dataSource
      .getRepository(TransparencyActivity)
      .createQueryBuilder('a')
      .where('a.tenant = :tenant AND a.kind = :kind', { tenant: filter.tenant, kind: filter.kind })
      .orderBy('a.day', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.from) builder.andWhere('a.day >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('a.day <= :to', { to: filter.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  saveComplaint(manager: EntityManager, complaint: Complaint): Promise<Complaint> {
    return manager.getRepository(Complaint).save(complaint);
  }

  lockComplaint(manager: EntityManager, tenant: string, id: string): Promise<Complaint | null> {
    return manager.getRepository(Complaint).createQueryBuilder('c').setLock('pessimistic_write').where('c.tenant = :tenant AND c.id = :id', { tenant, id }).getOne();
  }

  findComplaint(tenant: string, id: string): Promise<Complaint | null> {
    return this.dataSource.getRepository(Complaint).findOneBy({ tenant, id });
  }

  requirementsOf(complaintIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ComplaintRequirement[]> {
    if (complaintIds.length === 0) return Promise.resolve([]);
    return manager.getRepository(ComplaintRequirement).find({ where: { complaintId: In(complaintIds) }, order: { sentOn: 'ASC', oficioNumber: 'ASC' } });
  }

  saveRequirement(manager: EntityManager, requirement: ComplaintRequirement): Promise<ComplaintRequirement> {
    return manager.getRepository(ComplaintRequirement).save(requirement);
  }

  async listComplaints(filter: { tenant: string; from?: string; to?: string; limit: number; offset: number }) {
    const builder = this.dataSource
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.tenant = :tenant', { tenant: filter.tenant })
      .orderBy('c.received_on', 'DESC')
      .take(filter.limit)
      .skip(filter.offset);
    if (filter.from) builder.andWhere('c.received_on >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('c.received_on <= :to', { to: filter.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }
}
