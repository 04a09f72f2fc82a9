import { Injectable } from '@nestjs/common';
import { QuarterlyReportDocument } from '@tequio/report-export';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { MirTable } from '../reports/mir-table';
import { ReportStep } from '../reports/reports.repository';
import { reportDocument } from './report-document';

/** The municipality's name on the documents: `MUNICIPALITY_NAME`, else the tenant id. */
export function municipalityName(tenant: string): string {
  return process.env['MUNICIPALITY_NAME']?.trim() || tenant;
}

/** Builds a program's Informe Trimestral with the names the documents print (unit from the catalog replica). */
@Injectable()
export class ReportDocuments {
  constructor(private readonly units: UnitReplicaRepository) {}

  async unitName(tenant: string, code: string): Promise<string> {
    return (await this.units.findByCode(tenant, code))?.name ?? code;
  }

  async build(
    tenant: string,
    report: { table: MirTable; status: QuarterlyReportDocument['header']['status']; approvedAt: Date | null; history: ReportStep[] },
  ): Promise<QuarterlyReportDocument> {
    return reportDocument({ ...report, municipality: municipalityName(tenant), unitName: await this.unitName(tenant, report.table.program.ownerUnitCode) });
  }
}
