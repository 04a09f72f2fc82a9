import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { quarterRange } from './consolidation.service';
import { ReportsRepository } from './reports.repository';

const DEFAULT_DAYS_AFTER_QUARTER = 10;

/** "Who has not reported": every program of the year against its quarter's report status and a due date. */
@Injectable()
export class CompletenessService {
  constructor(
    private readonly snapshots: CatalogSnapshotsRepository,
    private readonly reports: ReportsRepository,
  ) {}

  async of(user: TequioClaims, year: number, quarter: number, dueDate?: string) {
    const due = dueDate ?? new Date(Date.parse(quarterRange(year, quarter).to) + DEFAULT_DAYS_AFTER_QUARTER * 86_400_000).toISOString().slice(0, 10);
    const [programs, reports] = await Promise.all([this.snapshots.programs(user.tenant, year), this.reports.ofQuarter(user.tenant, year, quarter)]);
    const statusOf = new Map(reports.map((report) => [report.programId, report.status]));
    const rank = { borrador: 0, elaborado: 1, validado: 2, aprobado: 3 } as const;
    const rows = programs
      .map((program) => {
        const status = statusOf.get(program.programId) ?? 'borrador';
        return { programId: program.programId, label: program.label, unitCode: program.ownerUnitCode, status, prepared: rank[status] >= 1, validated: rank[status] >= 2, approved: rank[status] >= 3 };
      })
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.label.localeCompare(b.label));
    const unitsWithout = (done: 'prepared' | 'validated' | 'approved') => [...new Set(rows.filter((row) => !row[done]).map((row) => row.unitCode))];
    return {
      year,
      quarter,
      dueDate: due,
      overdue: new Date().toISOString().slice(0, 10) > due,
      programs: rows,
      missing: { prepared: unitsWithout('prepared'), validated: unitsWithout('validated'), approved: unitsWithout('approved') },
    };
  }
}
