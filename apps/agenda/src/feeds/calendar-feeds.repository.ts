import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { Activity, ActivityCategoryRow } from '../activities/activity.entity';
import { CalendarFeed } from './calendar-feed.entity';

@Injectable()
export class CalendarFeedsRepository extends DatabaseRepository {
  findLiveByHash(tokenHash: string): Promise<CalendarFeed | null> {
    return this.dataSource.getRepository(CalendarFeed).createQueryBuilder('feed').where('feed.token_hash = :tokenHash AND feed.revoked_at IS NULL', { tokenHash }).getOne();
  }

  lock(manager: EntityManager, tenant: string, id: string): Promise<CalendarFeed | null> {
    return manager.getRepository(CalendarFeed).findOne({ where: { tenant, id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, feed: CalendarFeed): Promise<CalendarFeed> {
    return manager.getRepository(CalendarFeed).save(feed);
  }

  list(tenant: string, unitCodes?: string[]): Promise<CalendarFeed[]> {
    const builder = this.dataSource.getRepository(CalendarFeed).createQueryBuilder('feed').where('feed.tenant = :tenant', { tenant }).orderBy('feed.created_at', 'ASC');
    if (unitCodes) builder.andWhere('feed.unit_code = ANY(:unitCodes)', { unitCodes });
    return builder.getMany();
  }

  /** A feed's activities since a day: public ones, or those a unit organizes or takes part in. */
  feedActivities(tenant: string, since: Date, audience: { publicOnly: true } | { unitCode: string }): Promise<Activity[]> {
    const builder = this.dataSource
      .getRepository(Activity)
      .createQueryBuilder('activity')
      .where('activity.tenant = :tenant AND activity.starts_at >= :since', { tenant, since })
      .orderBy('activity.starts_at', 'ASC');
    if ('publicOnly' in audience) builder.andWhere("activity.visibility = 'publica'");
    else builder.andWhere('(activity.organizer_unit_code = :unitCode OR :unitCode = ANY(activity.involved_unit_codes))', { unitCode: audience.unitCode });
    return builder.getMany();
  }

  categoryRows(tenant: string): Promise<ActivityCategoryRow[]> {
    return this.dataSource.getRepository(ActivityCategoryRow).findBy({ tenant });
  }
}
