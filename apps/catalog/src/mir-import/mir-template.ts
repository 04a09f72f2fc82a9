import {
  INDICATOR_DIMENSION_LABELS,
  INDICATOR_DIMENSIONS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPE_LABELS,
  INDICATOR_TYPES,
  MEASUREMENT_FREQUENCIES,
  MEASUREMENT_FREQUENCY_LABELS,
} from '@tequio/contracts';
import ExcelJS from 'exceljs';
import { csvRecord } from './csv';
import { MIR_COLUMN_KEYS, MIR_HEADERS, MirColumnKey, REQUIRED_COLUMNS } from './mir-columns';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The example row of the template (an invented indicator, to show the format of every column). */
export const TEMPLATE_EXAMPLE: Record<MirColumnKey, string> = {
  level: 'Componente 1',
  name: 'Porcentaje de reportes de alumbrado público atendidos',
  definition: 'Mide la proporción de reportes ciudadanos de luminarias apagadas que terminan en una reparación',
  method: '(número de luminarias reparadas / número de reportes de luminarias apagadas recibidos) * 100',
  unitOfMeasure: 'Porcentaje',
  type: 'Estratégico',
  dimension: 'Eficiencia',
  frequency: 'Trimestral',
  direction: 'Ascendente',
  baselineValue: '0%',
  baselineYear: '2024',
  q1: '20%',
  q2: '25%',
  q3: '30%',
  q4: '25%',
  cumulativeTarget: '100%',
  meansOfVerification: 'Bitácora de reparaciones del Departamento de Alumbrado Público',
  // Empty: the program's owner unit. A code ("402") must exist in the municipality, so the example leaves it out.
  responsibleUnit: '',
  accumulation: 'Parte de la meta anual',
  factor: '100',
};

const ACCEPTED: Partial<Record<MirColumnKey, string[]>> = {
  level: ['Fin', 'Propósito', 'Componente N', 'Actividad N.M'],
  type: INDICATOR_TYPES.map((value) => INDICATOR_TYPE_LABELS[value]),
  dimension: INDICATOR_DIMENSIONS.map((value) => INDICATOR_DIMENSION_LABELS[value]),
  frequency: MEASUREMENT_FREQUENCIES.map((value) => MEASUREMENT_FREQUENCY_LABELS[value]),
  direction: INDICATOR_DIRECTIONS.map((value) => INDICATOR_DIRECTION_LABELS[value]),
  accumulation: ['Flujo', 'Nivel', 'Parte de la meta anual'],
};

export function templateCsv(): Buffer {
  const lines = [csvRecord(MIR_COLUMN_KEYS.map((key) => MIR_HEADERS[key])), csvRecord(MIR_COLUMN_KEYS.map((key) => TEMPLATE_EXAMPLE[key]))];
  // BOM and CRLF: Excel then opens the accents and the rows correctly.
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tequio';
  const sheet = workbook.addWorksheet('MIR', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MIR_COLUMN_KEYS.map((key) => ({ header: MIR_HEADERS[key], key, width: ['name', 'definition', 'method', 'meansOfVerification'].includes(key) ? 45 : 16 }));
  sheet.getRow(1).font = { bold: true };
  const example = sheet.addRow(
    Object.fromEntries(
      MIR_COLUMN_KEYS.map((key) => {
        const text = TEMPLATE_EXAMPLE[key];
        if ((PERCENT_EXAMPLE_KEYS as readonly string[]).includes(key)) return [key, Number(text.replace('%', '')) / 100];
        if (key === 'baselineYear' || key === 'factor') return [key, Number(text)];
        if (text === '') return [key, null];
        return [key, text];
      }),
    ),
  );
  for (const key of PERCENT_EXAMPLE_KEYS) example.getCell(key).numFmt = '0%';
  MIR_COLUMN_KEYS.forEach((key, index) => {
    const values = ACCEPTED[key];
    if (!values || key === 'level') return;
    const letter = sheet.getColumn(index + 1).letter;
    for (let row = 2; row <= TEMPLATE_VALIDATED_ROWS; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = {
        type: 'list',
        allowBlank: !REQUIRED_COLUMNS.includes(key),
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: true,
        error: `Use ${values.join(', ')}`,
      };
    }
  });

  const help = workbook.addWorksheet('Instrucciones');
  help.columns = [
    { header: 'Columna', key: 'column', width: 28 },
    { header: 'Obligatoria', key: 'required', width: 12 },
    { header: 'Valores', key: 'values', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const key of MIR_COLUMN_KEYS) {
    help.addRow({
      column: MIR_HEADERS[key],
      required: REQUIRED_COLUMNS.includes(key) ? 'Sí' : 'No',
      values: HELP[key] ?? ACCEPTED[key]?.join(', ') ?? 'Texto',
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const TEMPLATE_VALIDATED_ROWS = 300;
const PERCENT_EXAMPLE_KEYS = ['q1', 'q2', 'q3', 'q4', 'baselineValue', 'cumulativeTarget'] as const;

const HELP: Partial<Record<MirColumnKey, string>> = {
  baselineValue: 'Número en la unidad del indicador: 25%, 25 o 0.25 (fracción) para porcentajes; vacío o N/A si no hay',
  baselineYear: 'Año AAAA; obligatorio si hay valor de línea base',
  q1: 'Meta del trimestre en la unidad del indicador (25% o 25); vacío o N/A si no hay meta',
  q2: 'Igual que el 1er trimestre',
  q3: 'Igual que el 1er trimestre',
  q4: 'Igual que el 1er trimestre',
  cumulativeTarget:
    'Meta acumulada del año en la unidad del indicador (100% o 1 cuando cada trimestre es parte de la meta anual); se usa para revisar que las metas trimestrales sumen lo mismo',
  responsibleUnit: 'Clave de la unidad responsable del municipio (402 o "402 - Secretaría Particular"); vacío: la unidad dueña del programa',
  accumulation:
    'Flujo, Nivel o Parte de la meta anual. Si falta: parte de la meta anual cuando las metas de un porcentaje suman 100%; flujo en otro caso',
  factor: 'Multiplicador de numerador / denominador; por omisión 100 para porcentajes y 1 en otro caso',
};
