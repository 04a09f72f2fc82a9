import { BadRequestException, HttpException, Injectable } from '@nestjs/common';
import { TequioClaims } from '@tequio/auth';
import { IndicatorInput, IndicatorRowError } from '../indicators/indicator-input';
import { IndicatorsService } from '../indicators/indicators.service';
import { ProgramsService } from '../programs/programs.service';
import { MirFileError } from './mir-file-error';
import { MirImportRepository } from './mir-import.repository';
import { MIR_HEADERS } from './mir-columns';
import { columnForField, MappedMirRow, mapMirRows, MirRowError } from './mir-rows';
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
  /** Headers of the file that the import does not read. */
  ignoredColumns: string[];
  preview: MirImportPreview[];
  /** Only after a real import: the indicators created, in the order of the rows. */
  created?: { row: number; id: string; levelLabel: string; name: string }[];
}

/** Thrown inside the transaction of a dry run once everything validated, so that nothing stays written. */
class DryRunRollback extends Error {}

const MESSAGE_ERRORS = 10;

/** Imports a program's MIR from a CSV or XLSX file: all rows or none, through IndicatorsService.createMany. */
@Injectable()
export class MirImportService {
  constructor(
    private readonly repository: MirImportRepository,
    private readonly programs: ProgramsService,
    private readonly indicators: IndicatorsService,
  ) {}

  async import(user: TequioClaims, programId: string, upload: MirUpload | undefined, dryRun: boolean): Promise<MirImportResult> {
    const format = uploadFormat(upload);
    const file = upload as MirUpload;
    const table = await readTable(file.buffer, format);
    const { indicators, errors } = mapMirRows(table);
    const result = (valid: boolean, rowErrors: MirRowError[]): MirImportResult => ({
      dryRun,
      valid,
      rows: table.rows.length,
      errors: rowErrors,
      ignoredColumns: table.ignoredColumns,
      preview: indicators.map(({ row, levelLabel, notes, indicator }) => ({ row, levelLabel, notes, indicator })),
    });

    if (errors.length > 0) {
      // The program must exist even when the file is wrong (404 before the row errors).
      await this.repository.transaction((manager) => this.programs.requireLocked(manager, user.tenant, programId));
      if (dryRun) return result(false, errors);
      throw rowErrorsException(errors);
    }

    const inputs = indicators.map((entry) => entry.indicator);
    try {
      const created = await this.repository.transaction(async (manager) => {
        const saved = await this.indicators.createMany(manager, user, programId, inputs, {
          action: 'imported',
          reason: `Importación de MIR${file.filename ? ` desde ${file.filename}` : ''}`,
        });
        if (dryRun) throw new DryRunRollback();
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
      if (error instanceof DryRunRollback) return result(true, []);
      const rowErrors = batchErrorsOf(error, indicators, table);
      if (!rowErrors) throw error;
      if (dryRun) return result(false, rowErrors);
      throw rowErrorsException(rowErrors);
    }
  }
}

async function readTable(buffer: Buffer, format: 'csv' | 'xlsx'): Promise<MirTable> {
  try {
    return await parseMirTable(buffer, format);
  } catch (error) {
    if (error instanceof MirFileError) throw new BadRequestException(error.message);
    throw error;
  }
}

/** The row-indexed errors of IndicatorsService.createMany, as rows and columns of the file; undefined for other errors. */
function batchErrorsOf(error: unknown, indicators: MappedMirRow[], table: MirTable): MirRowError[] | undefined {
  if (!(error instanceof HttpException) || error.getStatus() !== 400) return undefined;
  const body = error.getResponse() as { errors?: IndicatorRowError[] };
  if (!Array.isArray(body?.errors)) return undefined;
  return body.errors.map((problem) => {
    const key = columnForField(problem.field);
    return {
      row: indicators[problem.row]?.row ?? 0,
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
