import {
  DIRECTION_LABEL,
  FREQUENCY_LABEL,
  LEVEL_LABEL,
  SEMAFORO_LABEL,
  bandLabel,
  notApplicableNotes,
  quarterShort,
} from './labels';
import type { MirRow, PlanningViewRow, Quarter, QuarterlyReportDocument, ReportHeader } from './model';

/*
 * The tabular sections, defined once: the CSV and the workbook render the same columns in the same
 * order, the workbook adding number formats and widths.
 */

export type ColumnKind = 'text' | 'number' | 'percent';
export type CellValue = string | number | null;

export interface Column<Row> {
  header: string;
  kind: ColumnKind;
  /** Width in characters for the workbook. */
  width: number;
  value: (row: Row) => CellValue;
}

const QUARTERS: Quarter[] = [1, 2, 3, 4];

/** A MIR row with the header of the report it belongs to (a unit's file holds several programs). */
export interface MirTableRow {
  header: ReportHeader;
  row: MirRow;
}

export function mirTableRows(documents: QuarterlyReportDocument[]): MirTableRow[] {
  return documents.flatMap((document) => document.mir.map((row) => ({ header: document.header, row })));
}

function quarterColumns(prefix: string, pick: (row: MirRow) => MirRow['programmed']): Column<MirTableRow>[] {
  return [
    ...QUARTERS.map((quarter) => ({
      header: `${prefix} ${quarterShort(quarter)}`,
      kind: 'number' as const,
      width: 11,
      value: ({ row }: MirTableRow) => pick(row).quarters[quarter - 1],
    })),
    { header: `${prefix} acumulado`, kind: 'number', width: 12, value: ({ row }) => pick(row).cumulative },
  ];
}

export const MIR_COLUMNS: Column<MirTableRow>[] = [
  { header: 'Unidad responsable', kind: 'text', width: 10, value: ({ header }) => header.unit.code },
  { header: 'Programa presupuestario', kind: 'text', width: 10, value: ({ header }) => header.program.code },
  { header: 'Año', kind: 'number', width: 7, value: ({ header }) => header.year },
  { header: 'Trimestre', kind: 'number', width: 9, value: ({ header }) => header.quarter },
  { header: 'Código', kind: 'text', width: 9, value: ({ row }) => row.code },
  { header: 'Nivel', kind: 'text', width: 12, value: ({ row }) => LEVEL_LABEL[row.level] },
  { header: 'Indicador', kind: 'text', width: 48, value: ({ row }) => row.name },
  { header: 'Método de cálculo', kind: 'text', width: 48, value: ({ row }) => row.methodOfCalculation },
  { header: 'Unidad de medida', kind: 'text', width: 14, value: ({ row }) => row.unitOfMeasure },
  { header: 'Frecuencia', kind: 'text', width: 12, value: ({ row }) => FREQUENCY_LABEL[row.frequency] },
  { header: 'Sentido', kind: 'text', width: 12, value: ({ row }) => DIRECTION_LABEL[row.direction] },
  ...quarterColumns('Programado', (row) => row.programmed),
  ...quarterColumns('Alcanzado', (row) => row.achieved),
  { header: 'Variación del trimestre', kind: 'number', width: 12, value: ({ row }) => row.variance.quarter.absolute },
  { header: 'Variación del trimestre %', kind: 'percent', width: 12, value: ({ row }) => row.variance.quarter.relative },
  { header: 'Variación acumulada', kind: 'number', width: 12, value: ({ row }) => row.variance.cumulative.absolute },
  { header: 'Variación acumulada %', kind: 'percent', width: 12, value: ({ row }) => row.variance.cumulative.relative },
  { header: 'Cumplimiento %', kind: 'percent', width: 13, value: ({ row }) => row.compliance },
  { header: 'Avance anual %', kind: 'percent', width: 13, value: ({ row }) => row.annualProgress },
  { header: 'Semáforo', kind: 'text', width: 10, value: ({ row }) => SEMAFORO_LABEL[row.semaforo.colour] },
  { header: 'Banda aplicada', kind: 'text', width: 22, value: ({ row }) => (row.semaforo.band === null ? null : bandLabel(row.semaforo.band)) },
  { header: 'Medios de verificación', kind: 'text', width: 40, value: ({ row }) => row.meansOfVerification },
  { header: 'Notas n/a', kind: 'text', width: 30, value: ({ row }) => notApplicableNotes(row.notApplicable) },
];

export const PLANNING_COLUMNS: Column<PlanningViewRow>[] = [
  { header: 'Unidad responsable', kind: 'text', width: 10, value: (row) => row.unit.code },
  { header: 'Nombre de la unidad', kind: 'text', width: 32, value: (row) => row.unit.name },
  { header: 'Programa presupuestario', kind: 'text', width: 10, value: (row) => row.program.code },
  { header: 'Nombre del programa', kind: 'text', width: 32, value: (row) => row.program.name },
  { header: 'Código', kind: 'text', width: 9, value: (row) => row.indicator.code },
  { header: 'Indicador', kind: 'text', width: 48, value: (row) => row.indicator.name },
  { header: 'Nivel', kind: 'text', width: 12, value: (row) => LEVEL_LABEL[row.level] },
  { header: 'Programado', kind: 'number', width: 11, value: (row) => row.quarter.programmed },
  { header: 'Alcanzado', kind: 'number', width: 11, value: (row) => row.quarter.achieved },
  { header: 'Cumplimiento %', kind: 'percent', width: 13, value: (row) => row.quarter.compliance },
  { header: 'Semáforo', kind: 'text', width: 10, value: (row) => SEMAFORO_LABEL[row.semaforo.colour] },
  { header: 'Alcanzado año anterior', kind: 'number', width: 13, value: (row) => row.previousYear?.achieved ?? null },
  { header: 'Cumplimiento año anterior %', kind: 'percent', width: 13, value: (row) => row.previousYear?.compliance ?? null },
];
