import { exportPlanningView, exportQuarterlyReport } from './export';
import { streamToBuffer } from './streams';
import { REPORT_402_Q3_2025, planningViewOf } from './testing/report-fixtures';

describe('exportQuarterlyReport', () => {
  it('gives the JSON document back as it was, named and typed for download', async () => {
    const file = await exportQuarterlyReport(REPORT_402_Q3_2025, 'json');
    expect(file.fileName).toBe('informe-402-2025-T3.json');
    expect(file.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse((await streamToBuffer(file.body)).toString('utf8'))).toEqual(REPORT_402_Q3_2025);
  });

  it('streams each format with its file name and content type', async () => {
    const expected = {
      csv: ['informe-402-2025-T3.csv', 'text/csv; charset=utf-8', 'efbbbf'],
      xlsx: ['informe-402-2025-T3.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '504b03'],
      pdf: ['informe-402-2025-T3.pdf', 'application/pdf', '255044'],
    } as const;
    for (const [format, [fileName, contentType, magic]] of Object.entries(expected)) {
      const file = await exportQuarterlyReport(REPORT_402_Q3_2025, format as keyof typeof expected);
      expect([file.fileName, file.contentType]).toEqual([fileName, contentType]);
      expect((await streamToBuffer(file.body)).subarray(0, 3).toString('hex')).toBe(magic);
    }
  });

  it('names a per-program export after the program too', async () => {
    const file = await exportQuarterlyReport(REPORT_402_Q3_2025, 'csv', { perProgram: true });
    expect(file.fileName).toBe('informe-402-P08-2025-T3.csv');
  });
});

describe('exportPlanningView', () => {
  it('exports planning views as CSV, XLSX and JSON', async () => {
    const view = planningViewOf(10);
    const csv = exportPlanningView(view, 'csv');
    expect(csv.fileName).toBe('planeacion-2025-T3.csv');
    expect((await streamToBuffer(csv.body)).toString('utf8').split('\r\n')).toHaveLength(12);
    const xlsx = exportPlanningView(view, 'xlsx');
    expect([xlsx.fileName, (await streamToBuffer(xlsx.body)).subarray(0, 2).toString()]).toEqual(['planeacion-2025-T3.xlsx', 'PK']);
    const json = exportPlanningView(view, 'json');
    expect(JSON.parse((await streamToBuffer(json.body)).toString('utf8'))).toEqual(view);
  });
});
