import ExcelJS from 'exceljs';
import { MIR_COLUMN_KEYS, MIR_HEADERS } from './mir-columns';
import { mapMirRows } from './mir-rows';
import { parseMirTable } from './mir-table';
import { templateCsv, templateXlsx } from './mir-template';

describe('MIR templates', () => {
  it('CSV: BOM, the canonical headers in order and one example row that imports cleanly', async () => {
    const buffer = templateCsv();
    expect(buffer.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = buffer.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(MIR_COLUMN_KEYS.map((key) => MIR_HEADERS[key]).join(','));
    const table = await parseMirTable(buffer, 'csv');
    expect(table.rows).toHaveLength(1);
    const { indicators, errors } = mapMirRows(table);
    expect(errors).toEqual([]);
    expect(indicators[0].indicator).toMatchObject({ level: 'componente', componentNumber: 1, targets: { q1: 20, q2: 25, q3: 30, q4: 25 } });
  });

  it('XLSX: the same headers and example, with percentages stored as Excel percentages', async () => {
    const buffer = await templateXlsx();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('MIR');
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(MIR_COLUMN_KEYS.map((key) => MIR_HEADERS[key]));
    const q1 = sheet?.getRow(2).getCell(MIR_COLUMN_KEYS.indexOf('q1') + 1);
    expect(q1?.value).toBe(0.2);
    expect(q1?.numFmt).toBe('0%');

    const fromXlsx = mapMirRows(await parseMirTable(buffer, 'xlsx'));
    const fromCsv = mapMirRows(await parseMirTable(templateCsv(), 'csv'));
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.indicators).toEqual(fromCsv.indicators);
  });
});
