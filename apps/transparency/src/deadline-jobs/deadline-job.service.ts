import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MunicipalCalendar, yearOf } from '@tequio/calendar';
import { calendarDay, TransparencyRequestChanged, TransparencyRequestDueSoon, TransparencyRequestOverdue } from '@tequio/contracts';
import { ChangeRecorder } from '../common/change-recorder';
import { DeadlineCalendar } from '../deadlines/deadline-calendar';
import { businessDaysLeft, clarificationLapsed, isOverdue } from '../deadlines/deadline-engine';
import { applySchedule, auditSnapshot, RequestState, requestSnapshot } from '../requests/request-snapshot';
import { groupByParent } from '../requests/requests.service';
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
        const turns = groupByParent(await this.requests.turnsOf(candidates.map((request) => request.id), manager));
        const changes: Record<Outcome, { request: RequestState; before: object; extra: Record<string, unknown> }[]> = { overdue: [], dueSoon: [], lapsed: [] };
        for (const request of candidates) {
          result.examined += 1;
          const settings = await settingsOf(request.tenant);
          const calendar = await calendarOf(`${request.tenant}|${yearOf(request.receiptDate)}`);
          const before = auditSnapshot(request, turns.get(request.id) ?? []);
          const outcome = examine(request, settings, calendar, now);
          if (!outcome) continue;
          request.version += 1;
          changes[outcome.kind].push({ request, before, extra: outcome.extra });
          result[outcome.kind] += 1;
        }
        await this.requests.saveDeadlineFields(manager, [...changes.overdue, ...changes.dueSoon, ...changes.lapsed].map((change) => change.request));
        await this.requests.recordStatuses(
          manager,
          changes.lapsed.map(({ request }) => ({
            requestId: request.id,
            fromStatus: 'en_prevencion',
            toStatus: 'no_presentada',
            actor: ACTOR,
            note: 'Sin respuesta a la prevención en su plazo',
          })),
        );
        const events = { lapsed: TransparencyRequestChanged, overdue: TransparencyRequestOverdue, dueSoon: TransparencyRequestDueSoon } as const;
        for (const kind of ['lapsed', 'overdue', 'dueSoon'] as const) {
          await this.changes.recordMany(
            manager,
            events[kind] as typeof TransparencyRequestChanged,
            changes[kind].map(({ request, before, extra }) => ({
              tenant: request.tenant,
              actor: ACTOR,
              entityType: 'transparency_request',
              entityId: request.id,
              action: ACTIONS[kind],
              before,
              after: auditSnapshot(request, turns.get(request.id) ?? []),
              data: { ...requestSnapshot(request, turns.get(request.id) ?? []), ...extra },
            })),
          );
        }
      }
    });
  }
}

type Outcome = 'overdue' | 'dueSoon' | 'lapsed';
const ACTIONS: Record<Outcome, string> = { overdue: 'overdue', dueSoon: 'due_soon', lapsed: 'clarification_lapsed' };

/** What the job does to one request today, applied to it (not yet saved); null when nothing. */
function examine(request: RequestState, settings: TransparencySettings, calendar: MunicipalCalendar, now: Date): { kind: Outcome; extra: Record<string, unknown> } | null {
  const today = calendarDay(now, calendar.settingsOf(yearOf(request.receiptDate)).timeZone);
  const { current } = applySchedule(request, calendar, settings.terms[request.kind]);
  if (clarificationLapsed(current, today)) {
    request.status = 'no_presentada';
    return { kind: 'lapsed', extra: {} };
  }
  if (isOverdue(current, today)) {
    request.overdue = true;
    return { kind: 'overdue', extra: {} };
  }
  const left = businessDaysLeft(current, today, calendar);
  if (left !== null && left <= settings.dueSoonDays && request.dueSoonNotifiedFor !== current.answerDue) {
    request.dueSoonNotifiedFor = current.answerDue;
    return { kind: 'dueSoon', extra: { businessDaysLeft: left } };
  }
  return null;
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
