import { Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { DEFAULT_BANDS, DEFAULT_DECIMALS } from '@tequio/contracts';
import {
  ExportedFile,
  ExportFormat,
  exportPlanningView,
  exportQuarterlyReport,
  exportUnitReport,
  QuarterlyReportDocument,
  quarterlyReportDocumentSchema,
} from '@tequio/report-export';
import { PlanningIndicatorsQueryDto } from '../planning/planning.dto';
import { PlanningService } from '../planning/planning.service';
import { ReportsRepository } from '../reports/reports.repository';
import { ReportsService, ReportView } from '../reports/reports.service';
import { planningViewDocument } from './report-document';
import { ReportDocuments } from './report-documents';

/** The download endpoints' rules: the same scope as the report itself; an approved report from its frozen document. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly stored: ReportsRepository,
    private readonly planning: PlanningService,
    private readonly documents: ReportDocuments,
  ) {}

  async program(user: TequioClaims, programId: string, year: number, quarter: number, format: ExportFormat): Promise<ExportedFile> {
    const view = await this.reports.view(user, programId, year, quarter);
    return exportQuarterlyReport(await this.documentOf(user.tenant, view), format, { perProgram: true });
  }

  async unit(user: TequioClaims, unitCode: string, year: number, quarter: number, format: ExportFormat): Promise<ExportedFile> {
    const { programs } = await this.reports.unitView(user, unitCode, year, quarter);
    const documents: QuarterlyReportDocument[] = [];
    for (const view of programs) documents.push(await this.documentOf(user.tenant, view));
    return exportUnitReport(documents, format);
  }

  async planningView(user: TequioClaims, query: Omit<PlanningIndicatorsQueryDto, 'limit' | 'offset'>, format: Exclude<ExportFormat, 'pdf'>): Promise<ExportedFile> {
    const rows = await this.planning.rows(user, query);
    const names = new Map<string, string>();
    for (const code of new Set(rows.map((row) => row.unitCode))) names.set(code, await this.documents.unitName(user.tenant, code));
    const view = planningViewDocument({
      municipality: await this.documents.municipalityName(user.tenant),
      year: query.year,
      quarter: query.quarter,
      semaphore: rows[0]?.source.semaphore ?? { bands: [...DEFAULT_BANDS], decimals: DEFAULT_DECIMALS, isDefault: true },
      generatedAt: new Date(),
      rows: rows.map(({ unitCode, source }) => ({
        unit: { code: unitCode, name: names.get(unitCode) ?? unitCode },
        program: { code: source.program.code, name: source.program.name },
        row: source.row,
        semaphore: source.semaphore,
        previousQuarter: source.previousQuarter,
      })),
    });
    return exportPlanningView(view, format);
  }

  /** An approved report renders the document frozen at approval; any other is built from the live table. */
  private async documentOf(tenant: string, view: ReportView): Promise<QuarterlyReportDocument> {
    if (view.status === 'aprobado' && view.reportId) {
      const frozen = await this.stored.document(tenant, view.reportId);
      if (frozen) return quarterlyReportDocumentSchema.parse(frozen) as QuarterlyReportDocument;
    }
    return this.documents.build(tenant, { table: view.table, status: view.status, approvedAt: view.approvedAt, history: view.history });
  }
}
