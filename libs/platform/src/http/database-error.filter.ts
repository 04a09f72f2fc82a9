import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { isDatabaseUnavailable } from '@tequio/messaging';
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

/** Seconds a client is told to wait while the database is away: a restart or a failover takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface HttpResponse {
  setHeader(name: string, value: string): void;
  status(code: number): { json(body: unknown): void };
}

/*
 * Catches everything (a lost connection reaches us as the driver's plain Error, not a QueryFailedError) and hands
 * what is not a database failure to Nest's own handling. Registered before ValidationErrorFilter in the platform
 * module, so Nest, which tries the last registered global filter first, still gives zod errors to that one.
 */
@Catch()
export class DatabaseErrorFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(DatabaseErrorFilter.name);
  private readonly rpc = new BaseRpcExceptionFilter();

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // A Kafka handler's failure gets Nest's RPC handling, which fails the message (EventConsumer retries transient ones).
    if (host.getType() !== 'http') return this.rpc.catch(exception, host);
    const unavailable = isDatabaseUnavailable(exception);
    if (!(exception instanceof QueryFailedError) && !unavailable) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (unavailable) {
      // A restart or failover: the client may retry, and readiness takes the pod out meanwhile. No stack: an outage
      // logs one line per request.
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      response.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        message: `La base de datos no está disponible por el momento: intente de nuevo en ${DATABASE_RETRY_AFTER_SECONDS} s (database unavailable: retry in ${DATABASE_RETRY_AFTER_SECONDS} s)`,
      });
      return undefined;
    }
    const failure = exception as QueryFailedError;
    const driverError = failure.driverError as PostgresError;
    const answer = ANSWERS[driverError.code ?? ''];
    if (!answer) {
      this.logger.error(`Unexpected database error: ${failure.message}`, failure.stack);
      response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'Error interno del servidor' });
      return undefined;
    }
    this.logger.warn(`Database constraint ${driverError.constraint ?? '?'} refused a write: ${driverError.detail ?? failure.message}`);
    const subject = fieldsOf(driverError.detail) ?? driverError.constraint ?? 'restricción';
    response.status(answer.status).json({ statusCode: answer.status, error: answer.error, message: answer.message(subject) });
    return undefined;
  }
}
