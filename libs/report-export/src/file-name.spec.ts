import { EXPORT_CONTENT_TYPES, attachmentDisposition, planningFileName, reportFileName } from './file-name';

describe('export file names', () => {
  it('names a unit report informe-<unit>-<year>-T<quarter>.<ext>', () => {
    expect(reportFileName({ unitCode: '402', year: 2025, quarter: 3 }, 'pdf')).toBe('informe-402-2025-T3.pdf');
    expect(reportFileName({ unitCode: '304', year: 2023, quarter: 2 }, 'xlsx')).toBe('informe-304-2023-T2.xlsx');
  });

  it('adds the program for a per-program export', () => {
    expect(reportFileName({ unitCode: '402', programCode: '08', year: 2025, quarter: 3 }, 'csv')).toBe('informe-402-P08-2025-T3.csv');
  });

  it('keeps header-breaking characters out of the name', () => {
    expect(reportFileName({ unitCode: '40"2\r\n; x', year: 2025, quarter: 1 }, 'json')).toBe('informe-402x-2025-T1.json');
    expect(attachmentDisposition('informe-402-2025-T3.pdf')).toBe('attachment; filename="informe-402-2025-T3.pdf"');
  });

  it('names planning views and gives each format its content type', () => {
    expect(planningFileName({ year: 2025, quarter: 4 }, 'xlsx')).toBe('planeacion-2025-T4.xlsx');
    expect(EXPORT_CONTENT_TYPES).toEqual({
      json: 'application/json; charset=utf-8',
      csv: 'text/csv; charset=utf-8',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pdf: 'application/pdf',
    });
  });
});
