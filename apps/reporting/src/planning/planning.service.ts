import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorLevel, ProgramSnapshot } from '@tequio/contracts';
import { Page } from '@tequio/platform';
import { CatalogSnapshotsRepository } from '../catalog-replica/catalog-snapshots.repository';
import { Figures } from '../evaluation/evaluate';
import { ConsolidationService } from '../reports/consolidation.service';
import { levelOf, MirRow, MirTable } from '../reports/mir-table';
import { ReportsRepository } from '../reports/reports.repository';
import { PlanningIndicatorsQueryDto } from './planning.dto';

const brief = ({ programmed, achieved, compliance, colour }: Figures) => ({ programmed, achieved, compliance, colour });
const COLOUR_RANK = { rojo: 0, amarillo: 1, verde: 2, 'n/a': 3 } as const;
const LEVEL_RANK: Record<IndicatorLevel, number> = { fin: 0, proposito: 1, componente: 2, actividad: 3 };

type Brief = ReturnType<typeof brief>;

/** A row of planning's view; `source` (not part of the API's answer) is what the exports render from. */
export interface PlanningRow {
  source: { program: ProgramSnapshot; row: MirRow; semaphore: MirTable['semaphore']; previousQuarter: Figures | null };
  indicatorId: string;
  programId: string;
  programLabel: string;
  unitCode: string;
  axes: number[];
  objectives: string[];
  level: IndicatorLevel;
  levelLabel: string;
  name: string;
  reportStatus: string;
  quarter: Brief;
  cumulative: Brief;
  previousYear: { quarter: Brief; cumulative: Brief } | null;
}

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

  /** Every indicator of the quarter that passes the filters, sorted; each with what the exports need besides the API's fields. */
  async rows(user: TequioClaims, query: Omit<PlanningIndicatorsQueryDto, 'limit' | 'offset'>): Promise<PlanningRow[]> {
    const [current, previous] = await Promise.all([this.tables(user.tenant, query.year, query.quarter), this.tables(user.tenant, query.year - 1, query.quarter)]);
    // Indicators change id every year: last year's match is the same level of the program with the same code.
    const lastYear = new Map(previous.flatMap(({ program, table }) => table.indicators.map((row) => [`${program.code}|${row.levelLabel}`, row.evaluation])));
    const rows = current.flatMap(({ program, table, status }) =>
      table.indicators.map((row): PlanningRow => {
        const before = lastYear.get(`${program.code}|${row.levelLabel}`);
        const quarter = row.evaluation.quarters[row.evaluation.quarters.length - 1];
        return {
          source: { program, row, semaphore: table.semaphore, previousQuarter: before ? before.quarters[before.quarters.length - 1] : null },
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
    const key = (row: PlanningRow): [number | string, string] => {
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
    return filtered;
  }

  async indicators(user: TequioClaims, query: PlanningIndicatorsQueryDto): Promise<Page<object>> {
    const rows = await this.rows(user, query);
    const items = rows.slice(query.offset, query.offset + query.limit).map(({ source: _source, ...item }) => item);
    return { items, total: rows.length, limit: query.limit, offset: query.offset };
  }
}
