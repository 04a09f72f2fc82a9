import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorLevel, ProgramSnapshot } from '@tequio/contracts';
import { Page } from '@tequio/platform';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { Figures } from '../evaluation/evaluate';
import { ConsolidationService } from '../reports/consolidation.service';
import { MirTable } from '../reports/mir-table';
import { ReportsRepository } from '../reports/reports.repository';
import { PlanningIndicatorsQueryDto } from './planning.dto';

const brief = ({ programmed, achieved, compliance, colour }: Figures) => ({ programmed, achieved, compliance, colour });
const COLOUR_RANK = { rojo: 0, amarillo: 1, verde: 2, 'n/a': 3 } as const;
const LEVEL_RANK: Record<IndicatorLevel, number> = { fin: 0, proposito: 1, componente: 2, actividad: 3 };

/** Planning's view of a quarter: every indicator of every unit, approved snapshots where they exist, beside last year's. */
@Injectable()
export class PlanningService {
  constructor(
    private readonly snapshots: CatalogSnapshotsRepository,
    private readonly consolidation: ConsolidationService,
    private readonly reports: ReportsRepository,
  ) {}

  private async tables(tenant: string, year: number, quarter: number): Promise<{ program: ProgramSnapshot; table: MirTable; status: string }[]> {
    const [programs, reports] = await Promise.all([this.snapshots.programs(tenant, year), this.reports.ofQuarter(tenant, year, quarter)]);
    const statusOf = new Map(reports.map((report) => [report.programId, report.status]));
    return Promise.all(
      programs.map(async (program) => {
        const status = statusOf.get(program.programId) ?? 'borrador';
        const frozen = status === 'aprobado' ? (await this.reports.find(tenant, program.programId, year, quarter))?.snapshot : null;
        return { program, table: frozen ?? (await this.consolidation.table(tenant, program, year, quarter)), status };
      }),
    );
  }

  async indicators(user: TequioClaims, query: PlanningIndicatorsQueryDto): Promise<Page<object>> {
    const [current, previous] = await Promise.all([this.tables(user.tenant, query.year, query.quarter), this.tables(user.tenant, query.year - 1, query.quarter)]);
    // Indicators change id every year: last year's match is the same level of the program with the same code.
    const lastYear = new Map(previous.flatMap(({ program, table }) => table.indicators.map((row) => [`${program.code}|${row.levelLabel}`, row.evaluation])));
    const rows = current.flatMap(({ program, table, status }) =>
      table.indicators.map((row) => {
        const before = lastYear.get(`${program.code}|${row.levelLabel}`);
        const quarter = row.evaluation.quarters[row.evaluation.quarters.length - 1];
        return {
          indicatorId: row.indicatorId,
          programId: program.programId,
          programLabel: program.label,
          unitCode: row.responsibleUnitCode,
          axes: table.alignment.axes.map((axis) => axis.number),
          objectives: table.alignment.axes.flatMap((axis) => axis.objectives.map((o) => o.code)),
          level: levelOf(row.levelLabel),
          levelLabel: row.levelLabel,
          name: row.name,
          reportStatus: status,
          quarter: brief(quarter),
          cumulative: brief(row.evaluation.cumulative),
          previousYear: before
            ? { quarter: brief(before.quarters[before.quarters.length - 1]), cumulative: brief(before.cumulative) }
            : null,
        };
      }),
    );
    const filtered = rows.filter(
      (row) =>
        (!query.programId || row.programId === query.programId) &&
        (!query.axis || row.axes.includes(query.axis)) &&
        (!query.objective || row.objectives.includes(query.objective)) &&
        (!query.level || row.level === query.level) &&
        (!query.colour || row.cumulative.colour === query.colour) &&
        (!query.unit || row.unitCode === query.unit),
    );
    const key = (row: (typeof rows)[number]): [number | string, string] => {
      const tie = `${row.unitCode}|${row.programLabel}|${LEVEL_RANK[row.level]}|${row.levelLabel}`;
      switch (query.sort) {
        case 'program':
          return [row.programLabel, tie];
        case 'level':
          return [LEVEL_RANK[row.level], tie];
        case 'compliance':
          return [row.cumulative.compliance ?? Number.NEGATIVE_INFINITY, tie];
        case 'colour':
          return [COLOUR_RANK[row.cumulative.colour], tie];
        default:
          return [row.unitCode, tie];
      }
    };
    const direction = query.order === 'asc' ? 1 : -1;
    filtered.sort((a, b) => {
      const [ka, ta] = key(a);
      const [kb, tb] = key(b);
      const primary = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb), 'es', { numeric: true });
      return direction * primary || ta.localeCompare(tb, 'es', { numeric: true });
    });
    return { items: filtered.slice(query.offset, query.offset + query.limit), total: filtered.length, limit: query.limit, offset: query.offset };
  }
}

function levelOf(label: string): IndicatorLevel {
  if (label === 'Fin') return 'fin';
  if (label === 'Propósito') return 'proposito';
  return label.startsWith('Componente') ? 'componente' : 'actividad';
}
