import { BadRequestException, ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { canActForUnit, TequioClaims } from '@tequio/auth';
import { WeeklyRosterClosed, WeeklyRoster, WeeklySubmissionReceived, WeeklySubmissionSnapshot, WeeklySubmissionUpdated } from '@tequio/contracts';
import { AttachmentsService, openOwnedAttachment } from '@tequio/attachments';
import { IncomingMessage } from 'node:http';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../common/change-recorder';
import { KnownUnits } from '../common/known-units';
import { compareIsoWeeks, IsoWeek, isoWeekLabel, isoWeekOf, isoWeekThursday, nextIsoWeek, parseIsoWeek } from '../common/municipal-time';
import { AgendaSettingsService } from '../settings/agenda-settings.service';
import { complianceReport, weeksBetween } from './weekly-compliance';
import { weeklyDeadline } from './weekly-deadline';
import { ComplianceQueryDto, CorrectWeeklyAgendaDto, ListWeeklyAgendasQueryDto, SubmitWeeklyAgendaDto } from './weekly.dto';
import { WeeklyRosterRow, WeeklySubmission } from './weekly.entity';
import { WeeklyRepository } from './weekly.repository';

const SWEEP_MINUTES = Number(process.env['AGENDA_ROSTER_SWEEP_MINUTES'] ?? 60);
/** A sweep never closes more than five years of weeks at once. */
const MAX_WEEKS_PER_SWEEP = 260;
const WEEKLY_OWNER = 'agenda.weekly-submission';

function submissionView(submission: WeeklySubmission) {
  return {
    id: submission.id,
    unitCode: submission.unitCode,
    week: isoWeekLabel(submission),
    weekThursday: submission.weekThursday,
    content: submission.content,
    attachmentCount: submission.attachmentCount,
    submittedAt: submission.submittedAt.toISOString(),
    deadline: submission.deadline.toISOString(),
    onTime: submission.onTime,
    version: submission.version,
  };
}

function submissionSnapshot(submission: WeeklySubmission): WeeklySubmissionSnapshot {
  return {
    submissionId: submission.id,
    unitCode: submission.unitCode,
    isoYear: submission.isoYear,
    isoWeek: submission.isoWeek,
    weekThursday: submission.weekThursday,
    submittedAt: submission.submittedAt.toISOString(),
    deadline: submission.deadline.toISOString(),
    onTime: submission.onTime,
    hasContent: Boolean(submission.content),
    attachmentCount: submission.attachmentCount,
    version: submission.version,
  };
}

function rosterSnapshot(roster: WeeklyRosterRow): WeeklyRoster {
  return {
    weekId: roster.id,
    isoYear: roster.isoYear,
    isoWeek: roster.isoWeek,
    weekThursday: roster.weekThursday,
    deadline: roster.deadline.toISOString(),
    expectedUnitCodes: roster.expectedUnitCodes,
    missingUnitCodes: roster.missingUnitCodes,
    version: roster.version,
  };
}

/** Weekly agendas of the dependencies: submission (each unit its own), deadlines, rosters of who is missing, compliance. */
@Injectable()
export class WeeklyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WeeklyService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly weekly: WeeklyRepository,
    private readonly settings: AgendaSettingsService,
    private readonly units: KnownUnits,
    private readonly changes: ChangeRecorder,
    private readonly attachments: AttachmentsService,
  ) {}

  onApplicationBootstrap(): void {
    if (SWEEP_MINUTES <= 0) return;
    this.timer = setInterval(() => void this.sweepAll(), SWEEP_MINUTES * 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async submit(user: TequioClaims, dto: SubmitWeeklyAgendaDto) {
    const isManager = await this.settings.isManager(user);
    if (!canActForUnit(user, dto.unitCode) && !isManager) {
      throw new ForbiddenException(`unitCode: solo puede entregar la agenda semanal de sus unidades (${user.units.join(', ') || 'ninguna'}), no la de ${dto.unitCode}`);
    }
    if (dto.submittedAt && !isManager) throw new ForbiddenException('submittedAt: solo la Oficina de la Presidencia registra la hora de una agenda recibida por otro medio');
    const now = new Date();
    if (dto.submittedAt && Date.parse(dto.submittedAt) > now.getTime()) throw new BadRequestException('submittedAt: no puede estar en el futuro');
    await this.units.require(user.tenant, [{ field: 'unitCode', code: dto.unitCode }]);
    const week = parseIsoWeek(dto.week);
    const settings = await this.settings.current(user.tenant);
    return this.weekly.transaction(async (manager) => {
      const existing = await this.weekly.findForWeek(manager, user.tenant, dto.unitCode, week.isoYear, week.isoWeek);
      if (existing) {
        throw new ConflictException(`week: la unidad ${dto.unitCode} ya entregó su agenda de la semana ${dto.week} (${existing.id}); corríjala con PATCH /weekly-agendas/${existing.id}`);
      }
      const submittedAt = dto.submittedAt ? new Date(dto.submittedAt) : now;
      const deadline = weeklyDeadline(week, settings);
      const submission = await this.weekly.save(
        manager,
        Object.assign(new WeeklySubmission(), {
          tenant: user.tenant,
          unitCode: dto.unitCode,
          isoYear: week.isoYear,
          isoWeek: week.isoWeek,
          weekThursday: isoWeekThursday(week),
          content: dto.content,
          attachmentCount: 0,
          submittedAt,
          deadline,
          onTime: submittedAt <= deadline,
          submittedBy: user.sub,
          version: 1,
        }),
      );
      await this.changes.record(manager, user, {
        entityType: 'weekly_submission',
        entityId: submission.id,
        action: 'created',
        after: submissionView(submission),
        event: { definition: WeeklySubmissionReceived, subject: submission.id, data: submissionSnapshot(submission) },
      });
      await this.markReceivedInRoster(manager, user, submission);
      return submissionView(submission);
    });
  }

  async correct(user: TequioClaims, id: string, dto: CorrectWeeklyAgendaDto) {
    return this.weekly.transaction(async (manager) => {
      const submission = await this.weekly.lock(manager, user.tenant, id);
      if (!submission) throw new NotFoundException(`id: no existe la agenda semanal ${id}`);
      if (!canActForUnit(user, submission.unitCode) && !(await this.settings.isManager(user, manager))) {
        throw new ForbiddenException(`unitCode: solo puede corregir la agenda semanal de sus unidades, no la de ${submission.unitCode}`);
      }
      const before = submissionView(submission);
      submission.content = dto.content;
      submission.version += 1;
      const saved = await this.weekly.save(manager, submission);
      await this.changes.record(manager, user, {
        entityType: 'weekly_submission',
        entityId: saved.id,
        action: 'updated',
        before,
        after: submissionView(saved),
        event: { definition: WeeklySubmissionUpdated, subject: saved.id, data: submissionSnapshot(saved) },
      });
      return submissionView(saved);
    });
  }

  /** Files of a weekly agenda (the agenda as PDF, a spreadsheet): stored with the new version, all or nothing. */
  async attach(user: TequioClaims, id: string, request: IncomingMessage) {
    return this.weekly.transaction(async (manager) => {
      const submission = await this.weekly.lock(manager, user.tenant, id);
      if (!submission) throw new NotFoundException(`id: no existe la agenda semanal ${id}`);
      if (!canActForUnit(user, submission.unitCode) && !(await this.settings.isManager(user, manager))) {
        throw new ForbiddenException(`unitCode: solo puede adjuntar archivos a la agenda semanal de sus unidades, no a la de ${submission.unitCode}`);
      }
      const before = submissionView(submission);
      const received = await this.attachments.receive(request, { tenant: user.tenant, owner: { type: WEEKLY_OWNER, id: submission.id }, uploadedBy: user.sub }, {}, manager);
      submission.attachmentCount += received.attachments.length;
      submission.version += 1;
      const saved = await this.weekly.save(manager, submission);
      await this.changes.record(manager, user, {
        entityType: 'weekly_submission',
        entityId: saved.id,
        action: 'attached',
        before,
        after: submissionView(saved),
        event: { definition: WeeklySubmissionUpdated, subject: saved.id, data: submissionSnapshot(saved) },
      });
      return { ...received, submission: submissionView(saved) };
    });
  }

  async listFiles(user: TequioClaims, id: string) {
    const submission = await this.requireReadable(user, id);
    return this.attachments.list(user.tenant, { type: WEEKLY_OWNER, id: submission.id });
  }

  async openFile(user: TequioClaims, id: string, attachmentId: string) {
    const submission = await this.requireReadable(user, id);
    return openOwnedAttachment(this.attachments, user.tenant, { type: WEEKLY_OWNER, id: submission.id }, attachmentId);
  }

  private async requireReadable(user: TequioClaims, id: string): Promise<WeeklySubmission> {
    const submission = await this.weekly.find(user.tenant, id);
    if (!submission || !(await this.canRead(user, submission.unitCode))) throw new NotFoundException(`id: no existe la agenda semanal ${id}`);
    return submission;
  }

  async get(user: TequioClaims, id: string) {
    return submissionView(await this.requireReadable(user, id));
  }

  async list(user: TequioClaims, query: ListWeeklyAgendasQueryDto) {
    const week = query.week ? parseIsoWeek(query.week) : undefined;
    let unitCode = query.unitCode;
    if (!(await this.canRead(user, unitCode ?? ''))) {
      // Units read their own agendas only.
      if (unitCode) throw new ForbiddenException(`unitCode: solo puede consultar las agendas de sus unidades, no las de ${unitCode}`);
      if (user.units.length !== 1) throw new BadRequestException('unitCode: indique cuál de sus unidades consultar');
      unitCode = user.units[0];
    }
    const { items, total } = await this.weekly.list({ tenant: user.tenant, isoYear: week?.isoYear, isoWeek: week?.isoWeek, unitCode, limit: query.limit, offset: query.offset });
    return { items: items.map(submissionView), total, limit: query.limit, offset: query.offset };
  }

  /** The compliance report of the weeks whose Thursday falls in the period (the seed's weekly table, computed). */
  async compliance(user: TequioClaims, query: ComplianceQueryDto) {
    return { from: query.from, to: query.to, ...(await this.complianceOf(user.tenant, query.from, query.to)) };
  }

  async complianceOf(tenant: string, from: string, to: string) {
    const [settings, submissions, rosters] = await Promise.all([this.settings.current(tenant), this.weekly.between(tenant, from, to), this.weekly.rostersBetween(tenant, from, to)]);
    const now = new Date();
    const key = (week: IsoWeek) => isoWeekLabel(week);
    const rosterOf = new Map(rosters.map((roster) => [key(roster), roster]));
    const submissionsOf = new Map<string, WeeklySubmission[]>();
    for (const submission of submissions) submissionsOf.set(key(submission), [...(submissionsOf.get(key(submission)) ?? []), submission]);
    return complianceReport(
      weeksBetween(from, to).map((week) => {
        const roster = rosterOf.get(key(week));
        return {
          week,
          thursday: isoWeekThursday(week),
          due: roster !== undefined || weeklyDeadline(week, settings) <= now,
          // A closed week keeps the list it closed with; an open one owes the current list.
          expectedUnitCodes: roster?.expectedUnitCodes ?? settings.expectedUnitCodes,
          submissions: submissionsOf.get(key(week)) ?? [],
        };
      }),
    );
  }

  async closeDueWeeks(user: TequioClaims) {
    await this.settings.requireManager(user);
    const closed = await this.closeDueWeeksOf(user.tenant, user.sub);
    return { closed: closed.map((roster) => ({ week: isoWeekLabel(roster), expected: roster.expectedUnitCodes.length, missingUnitCodes: roster.missingUnitCodes })) };
  }

  /** Fixes the roster of every week since `rostersFrom` whose deadline passed and that has none yet. */
  async closeDueWeeksOf(tenant: string, actor: string): Promise<WeeklyRosterRow[]> {
    return this.weekly.transaction(async (manager) => {
      await this.weekly.lockTenantRosters(manager, tenant);
      const settings = await this.settings.current(tenant, manager);
      const existing = await this.weekly.rosterWeeks(manager, tenant);
      const now = new Date();
      const last = isoWeekOf(new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10));
      const closed: WeeklyRosterRow[] = [];
      for (let week = parseIsoWeek(settings.rostersFrom); compareIsoWeeks(week, last) <= 0 && closed.length < MAX_WEEKS_PER_SWEEP; week = nextIsoWeek(week)) {
        const deadline = weeklyDeadline(week, settings);
        if (deadline > now) break;
        if (existing.has(`${week.isoYear}-${week.isoWeek}`)) continue;
        const submitted = new Set(await this.weekly.unitsThatSubmitted(manager, tenant, week.isoYear, week.isoWeek));
        const roster = await this.weekly.saveRoster(
          manager,
          Object.assign(new WeeklyRosterRow(), {
            tenant,
            isoYear: week.isoYear,
            isoWeek: week.isoWeek,
            weekThursday: isoWeekThursday(week),
            deadline,
            expectedUnitCodes: settings.expectedUnitCodes,
            missingUnitCodes: settings.expectedUnitCodes.filter((code) => !submitted.has(code)),
            version: 1,
          }),
        );
        await this.changes.record(manager, { tenant, sub: actor }, {
          entityType: 'weekly_roster',
          entityId: roster.id,
          action: 'closed',
          after: rosterSnapshot(roster),
          event: { definition: WeeklyRosterClosed, subject: roster.id, data: rosterSnapshot(roster) },
        });
        closed.push(roster);
      }
      return closed;
    });
  }

  private async sweepAll(): Promise<void> {
    for (const tenant of await this.settings.tenantsWithSettings()) {
      try {
        const closed = await this.closeDueWeeksOf(tenant, 'system:weekly-roster-sweep');
        if (closed.length) this.logger.log(`${tenant}: closed ${closed.length} week(s) of weekly agendas`);
      } catch (error) {
        this.logger.error(`${tenant}: closing due weeks failed: ${(error as Error).message}`);
      }
    }
  }

  /** A late agenda for a closed week takes its unit off the week's missing list. */
  private async markReceivedInRoster(manager: EntityManager, user: TequioClaims, submission: WeeklySubmission): Promise<void> {
    const roster = await this.weekly.lockRoster(manager, submission.tenant, submission.isoYear, submission.isoWeek);
    if (!roster || !roster.missingUnitCodes.includes(submission.unitCode)) return;
    const before = rosterSnapshot(roster);
    roster.missingUnitCodes = roster.missingUnitCodes.filter((code) => code !== submission.unitCode);
    roster.version += 1;
    const saved = await this.weekly.saveRoster(manager, roster);
    await this.changes.record(manager, user, {
      entityType: 'weekly_roster',
      entityId: saved.id,
      action: 'late_submission',
      before,
      after: rosterSnapshot(saved),
      event: { definition: WeeklyRosterClosed, subject: saved.id, data: rosterSnapshot(saved) },
    });
  }

  private async canRead(user: TequioClaims, unitCode: string): Promise<boolean> {
    return user.roles.includes('planning') || user.roles.includes('auditor') || canActForUnit(user, unitCode) || (await this.settings.isManager(user));
  }
}
