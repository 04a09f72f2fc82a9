import { Injectable } from '@nestjs/common';
import { ActivityStatus, ActivityVisibility } from '@tequio/contracts';
import { DatabaseRepository } from '@tequio/platform';
import { Brackets, EntityManager } from 'typeorm';
import { Activity, ActivityCategoryRow, ActivityStatusChange } from './activity.entity';

export interface ActivityListQuery {
  tenant: string;
  from?: Date;
  to?: Date;
  status?: ActivityStatus;
  category?: string;
  unitCode?: string;
  visibility?: ActivityVisibility;
  /** Non-managers see public activities and those of their own units only. */
  restrictToUnits?: string[];
  limit: number;
  offset: number;
}

@Injectable()
export class ActivitiesRepository extends DatabaseRepository {
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  findById(tenant: string, id: string): Promise<Activity | null> {
    return this.dataSource.getRepository(Activity).findOneBy({ tenant, id });
  }

  lock(manager: EntityManager, tenant: string, id: string): Promise<Activity | null> {
    return manager.getRepository(Activity).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, activity: Activity): Promise<Activity> {
    return manager.getRepository(Activity).save(activity);
  }

  async addHistory(manager: EntityManager, step: Omit<ActivityStatusChange, 'id' | 'changedAt'>): Promise<void> {
    await manager.getRepository(ActivityStatusChange).insert(step);
  }

  history(activityId: string): Promise<ActivityStatusChange[]> {
    return this.dataSource.getRepository(ActivityStatusChange).find({ where: { activityId }, order: { id: 'ASC' } });
  }

  /** Other live activities of the president that share some time with [startsAt, endsAt). */
  overlapping(manager: EntityManager, tenant: string, startsAt: Date, endsAt: Date, exceptId?: string): Promise<Activity[]> {
    const builder = manager
      .getRepository(Activity)
      .createQueryBuilder('activity')
      .where('activity.tenant = :tenant', { tenant })
      .andWhere("activity.status <> 'cancelada'")
      .andWhere('activity.starts_at < :endsAt AND activity.ends_at > :startsAt', { startsAt, endsAt })
      .orderBy('activity.starts_at', 'ASC')
      .take(20);
    if (exceptId) builder.andWhere('activity.id <> :exceptId', { exceptId });
    return builder.getMany();
  }

  async list(query: ActivityListQuery): Promise<{ items: Activity[]; total: number }> {
    const builder = this.dataSource
      .getRepository(Activity)
      .createQueryBuilder('activity')
      .where('activity.tenant = :tenant', { tenant: query.tenant })
      .orderBy('activity.starts_at', 'ASC')
      .addOrderBy('activity.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.from) builder.andWhere('activity.starts_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('activity.starts_at < :to', { to: query.to });
    if (query.status) builder.andWhere('activity.status = :status', { status: query.status });
    if (query.category) builder.andWhere('activity.category = :category', { category: query.category });
    if (query.visibility) builder.andWhere('activity.visibility = :visibility', { visibility: query.visibility });
    if (query.unitCode) {
      builder.andWhere('(activity.organizer_unit_code = :unitCode OR :unitCode = ANY(activity.involved_unit_codes))', { unitCode: query.unitCode });
    }
    if (query.restrictToUnits) {
      const units = query.restrictToUnits;
      builder.andWhere(
        new Brackets((inner) =>
          inner
            .where("activity.visibility = 'publica'")
            .orWhere('activity.organizer_unit_code = ANY(:units)', { units })
            .orWhere('activity.involved_unit_codes && :units::text[]', { units }),
        ),
      );
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  categoryRows(tenant: string, manager: EntityManager = this.dataSource.manager): Promise<ActivityCategoryRow[]> {
    return manager.getRepository(ActivityCategoryRow).find({ where: { tenant }, order: { code: 'ASC' } });
  }

  async upsertCategory(manager: EntityManager, row: ActivityCategoryRow): Promise<void> {
    await manager.getRepository(ActivityCategoryRow).upsert(row, ['tenant', 'code']);
  }
}
