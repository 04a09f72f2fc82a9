import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { canActForUnit, TequioClaims } from '@tequio/auth';
import { createHash, randomBytes } from 'node:crypto';
import { effectiveCategories } from '../activities/activity-categories';
import { todayInMexico } from '@tequio/platform';
import { ChangeRecorder } from '../common/change-recorder';
import { addDays } from '../common/municipal-time';
import { KnownUnits } from '../common/known-units';
import { AgendaSettingsService } from '../settings/agenda-settings.service';
import { activityCalendar } from './activity-calendar';
import { CreateCalendarFeedDto } from './calendar-feed.dto';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedsRepository, FeedAudienceFilter } from './calendar-feeds.repository';

/** A feed shows a year back and everything ahead: a calendar client needs no more. */
const FEED_DAYS_BACK = Number(process.env['AGENDA_FEED_DAYS_BACK'] ?? 366);

const RENDERED_FEEDS_KEPT = 100;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function feedView(feed: CalendarFeed) {
  return { id: feed.id, audience: feed.audience, unitCode: feed.unitCode, label: feed.label, createdAt: feed.createdAt, revokedAt: feed.revokedAt };
}

/** iCalendar feeds per audience, reached by a secret token in the URL (calendar clients cannot send headers). */
@Injectable()
export class CalendarFeedsService {
  private readonly rendered = new Map<string, { fingerprint: string; body: string; etag: string }>();

  constructor(
    private readonly feeds: CalendarFeedsRepository,
    private readonly settings: AgendaSettingsService,
    private readonly units: KnownUnits,
    private readonly changes: ChangeRecorder,
  ) {}

  /** The token is shown once, in this answer; only its hash is kept. */
  async create(user: TequioClaims, dto: CreateCalendarFeedDto) {
    await this.requireAudienceRights(user, dto.unitCode ?? null);
    if (dto.unitCode) await this.units.require(user.tenant, [{ field: 'unitCode', code: dto.unitCode }]);
    const token = randomBytes(32).toString('base64url');
    return this.feeds.transaction(async (manager) => {
      const feed = await this.feeds.save(
        manager,
        Object.assign(new CalendarFeed(), { tenant: user.tenant, audience: dto.audience, unitCode: dto.unitCode ?? null, label: dto.label, tokenHash: hashToken(token), createdBy: user.sub, revokedAt: null }),
      );
      await this.changes.record(manager, user, { entityType: 'calendar_feed', entityId: feed.id, action: 'created', after: feedView(feed) });
      return { ...feedView(feed), token, path: `/feeds/${token}.ics` };
    });
  }

  async revoke(user: TequioClaims, id: string) {
    return this.feeds.transaction(async (manager) => {
      const feed = await this.feeds.lock(manager, user.tenant, id);
      if (!feed) throw new NotFoundException(`id: no existe el calendario ${id}`);
      await this.requireAudienceRights(user, feed.unitCode);
      if (feed.revokedAt) return feedView(feed);
      const before = feedView(feed);
      feed.revokedAt = new Date();
      const saved = await this.feeds.save(manager, feed);
      await this.changes.record(manager, user, { entityType: 'calendar_feed', entityId: feed.id, action: 'revoked', before, after: feedView(saved) });
      return feedView(saved);
    });
  }

  async list(user: TequioClaims) {
    const all = await this.settings.isManager(user);
    return (await this.feeds.list(user.tenant, all ? undefined : user.units)).map(feedView);
  }

  /** The calendar behind a token; an unknown or revoked token is simply not found. */
  async render(token: string): Promise<{ body: string; etag: string }> {
    const feed = token.length >= 20 ? await this.feeds.findLiveByHash(hashToken(token)) : null;
    if (!feed) throw new NotFoundException('No existe el calendario');
    // Day granularity: the window moves once a day, and the cache with it.
    const since = new Date(`${addDays(todayInMexico(), -FEED_DAYS_BACK)}T06:00:00.000Z`);
    const audience: FeedAudienceFilter = feed.audience === 'publica' ? { publicOnly: true } : { unitCode: feed.unitCode ?? '' };
    const key = `${feed.tenant}|${feed.audience}|${feed.unitCode ?? ''}|${since.toISOString()}`;
    const fingerprint = await this.feeds.feedFingerprint(feed.tenant, since, audience);
    const cached = this.rendered.get(key);
    if (cached?.fingerprint === fingerprint) return cached;

    const [activities, categoryRows] = await Promise.all([this.feeds.feedActivities(feed.tenant, since, audience), this.feeds.categoryRows(feed.tenant)]);
    const labels = new Map(effectiveCategories(categoryRows).map((category) => [category.code, category.label]));
    const name = feed.audience === 'publica' ? 'Agenda pública del Presidente Municipal' : `Agenda del Presidente Municipal · unidad ${feed.unitCode}`;
    const body = activityCalendar(
      name,
      activities.map((activity) => ({ ...activity, categoryLabel: labels.get(activity.category) ?? activity.category })),
    );
    const entry = { fingerprint, body, etag: `"${createHash('sha256').update(key).update(fingerprint).digest('base64url').slice(0, 27)}"` };
    // Calendar clients poll the same few feeds: keep the latest rendering of each, a bounded number of them.
    this.rendered.delete(key);
    this.rendered.set(key, entry);
    if (this.rendered.size > RENDERED_FEEDS_KEPT) this.rendered.delete(this.rendered.keys().next().value as string);
    return entry;
  }

  /** The public feed is the office's to hand out; a unit's feed, also that unit's. */
  private async requireAudienceRights(user: TequioClaims, unitCode: string | null): Promise<void> {
    if (await this.settings.isManager(user)) return;
    if (unitCode && canActForUnit(user, unitCode)) return;
    throw new ForbiddenException(unitCode ? `unitCode: solo la unidad ${unitCode} o la Oficina de la Presidencia gestionan su calendario` : 'audience: solo la Oficina de la Presidencia gestiona el calendario público');
  }
}
