import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';

interface PostgresError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/*
 * Services check their rules before writing, but two concurrent requests can both pass a check and
 * then collide in the database. The constraint still protects the data; this turns the collision
 * into the 4xx the check would have given instead of a 500.
 */
const ANSWERS: Record<string, { status: number; error: string; message: (c: string) => string }> = {
  '23505': { status: 409, error: 'Conflict', message: (c) => `${c}: ya existe un registro con esos datos` },
  '23503': { status: 409, error: 'Conflict', message: (c) => `${c}: el registro está referido por otros o refiere a uno que no existe` },
  '23514': { status: 400, error: 'Bad Request', message: (c) => `${c}: los datos no cumplen una regla de integridad` },
};

/**
 * The API field(s) behind a constraint, from PostgreSQL's detail `Key (tenant, code)=(…) already exists.`:
 * columns in camelCase, without the tenant every key starts with (the caller cannot choose it).
 */
export function fieldsOf(detail: string | undefined): string | undefined {
  const columns = /^Key \(([^)]+)\)=/.exec(detail ?? '')?.[1];
  if (!columns) return undefined;
  const fields = columns
    .split(',')
    .map((column) => column.trim().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()))
    .filter((field) => field !== 'tenant');
  return fields.length > 0 ? fields.join(', ') : undefined;
}

@Catch(QueryFailedError)
export class DatabaseErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(DatabaseErrorFilter.name);

  catch(exception: QueryFailedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const driverError = exception.driverError as PostgresError;
    const answer = ANSWERS[driverError.code ?? ''];
    if (!answer) {
      this.logger.error(`Unexpected database error: ${exception.message}`, exception.stack);
      response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'Error interno del servidor' });
      return;
    }
    this.logger.warn(`Database constraint ${driverError.constraint ?? '?'} refused a write: ${driverError.detail ?? exception.message}`);
    const subject = fieldsOf(driverError.detail) ?? driverError.constraint ?? 'restricción';
    response.status(answer.status).json({ statusCode: answer.status, error: answer.error, message: answer.message(subject) });
  }
}
