// How row problems of one or many indicators become an HTTP error.
import { BadRequestException, ConflictException, HttpException } from '@nestjs/common';
import { IndicatorRowError } from './indicator-input';

export interface RowProblem extends IndicatorRowError {
  /** Clashes with stored state (a 409 when one indicator is written). */
  conflict: boolean;
}

export function fieldMessages(errors: { field: string; message: string }[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join('; ');
}

/** One indicator: 409 when every problem is a clash with stored state, else 400; the message starts with the field. */
export function singleError(problems: RowProblem[]): HttpException {
  const errors = problems.map(({ field, message }) => ({ field, message }));
  const conflict = problems.every((problem) => problem.conflict);
  const body = { statusCode: conflict ? 409 : 400, error: conflict ? 'Conflict' : 'Bad Request', message: fieldMessages(errors), errors };
  return conflict ? new ConflictException(body) : new BadRequestException(body);
}

/** A batch: always 400, every problem with its row (index in the submitted array, from 0). */
export function batchError(problems: RowProblem[]): BadRequestException {
  const errors: IndicatorRowError[] = problems.map(({ row, field, message }) => ({ row, field, message }));
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `Datos no válidos: ${errors.map((e) => `[${e.row}] ${e.field}: ${e.message}`).join('; ')}`,
    errors,
  });
}

