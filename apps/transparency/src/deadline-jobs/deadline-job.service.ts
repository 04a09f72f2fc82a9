import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MunicipalCalendar, yearOf } from '@tequio/calendar';
import { calendarDay, TransparencyRequestChanged, TransparencyRequestDueSoon, TransparencyRequestOverdue } from '@tequio/contracts';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { DeadlineCalendar } from '../deadlines/deadline-calendar';
import { businessDaysLeft, clarificationLapsed, isOverdue } from '../deadlines/deadline-engine';
import { TransparencyRequest } from '../requests/request.entity';
import { applySchedule, auditSnapshot, requestSnapshot } from '../requests/request-snapshot';
import { RequestsRepository } from '../requests/requests.repository';
import { TransparencySettings } from '../settings/settings.entity';
import { SettingsService } from '../settings/settings.service';

export interface DeadlineJobResult {
  skipped: boolean;
  examined: number;
  overdue: number;
  dueSoon: number;
  lapsed: number;
}

const ACTOR = 'system:deadline-job';
const JOB_LOCK = 'transparency.deadline-job';
/** Ten business days are at most sixteen calendar days, plus holidays: a month covers any due-soon notice. */
const HORIZON_DAYS = 31;

/**
 * Marks requests overdue, sends due-soon notices and closes unanswered clarifications. Safe with several replicas:
 * one run at a time (advisory lock), rows locked and skipped by others, and each notice sent once per due date.
 */
@Injectable()
export class DeadlineJobService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineJobService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly requests: RequestsRepository,
    private readonly settingsService: SettingsService,
    private readonly calendars: DeadlineCalendar,
    private readonly changes: ChangeRecorder,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Number(process.env.TRANSPARENCY_DEADLINE_JOB_MS ?? 15 * 60_000);
    if (!(everyMs > 0)) return;
    this.timer = setInterval(() => {
      this.run().catch((error: Error) => this.logger.error(`Deadline job failed: ${error.message}`));
    }, everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async run(now: Date = new Date(), batch = 500): Promise<DeadlineJobResult> {
    return this.requests.transaction(async (manager) => {
      const result: DeadlineJobResult = { skipped: false, examined: 0, overdue: 0, dueSoon: 0, lapsed: 0 };
      if (!(await this.requests.tryJobLock(manager, JOB_LOCK))) return { ...result, skipped: true };
      const horizon = calendarDay(new Date(now.getTime() + HORIZON_DAYS * 86_400_000));
      const settingsOf = memo((tenant: string) => this.settingsService.forTenant(tenant, manager));
      const calendarOf = memo((key: string) => {
        const [tenant, year] = key.split('|');
        return this.calendars.around(tenant, Number(year), manager);
      });
      for (let afterId: string | null = null; ; ) {
        const candidates = await this.requests.deadlineCandidates(manager, horizon, afterId, batch);
        if (candidates.length === 0) return result;
        afterId = candidates[candidates.length - 1].id;
        for (const request of candidates) {
          result.examined += 1;
          const settings = await settingsOf(request.tenant);
          const calendar = await calendarOf(`${request.tenant}|${yearOf(request.receiptDate)}`);
          const outcome = await this.examine(manager, request, settings, calendar, now);
          if (outcome) result[outcome] += 1;
        }
      }
    });
  }

  private async examine(
    manager: EntityManager,
    request: TransparencyRequest,
    settings: TransparencySettings,
    calendar: MunicipalCalendar,
    now: Date,
  ): Promise<'overdue' | 'dueSoon' | 'lapsed' | null> {
    const today = calendarDay(now, calendar.settingsOf(yearOf(request.receiptDate)).timeZone);
    const { current } = applySchedule(request, calendar, settings.terms[request.kind]);
    const turns = await this.requests.turnsOf([request.id], manager);
    const before = auditSnapshot(request, turns);
    if (clarificationLapsed(current, today)) {
      request.status = 'no_presentada';
      await this.save(manager, request, turns, before, 'clarification_lapsed', TransparencyRequestChanged, {});
      await this.requests.recordStatus(manager, {
        requestId: request.id,
        fromStatus: 'en_prevencion',
        toStatus: 'no_presentada',
        actor: ACTOR,
        note: `Sin respuesta a la prevención (venció el ${current.clarificationReplyDue})`,
      });
      return 'lapsed';
    }
    if (isOverdue(current, today)) {
      request.overdue = true;
      await this.save(manager, request, turns, before, 'overdue', TransparencyRequestOverdue, {});
      return 'overdue';
    }
    const left = businessDaysLeft(current, today, calendar);
    if (left !== null && left <= settings.dueSoonDays && request.dueSoonNotifiedFor !== current.answerDue) {
      request.dueSoonNotifiedFor = current.answerDue;
      await this.save(manager, request, turns, before, 'due_soon', TransparencyRequestDueSoon, { businessDaysLeft: left });
      return 'dueSoon';
    }
    return null;
  }

  private async save(
    manager: EntityManager,
    request: TransparencyRequest,
    turns: Awaited<ReturnType<RequestsRepository['turnsOf']>>,
    before: object,
    action: string,
    event: typeof TransparencyRequestChanged | typeof TransparencyRequestOverdue | typeof TransparencyRequestDueSoon,
    extra: Record<string, unknown>,
  ): Promise<void> {
    request.version += 1;
    const saved = await this.requests.save(manager, request);
    await this.changes.record(manager, {
      tenant: saved.tenant,
      actor: ACTOR,
      entityType: 'transparency_request',
      entityId: saved.id,
      action,
      before,
      after: auditSnapshot(saved, turns),
      event: event as typeof TransparencyRequestChanged,
      data: { ...requestSnapshot(saved, turns), ...extra },
    });
  }
}

function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = load(key);
      cache.set(key, value);
    }
    return value;
  };
}
