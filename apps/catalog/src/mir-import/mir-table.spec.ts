import ExcelJS from 'exceljs';
import { csvRecord } from './csv';
import { columnOf, MIR_COLUMN_KEYS, MIR_HEADERS, normalizeHeader } from './mir-columns';
import { MirFileError } from './mir-file-error';
import { parseMirTable } from './mir-table';

const csv = (rows: string[][], delimiter = ',') => Buffer.from(rows.map((row) => csvRecord(row, delimiter)).join('\r\n'), 'utf8');
const canonicalHeader = MIR_COLUMN_KEYS.map((key) => MIR_HEADERS[key]);
const row = (overrides: Partial<Record<(typeof MIR_COLUMN_KEYS)[number], string>> = {}) =>
  MIR_COLUMN_KEYS.map((key) => overrides[key] ?? `${key} valor`);

describe('MIR header recognition', () => {
  it.each([
    ['Nivel', 'level'],
    ['NIVEL', 'level'],
    ['Nombre del indicador', 'name'],
    ['Definicion', 'definition'],
    ['Método de Cálculo', 'method'],
    ['Fórmula', 'method'],
    ['Unidad de Medida', 'unitOfMeasure'],
    ['Tipo de indicador', 'type'],
    ['Dimensión', 'dimension'],
    ['Frecuencia de Medición', 'frequency'],
    ['Sentido Esperado', 'direction'],
    ['Línea Base', 'baselineValue'],
    ['Línea base valor', 'baselineValue'],
    ['Línea base (valor)', 'baselineValue'],
    ['Línea Base Valor', 'baselineValue'],
    ['Línea base año', 'baselineYear'],
    ['Linea base (ano)', 'baselineYear'],
    ['Año de la línea base', 'baselineYear'],
    ['Programado 1er trimestre', 'q1'],
    ['Programado 1er. Trim.', 'q1'],
    ['Meta T1', 'q1'],
    ['Meta 2do trimestre', 'q2'],
    ['Valores Programados 3er. Trim.', 'q3'],
    ['4to. Trim.', 'q4'],
    ['Programado trimestre 4', 'q4'],
    ['Medios de Verificación', 'meansOfVerification'],
    ['Acumulación', 'accumulation'],
    ['Factor', 'factor'],
    ['Programado acumulado', 'cumulativeTarget'],
    ['Valores Programados Acumulado *', 'cumulativeTarget'],
    ['Meta anual', 'cumulativeTarget'],
    ['Unidad responsable', 'responsibleUnit'],
    ['UR', 'responsibleUnit'],
    ['Clave de la unidad responsable', 'responsibleUnit'],
  ])('"%s" is %s', (header, key) => {
    expect(columnOf(normalizeHeader(header))).toBe(key);
  });

  it.each(['Valores Alcanzados 1er. Trim.', 'Alcanzado T1', 'Variación 2do. Trim.', 'Acumulado *', 'Valores Alcanzados Acumulado', 'Observaciones'])(
    '"%s" is not a column the import reads',
    (header) => {
      expect(columnOf(normalizeHeader(header))).toBeUndefined();
    },
  );
});

describe('parseMirTable', () => {
  it('reads a CSV with the canonical headers, keyed by column, with spreadsheet row numbers', async () => {
    const table = await parseMirTable(csv([canonicalHeader, row({ level: 'Fin' }), [], row({ level: 'Propósito', name: ' con espacios ' })]), 'csv');
    expect(table.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(table.rows[0].cells).toMatchObject({ level: 'Fin', name: 'name valor', q4: 'q4 valor' });
    expect(table.rows[1].cells.name).toBe('con espacios');
    expect(table.headers.q1).toBe('Programado 1er trimestre');
    expect(table.ignoredColumns).toEqual([]);
  });

  it('accepts header variants, semicolons, a BOM, columns in any order and ignores unknown columns', async () => {
    const header = ['MEDIOS DE VERIFICACION', 'Nivel', 'Nombre', 'Definicion', 'Metodo de calculo', 'Unidad de medida', 'Tipo', 'Dimension', 'Frecuencia de medicion', 'Sentido esperado', 'Meta T1', 'Meta T2', 'Meta T3', 'Meta T4', 'Observaciones'];
    const data = ['Expediente', 'Fin', 'Indicador', 'Def', 'Método', 'Porcentaje', 'Estratégico', 'Eficacia', 'Anual', 'Ascendente', '10%', '20%', '30%', '40%', 'nota'];
    const buffer = Buffer.concat([Buffer.from('\ufeff'), csv([header, data], ';')]);
    const table = await parseMirTable(buffer, 'csv');
    expect(table.rows).toEqual([
      {
        row: 2,
        cells: expect.objectContaining({ meansOfVerification: 'Expediente', level: 'Fin', q1: '10%', q4: '40%', frequency: 'Anual' }),
      },
    ]);
    expect(table.headers.q2).toBe('Meta T2');
    expect(table.ignoredColumns).toEqual(['Observaciones']);
  });

  it('reads the layout of the printed report: group row, Línea Base split into Valor/Año, programmed "Acumulado", achieved and variance columns ignored', async () => {
    const group = ['Datos del Indicador', '', '', '', '', '', '', '', '', '', '', 'Valores Programados', '', '', '', '', 'Valores Alcanzados', '', '', '', '', 'Variación *', '', '', '', '', 'Medios de Verificación'];
    const header = ['Nivel', 'Nombre', 'Definición', 'Método de Cálculo', 'Unidad de Medida', 'Tipo', 'Dimensión', 'Frecuencia de Medición', 'Sentido Esperado', 'Línea Base', '', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', 'Acumulado *', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', 'Acumulado *', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', 'Acumulado', ''];
    const sub = ['', '', '', '', '', '', '', '', '', 'Valor', 'Año', ...Array(16).fill('')];
    const data = ['Componente 2', 'N', 'D', 'M', 'Porcentaje', 'Estratégico', 'Eficacia', 'Trimestral', 'Ascendente', '5%', '2024', '10%', '20%', '30%', '40%', '1', '11', '', '', '', '11', '-1', '', '', '', '-1', 'Minutas'];
    const table = await parseMirTable(csv([['Informe Trimestral'], group, header, sub, data, header, sub, data.map((cell, i) => (i === 0 ? 'Actividad 2.1' : cell))], '\t'), 'csv');
    expect(table.rows.map((r) => [r.row, r.cells.level])).toEqual([
      [5, 'Componente 2'],
      [8, 'Actividad 2.1'],
    ]);
    expect(table.rows[0].cells).toMatchObject({ baselineValue: '5%', baselineYear: '2024', q1: '10%', q2: '20%', q3: '30%', q4: '40%', meansOfVerification: 'Minutas' });
    expect(table.headers).toMatchObject({ baselineValue: 'Línea Base Valor', baselineYear: 'Línea Base Año', q1: '1er. Trim.' });
    // "Acumulado *" under "Valores Programados" is the programmed cumulative; the one under "Valores Alcanzados" is not read.
    expect(table.rows[0].cells.cumulativeTarget).toBe('1');
    expect(table.headers.cumulativeTarget).toBe('Valores Programados Acumulado *');
    expect(table.ignoredColumns).toEqual(expect.arrayContaining(['Valores Alcanzados Acumulado *', 'Valores Alcanzados 1er. Trim.', 'Variación * 4to. Trim.']));
    expect(table.ignoredColumns).not.toContain('Valores Programados Acumulado *');
  });

  it('reads a printed report pasted whole: first page without the "Valor | Año" sub-row, page text and repeated group rows skipped, a shifted last cell recovered', async () => {
    const group = ['Datos del Indicador', '', '', '', '', '', '', '', '', '', '', 'Valores Programados', '', '', '', '', 'Valores Alcanzados', '', '', '', '', 'Variación *', '', '', '', '', 'Medios de Verificación'];
    const header = ['Nivel', 'Nombre', 'Definición', 'Método de Cálculo', 'Unidad de Medida', 'Tipo', 'Dimensión', 'Frecuencia de Medición', 'Sentido Esperado', 'Línea Base', '', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', 'Acumulado *', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', 'Acumulado *', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', 'Acumulado', ''];
    const sub = ['', '', '', '', '', '', '', '', '', 'Valor', 'Año', ...Array(16).fill('')];
    const line = (level: string, means: string) => [level, `Nombre de ${level}`, 'D', 'M', 'Porcentaje', 'De gestión', 'Eficacia', 'Mensual', 'Ascendente', '0%', '2022', '25%', '25%', '25%', '25%', '1', '25', '10', '', '', '35', '-25', '-10', '0', '0', '-34', means];
    // The PDF conversion dropped one empty achieved cell: the means of verification lands under "Variación Acumulado".
    const shifted = [...line('Actividad 4.2', '').slice(0, 18), ...line('Actividad 4.2', '').slice(19, 26), 'Bitácora del área', ''];
    const pageText = [['Informe Trimestral 2030'], ['Unidad Responsable:', '900 - Dirección de Pruebas', '*'], ['Eje:', '1. Un eje'], ['[Firma]']];
    const table = await parseMirTable(
      csv([...pageText, [], group, header, line('Componente 4', 'Minutas'), [], ...pageText, [], group, header, sub, line('Actividad 4.1', 'Listas'), shifted, ['Vo. Bo.']], '\t'),
      'csv',
    );
    expect(table.rows.map((r) => r.cells.level)).toEqual(['Componente 4', 'Actividad 4.1', 'Actividad 4.2']);
    expect(table.rows.map((r) => [r.cells.baselineValue, r.cells.baselineYear, r.cells.q1, r.cells.cumulativeTarget])).toEqual(Array(3).fill(['0%', '2022', '25%', '1']));
    expect(table.headers).toMatchObject({ baselineValue: 'Línea Base', baselineYear: 'Línea Base (año)' });
    expect(table.rows.map((r) => r.cells.meansOfVerification)).toEqual(['Minutas', 'Listas', 'Bitácora del área']);
    expect(table.rows.map((r) => r.shifted)).toEqual([undefined, undefined, ['meansOfVerification']]);
  });

  it('does not take a number left of an empty last column as that column, nor skip a data row with a wrong level', async () => {
    const header = ['Nivel', 'Nombre', 'Definición', 'Método de Cálculo', 'Unidad de Medida', 'Tipo', 'Dimensión', 'Frecuencia', 'Sentido', '1er trim', '2do trim', '3er trim', '4to trim', 'Alcanzado', 'Medios de verificación'];
    const data = ['Actividad 1', 'N', 'D', 'M', 'Porcentaje', 'De gestión', 'Eficacia', 'Mensual', 'Ascendente', '1', '2', '3', '4', '10', ''];
    const table = await parseMirTable(csv([header, data]), 'csv');
    expect(table.rows).toEqual([{ row: 2, cells: expect.objectContaining({ level: 'Actividad 1', meansOfVerification: '' }) }]);
  });

  it('reads XLSX cells: numbers, percentage formats, rich text and formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Instrucciones').addRow(['Llene la hoja MIR']);
    const sheet = workbook.addWorksheet('MIR');
    sheet.addRow(canonicalHeader);
    const values = row({ level: 'Fin' }) as ExcelJS.CellValue[];
    const at = (key: (typeof MIR_COLUMN_KEYS)[number]) => MIR_COLUMN_KEYS.indexOf(key);
    values[at('q1')] = 0.29;
    values[at('q2')] = 1010;
    values[at('q3')] = { formula: '0.1+0.2', result: 0.3 };
    values[at('q4')] = null;
    values[at('baselineYear')] = 2023;
    values[at('name')] = { richText: [{ text: 'Porcentaje ' }, { text: 'de algo', font: { bold: true } }] };
    const added = sheet.addRow(values);
    added.getCell(at('q1') + 1).numFmt = '0%';
    added.getCell(at('q3') + 1).numFmt = '0.0%';
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const table = await parseMirTable(buffer, 'xlsx');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0].row).toBe(2);
    expect(table.rows[0].cells).toMatchObject({ q1: '29%', q2: '1010', q3: '30%', q4: '', baselineYear: '2023', name: 'Porcentaje de algo' });
  });

  it('reads the report layout from an XLSX with merged header cells (text only in the top-left cell)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('MIR');
    const group = ['Datos del Indicador', ...Array(10).fill(''), 'Valores Programados', '', '', '', 'Valores Alcanzados', '', '', '', 'Medios de Verificación'];
    const header = ['Nivel', 'Nombre', 'Definición', 'Método de Cálculo', 'Unidad de Medida', 'Tipo', 'Dimensión', 'Frecuencia de Medición', 'Sentido Esperado', 'Línea Base', '', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', '1er. Trim.', '2do. Trim.', '3er. Trim.', '4to. Trim.', ''];
    const sub = [...Array(9).fill(''), 'Valor', 'Año', ...Array(9).fill('')];
    sheet.addRow(group);
    sheet.addRow(header);
    sheet.addRow(sub);
    sheet.addRow(['Fin', 'N', 'D', 'M', 'Porcentaje', 'Estratégico', 'Eficacia', 'Anual', 'Ascendente', '0%', 2024, '10%', '20%', '30%', '40%', '9%', '', '', '', 'Informe']);
    sheet.mergeCells('A1:K1');
    sheet.mergeCells('L1:O1');
    sheet.mergeCells('P1:S1');
    sheet.mergeCells('T1:T3');
    sheet.mergeCells('J2:K2');
    for (const column of 'ABCDEFGHI') sheet.mergeCells(`${column}2:${column}3`);
    const table = await parseMirTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toEqual({
      row: 4,
      cells: expect.objectContaining({ level: 'Fin', baselineValue: '0%', baselineYear: '2024', q1: '10%', q4: '40%', meansOfVerification: 'Informe' }),
    });
    expect(table.ignoredColumns).toContain('Valores Alcanzados 1er. Trim.');
  });

  it('names what is wrong with the file as a whole', async () => {
    await expect(parseMirTable(Buffer.alloc(0), 'csv')).rejects.toThrow('archivo: está vacío');
    await expect(parseMirTable(Buffer.from('hola,mundo\n1,2'), 'csv')).rejects.toThrow(/^archivo: no se encontró el encabezado/);
    await expect(parseMirTable(Buffer.from('no es un zip'), 'xlsx')).rejects.toThrow('archivo: no es un libro de Excel (.xlsx) válido');
    await expect(parseMirTable(csv([canonicalHeader]), 'csv')).rejects.toThrow('archivo: no tiene filas de indicadores debajo del encabezado');
    const withoutType = canonicalHeader.filter((h) => h !== 'Tipo' && h !== 'Programado 3er trimestre');
    await expect(parseMirTable(csv([withoutType, withoutType]), 'csv')).rejects.toThrow('archivo: faltan las columnas obligatorias "Tipo", "Programado 3er trimestre"');
    await expect(parseMirTable(csv([[...canonicalHeader, 'Meta T1'], row()]), 'csv')).rejects.toThrow(
      new MirFileError('archivo: la columna "Programado 1er trimestre" aparece dos veces (columnas L y U)'),
    );
  });
});
