import { planningViewSchema, quarterlyReportDocumentSchema } from './schema';
import { REPORT_304_Q2_2023, REPORT_402_Q3_2025, asDraft, planningViewOf } from './testing/report-fixtures';

describe('document schemas', () => {
  it('accept the example reports, drafts and planning views as they are', () => {
    for (const report of [REPORT_402_Q3_2025, REPORT_304_Q2_2023, asDraft(REPORT_304_Q2_2023)]) {
      expect(quarterlyReportDocumentSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    }
    const view = planningViewOf(8);
    expect(planningViewSchema.parse(view)).toEqual(view);
  });

  it('require the approval date exactly when the report is approved', () => {
    const noDate = { ...REPORT_402_Q3_2025, header: { ...REPORT_402_Q3_2025.header, approvedOn: null } };
    const result = quarterlyReportDocumentSchema.safeParse(noDate);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['header.approvedOn', 'approvedOn: obligatoria en un informe aprobado y vacía en uno sin aprobar'],
    ]);
    const draftWithDate = { ...asDraft(REPORT_402_Q3_2025), header: { ...asDraft(REPORT_402_Q3_2025).header, approvedOn: '2025-10-15' } };
    expect(quarterlyReportDocumentSchema.safeParse(draftWithDate).success).toBe(false);
  });

  it('name the damaged field of a snapshot', () => {
    const damaged = JSON.parse(JSON.stringify(REPORT_402_Q3_2025));
    damaged.mir[1].achieved.quarters = [1, 2, 3];
    damaged.header.approvedOn = '15/10/2025';
    const result = quarterlyReportDocumentSchema.safeParse(damaged);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['header.approvedOn', 'mir.1.achieved.quarters']);
  });
});
