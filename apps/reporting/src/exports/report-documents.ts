import { Injectable } from '@nestjs/common';
import { MunicipalityReplicaRepository } from '@tequio/platform';
import { QuarterlyReportDocument } from '@tequio/report-export';
import { UnitReplicaRepository } from '@tequio/unit-directory';
import { MirTable } from '../reports/mir-table';
import { ReportStep } from '../reports/reports.repository';
import { reportDocument } from './report-document';

/** Builds a program's Informe Trimestral with the names the documents print, from catalog's replicas. */
@Injectable()
export class ReportDocuments {
  constructor(
    private readonly units: UnitReplicaRepository,
    private readonly municipalities: MunicipalityReplicaRepository,
  ) {}

  /** The municipality's name as catalog registered it; its id until the replica has heard a name. */
  async municipalityName(tenant: string): Promise<string> {
    return (await this.municipalities.nameOf(tenant)) ?? tenant;
  }

  async unitName(tenant: string, code: string): Promise<string> {
    return (await this.units.findByCode(tenant, code))?.name ?? code;
  }

  async build(
    tenant: string,
    report: { table: MirTable; status: QuarterlyReportDocument['header']['status']; approvedAt: Date | null; history: ReportStep[] },
  ): Promise<QuarterlyReportDocument> {
    return reportDocument({ ...report, municipality: await this.municipalityName(tenant), unitName: await this.unitName(tenant, report.table.program.ownerUnitCode) });
  }
}
