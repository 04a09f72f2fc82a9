import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { Role, TequioClaims } from '@tequio/auth';
import { ProgramSnapshot, QuarterConsolidated, ReportApproved, ReportReopened, ReportStatus, ReportStepTaken } from '@tequio/contracts';
import { OutboxService } from '@tequio/messaging';
import { AuditTrail } from '@tequio/persistence';
import { actsForAllUnits } from '../captures/captures.service';
import { FactsRepository } from '../facts/facts.repository';
import { ReportDocuments } from '../exports/report-documents';
import { ConsolidationService, quarterRange } from './consolidation.service';
import { MirTable } from './mir-table';
import { ReportRow, ReportsRepository, ReportStep } from './reports.repository';

export type ReportAction = 'prepare' | 'validate' | 'approve' | 'reopen';

/** Who may take each step, from which status, to which. Unit roles act only for their own units. */
export const WORKFLOW: Record<ReportAction, { from: ReportStatus; to: ReportStatus; roles: Role[]; label: string }> = {
  prepare: { from: 'borrador', to: 'elaborado', roles: ['admin', 'planning', 'unit_head', 'clerk'], label: 'elaborar' },
  validate: { from: 'elaborado', to: 'validado', roles: ['admin', 'planning', 'unit_head'], label: 'validar' },
  approve: { from: 'validado', to: 'aprobado', roles: ['admin', 'planning'], label: 'aprobar (Vo. Bo.)' },
  reopen: { from: 'aprobado', to: 'borrador', roles: ['admin', 'planning'], label: 'reabrir' },
};

/** Whoever may take some step: the route names them (auditors take none), and each step then checks its own. */
export const WORKFLOW_ROLES: Role[] = [...new Set(Object.values(WORKFLOW).flatMap((rule) => rule.roles))];

/** Differences between the frozen snapshot and the live numbers of an approved quarter. */
export interface PendingDifference {
  indicatorId: string;
  levelLabel: string;
  approved: { quarter: number | null; cumulative: number | null };
  live: { quarter: number | null; cumulative: number | null };
}

export interface ReportView {
  reportId: string | null;
  status: ReportStatus;
  version: number;
  approvedAt: Date | null;
  table: MirTable;
  /** Only for an approved report: what late events or changes would alter, never applied to the snapshot. */
  pendingDifferences: PendingDifference[];
  history: ReportStep[];
}

/** The quarterly report of a program: consolidated live until approved, then frozen; the Elaboró → Validó → Vo. Bo. workflow. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly consolidation: ConsolidationService,
    private readonly facts: FactsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditTrail,
    private readonly documents: ReportDocuments,
  ) {}

  async view(user: TequioClaims, programId: string, year: number, quarter: number): Promise<ReportView> {
    const program = await this.consolidation.program(user.tenant, programId);
    const report = await this.reports.find(user.tenant, programId, year, quarter);
    const status = report?.status ?? 'borrador';
    const readsAll = actsForAllUnits(user) || user.roles.includes('auditor');
    if (!readsAll && status !== 'aprobado' && !user.units.includes(program.ownerUnitCode)) {
      throw new ForbiddenException(`programId: el informe de la unidad ${program.ownerUnitCode} no está aprobado y usted no actúa por esa unidad`);
    }
    const live = await this.consolidation.table(user.tenant, program, year, quarter);
    const history = report ? await this.reports.steps(report.id) : [];
    if (report?.status === 'aprobado' && report.snapshot) {
      const pendingDifferences = differences(report.snapshot, live);
      const late = await this.facts.storedAfter(user.tenant, metricsOf(live, report.snapshot), quarterRange(year, 1).from, quarterRange(year, quarter).to, report.approvedAt as Date);
      const table = { ...report.snapshot };
      if (late > 0) {
        table.warnings = [...table.warnings, { code: 'eventos_despues_de_aprobacion', message: `${late} registro(s) del periodo llegaron después de la aprobación; se muestran como diferencias pendientes` }];
      }
      return { reportId: report.id, status: report.status, version: report.version, approvedAt: report.approvedAt, table, pendingDifferences, history };
    }
    return { reportId: report?.id ?? null, status, version: report?.version ?? 0, approvedAt: null, table: live, pendingDifferences: [], history };
  }

  /** The unit's report: every program it owns in the year, each as its program report. */
  async unitView(user: TequioClaims, unitCode: string, year: number, quarter: number): Promise<{ unitCode: string; year: number; quarter: number; programs: ReportView[] }> {
    const programs = (await this.consolidation.programsOfYear(user.tenant, year)).filter((program) => program.ownerUnitCode === unitCode);
    if (programs.length === 0) throw new NotFoundException(`unitCode: la unidad ${unitCode} no tiene programas en ${year}`);
    const views: ReportView[] = [];
    for (const program of programs.sort((a, b) => a.code.localeCompare(b.code, 'es', { numeric: true }))) views.push(await this.view(user, program.programId, year, quarter));
    return { unitCode, year, quarter, programs: views };
  }

  async step(user: TequioClaims, programId: string, year: number, quarter: number, action: ReportAction, reason?: string): Promise<ReportView> {
    const rule = WORKFLOW[action];
    if (!user.roles.some((role) => rule.roles.includes(role))) {
      throw new ForbiddenException(`action: ${rule.label} requiere uno de los roles ${rule.roles.join(', ')}`);
    }
    if (action === 'reopen' && !reason?.trim()) throw new BadRequestException('reason: indique el motivo de la reapertura');
    const program = await this.consolidation.program(user.tenant, programId);
    if (!actsForAllUnits(user) && !user.units.includes(program.ownerUnitCode)) {
      throw new ForbiddenException(`programId: el programa es de la unidad ${program.ownerUnitCode}, por la que no puede actuar`);
    }
    if (year !== program.year) throw new BadRequestException(`year: el programa es del año ${program.year}`);
    const snapshot = action === 'approve' ? await this.consolidation.table(user.tenant, program, year, quarter) : undefined;
    await this.reports.transaction(async (manager) => {
      const report = await this.reports.lockOrCreate(manager, user.tenant, programId, program.ownerUnitCode, year, quarter);
      if (report.status !== rule.from) {
        throw new ConflictException(`status: no se puede ${rule.label} un informe en estado "${report.status}"; debe estar en "${rule.from}"`);
      }
      const now = new Date();
      const updated = await this.reports.update(manager, report, {
        status: rule.to,
        ...(action === 'approve' ? { snapshot, approvedAt: now } : action === 'reopen' ? { snapshot: null, approvedAt: null } : {}),
      });
      await this.reports.addStep(manager, report.id, {
        action,
        fromStatus: report.status,
        toStatus: rule.to,
        actor: user.sub,
        actorName: user.name ?? null,
        actorPost: user.post ?? null,
        reason: reason ?? null,
      });
      if (action === 'approve' && snapshot) {
        // The document the downloads render, frozen with the signatures as they stand at approval.
        const history = await this.reports.stepsIn(manager, report.id);
        await this.reports.setDocument(manager, report.id, await this.documents.build(user.tenant, { table: snapshot, status: 'aprobado', approvedAt: now, history }));
      } else if (action === 'reopen') {
        await this.reports.setDocument(manager, report.id, null);
      }
      await this.audit.record(manager, {
        tenant: user.tenant,
        actor: user.sub,
        entityType: 'report',
        entityId: report.id,
        action,
        before: { status: report.status },
        after: { status: rule.to },
        reason,
      });
      await this.publish(manager, user.tenant, program, updated, action, now, reason, snapshot);
    });
    return this.view(user, programId, year, quarter);
  }

  private async publish(
    manager: Parameters<OutboxService['publish']>[0],
    tenant: string,
    program: ProgramSnapshot,
    report: ReportRow,
    action: ReportAction,
    at: Date,
    reason: string | undefined,
    snapshot: MirTable | undefined,
  ): Promise<void> {
    const base = { reportId: report.id, programId: program.programId, unitCode: program.ownerUnitCode, year: report.year, quarter: report.quarter };
    const event = { subject: report.id, tenant };
    if (action === 'approve' && snapshot) {
      await this.outbox.publish(manager, ReportApproved, { ...event, data: { ...base, approvedAt: at.toISOString() } });
      const figures = (f: MirTable['indicators'][number]['evaluation']['cumulative']) => ({
        programmed: f.programmed,
        achieved: f.achieved,
        numerator: f.numerator,
        denominator: f.denominator,
        compliance: f.compliance,
        colour: f.colour,
      });
      await this.outbox.publish(manager, QuarterConsolidated, {
        ...event,
        data: {
          ...base,
          approvedAt: at.toISOString(),
          version: report.version,
          indicators: snapshot.indicators.map((row) => ({
            indicatorId: row.indicatorId,
            quarter: figures(row.evaluation.quarters[row.evaluation.quarters.length - 1]),
            cumulative: figures(row.evaluation.cumulative),
          })),
        },
      });
    } else if (action === 'reopen') {
      await this.outbox.publish(manager, ReportReopened, { ...event, data: { ...base, reopenedAt: at.toISOString(), reason: reason as string } });
    } else {
      await this.outbox.publish(manager, ReportStepTaken, { ...event, data: { ...base, status: report.status, at: at.toISOString(), version: report.version } });
    }
  }
}

function metricsOf(...tables: MirTable[]): string[] {
  return [...new Set(tables.flatMap((table) => table.indicators.flatMap((row) => row.breakdowns.map((b) => b.metric))))];
}

function differences(approved: MirTable, live: MirTable): PendingDifference[] {
  const liveRows = new Map(live.indicators.map((row) => [row.indicatorId, row]));
  const result: PendingDifference[] = [];
  for (const row of approved.indicators) {
    const now = liveRows.get(row.indicatorId);
    const quarterOf = (r: typeof row | undefined) => r?.evaluation.quarters[r.evaluation.quarters.length - 1]?.achieved ?? null;
    const before = { quarter: quarterOf(row), cumulative: row.evaluation.cumulative.achieved };
    const after = { quarter: quarterOf(now), cumulative: now?.evaluation.cumulative.achieved ?? null };
    if (before.quarter !== after.quarter || before.cumulative !== after.cumulative) result.push({ indicatorId: row.indicatorId, levelLabel: row.levelLabel, approved: before, live: after });
  }
  return result;
}
