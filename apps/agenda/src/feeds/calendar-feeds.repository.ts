import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from '@tequio/platform';
import { EntityManager } from 'typeorm';
import { Activity, ActivityCategoryRow } from '../activities/activity.entity';
import { CalendarFeed } from './calendar-feed.entity';

export type FeedAudienceFilter = { publicOnly: true } | { unitCode: string };

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
  feedActivities(tenant: string, since: Date, audience: FeedAudienceFilter): Promise<Activity[]> {
    return this.feedQuery(tenant, since, audience).orderBy('activity.starts_at', 'ASC').getMany();
  }

  /** Changes whenever the feed's content may have: how many activities it holds and the latest change among them. */
  async feedFingerprint(tenant: string, since: Date, audience: FeedAudienceFilter): Promise<string> {
    const row = await this.feedQuery(tenant, since, audience)
      .select('count(*)::int', 'n')
      .addSelect("coalesce(max(activity.updated_at), 'epoch')", 'last')
      .getRawOne<{ n: number; last: Date }>();
    const categories = await this.dataSource.query(`SELECT coalesce(max(md5(code || label)), '') AS c, count(*)::int AS n FROM activity_category WHERE tenant = $1`, [tenant]);
    return `${row?.n}:${new Date(row?.last ?? 0).getTime()}:${categories[0].c}:${categories[0].n}`;
  }

  private feedQuery(tenant: string, since: Date, audience: FeedAudienceFilter) {
    const builder = this.dataSource.getRepository(Activity).createQueryBuilder('activity').where('activity.tenant = :tenant AND activity.starts_at >= :since', { tenant, since });
    if ('publicOnly' in audience) builder.andWhere("activity.visibility = 'publica'");
    else builder.andWhere('(activity.organizer_unit_code = :unitCode OR :unitCode = ANY(activity.involved_unit_codes))', { unitCode: audience.unitCode });
    return builder;
  }

  categoryRows(tenant: string): Promise<ActivityCategoryRow[]> {
    return this.dataSource.getRepository(ActivityCategoryRow).findBy({ tenant });
  }
}
