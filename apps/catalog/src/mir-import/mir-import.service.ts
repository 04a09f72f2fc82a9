import { BadRequestException, HttpException, Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorInput, indicatorInputSchema, IndicatorRowError } from '../indicators/indicator-input';
import { IndicatorCreationService } from '../indicators/indicator-creation.service';
import { levelLabel, MirPosition } from '../indicators/mir-levels';
import { MirFileError } from './mir-file-error';
import { MirImportRepository } from './mir-import.repository';
import { MIR_HEADERS } from './mir-columns';
import { columnForField, IMPORTED_FORMULA, mapMirRows, MirRowError, MirRowWarning, responsibleUnitCodes } from './mir-rows';
import { MirTable, parseMirTable } from './mir-table';
import { MirUpload, uploadFormat } from './mir-upload';

export interface MirImportPreview {
  row: number;
  levelLabel: string;
  notes: string[];
  indicator: IndicatorInput;
}

export interface MirImportResult {
  dryRun: boolean;
  valid: boolean;
  /** Data rows read from the file. */
  rows: number;
  errors: MirRowError[];
  /** Rows imported as they are but worth checking (targets that do not add up to the programmed cumulative, fractions read as percentages). */
  warnings: MirRowWarning[];
  /** Headers of the file that the import does not read. */
  ignoredColumns: string[];
  preview: MirImportPreview[];
  /** Only after a real import: the indicators created, in the order of the rows. */
  created?: { row: number; id: string; levelLabel: string; name: string }[];
}

/** Thrown inside the transaction of a dry run once everything validated, so that nothing stays written. */
class DryRunRollback extends Error {}

const MESSAGE_ERRORS = 10;

/** Imports a program's MIR from a CSV or XLSX file: all rows or none, through IndicatorCreationService.createMany. */
@Injectable()
export class MirImportService {
  constructor(
    private readonly repository: MirImportRepository,
    private readonly indicators: IndicatorCreationService,
  ) {}

  async import(user: TequioClaims, programId: string, upload: MirUpload | undefined, dryRun: boolean): Promise<MirImportResult> {
    const format = uploadFormat(upload);
    const file = upload as MirUpload;
    const table = await readTable(file.buffer, format);
    const unitIds = await this.repository.unitIdsByCode(user.tenant, responsibleUnitCodes(table));
    const { indicators, errors, warnings, unmapped } = mapMirRows(table, { unitIds });
    const result = (valid: boolean, rowErrors: MirRowError[]): MirImportResult => ({
      dryRun,
      valid,
      rows: table.rows.length,
      errors: rowErrors,
      warnings,
      ignoredColumns: table.ignoredColumns,
      preview: indicators.map(({ row, levelLabel, notes, indicator }) => ({ row, levelLabel, notes, indicator })),
    });

    // The indicators service checks the rows that mapped (MIR tree, units, closed quarters) even when other rows
    // failed, so one dry run lists every problem. A failed row whose level was read stands in with that level only,
    // so its activities do not report a missing component; the stand-ins' own problems are already in `errors`.
    const standIns = unmapped.flatMap(({ position }) => standInFor(position));
    const inputs = [...indicators.map((entry) => entry.indicator), ...standIns];
    const write = !dryRun && errors.length === 0;
    let serviceErrors: MirRowError[] = [];
    try {
      const created = await this.repository.transaction(async (manager) => {
        const saved = await this.indicators.createMany(manager, user, programId, inputs, {
          action: 'imported',
          reason: `Importación de MIR${file.filename ? ` desde ${file.filename}` : ''}`,
        });
        if (!write) throw new DryRunRollback();
        return saved;
      });
      return {
        ...result(true, []),
        created: created.map((indicator, index) => ({
          row: indicators[index].row,
          id: indicator.id,
          levelLabel: indicators[index].levelLabel,
          name: indicator.name,
        })),
      };
    } catch (error) {
      if (!(error instanceof DryRunRollback)) {
        const rowErrors = batchErrorsOf(error, indicators.map((entry) => entry.row), table);
        if (!rowErrors) throw error;
        serviceErrors = rowErrors;
      }
    }
    // Both lists, by row (a stable sort keeps each row's cell errors before the service's).
    const all = [...errors, ...serviceErrors].sort((a, b) => a.row - b.row);
    if (all.length === 0) return result(true, []);
    if (dryRun) return result(false, all);
    throw rowErrorsException(all);
  }
}

/** A placeholder at the position of a row that failed, for the MIR tree check only (never written: nothing is when a row failed). */
function standInFor(position: MirPosition): IndicatorInput[] {
  const label = levelLabel(position);
  const parsed = indicatorInputSchema.safeParse({
    ...position,
    name: label,
    definition: label,
    calculationMethod: label,
    unitOfMeasure: label,
    type: 'gestion',
    dimension: 'eficacia',
    frequency: 'anual',
    direction: 'ascendente',
    baseline: null,
    accumulation: 'flow',
    factor: 1,
    meansOfVerification: null,
    targets: { q1: null, q2: null, q3: null, q4: null },
    formula: IMPORTED_FORMULA,
  });
  return parsed.success ? [parsed.data] : [];
}

async function readTable(buffer: Buffer, format: 'csv' | 'xlsx'): Promise<MirTable> {
  try {
    return await parseMirTable(buffer, format);
  } catch (error) {
    if (error instanceof MirFileError) throw new BadRequestException(error.message);
    throw error;
  }
}

/**
 * The row-indexed errors of IndicatorCreationService.createMany, as rows and columns of the file (`rows`: the file row of
 * each mapped input; errors on the stand-ins after them are dropped); undefined for other errors.
 */
function batchErrorsOf(error: unknown, rows: number[], table: MirTable): MirRowError[] | undefined {
  if (!(error instanceof HttpException) || error.getStatus() !== 400) return undefined;
  const body = error.getResponse() as { errors?: IndicatorRowError[] };
  if (!Array.isArray(body?.errors)) return undefined;
  return body.errors
    .filter((problem) => problem.row < rows.length)
    .map((problem) => {
      const key = columnForField(problem.field);
      return {
        row: rows[problem.row],
        column: table.headers[key] ?? MIR_HEADERS[key],
        message: problem.message,
      };
    });
}

function rowErrorsException(errors: MirRowError[]): BadRequestException {
  const shown = errors.slice(0, MESSAGE_ERRORS).map((e) => `fila ${e.row}, ${e.column}: ${e.message}`);
  const more = errors.length > MESSAGE_ERRORS ? `; y ${errors.length - MESSAGE_ERRORS} más` : '';
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Datos no válidos, no se importó nada: ${shown.join('; ')}${more}`,
    errors,
  });
}
