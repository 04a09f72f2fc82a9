import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Thrown by a handler when the event breaks a deterministic rule (unknown reference, impossible transition):
 * retrying cannot help, so the event is dead-lettered at once with this message as the reason.
 */
export class EventRejected extends Error {
  override readonly name = 'EventRejected';
}

/*
 * The database cannot be reached or will not take work now: connection exceptions (08), insufficient resources
 * such as too many connections (53), operator intervention such as a server shutting down or starting up
 * (57P01..57P03), and the driver's own failures, which carry no SQLSTATE (a refused or reset socket, a pool that
 * could not connect in time, a connection dropped under a query).
 */
const UNAVAILABLE_SQLSTATE = /^(08|53)|^57P0[123]$/;
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection timeout|terminating connection|the database system is (starting up|shutting down|in recovery mode)|client has encountered a connection error|client was closed and is not queryable|Connection is closed/i;
/* Worth retrying too, though the database is up: serialization failure, deadlock, lock timeout, statement_timeout, system errors (58). */
const RETRY_LATER_SQLSTATE = /^58|^(40001|40P01|55P03|57014)$/;

interface FailureLink {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/** Whether the error, or one it wraps (TypeORM's driverError, a cause), passes the test. */
function anyLink(error: unknown, test: (link: FailureLink) => boolean): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const link = current as FailureLink;
    if (test(link)) return true;
    current = link.driverError ?? link.cause;
  }
  return false;
}

const codeMatches = (link: FailureLink, pattern: RegExp) => typeof link.code === 'string' && pattern.test(link.code);

/** Whether the database is unreachable or refusing work for now (a restart, a failover): an HTTP 503, a consumer retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return anyLink(
    error,
    (link) =>
      // TypeORM releases a query runner as soon as its connection fails (the server ended it between two queries of a
      // transaction); the transaction's next query, or its COMMIT, then throws one of these instead of the connection error.
      link instanceof QueryRunnerAlreadyReleasedError ||
      link instanceof QueryRunnerProviderAlreadyReleasedError ||
      codeMatches(link, UNAVAILABLE_SQLSTATE) ||
      (typeof link.code === 'string' && UNAVAILABLE_NODE_CODES.has(link.code)) ||
      (typeof link.message === 'string' && UNAVAILABLE_MESSAGES.test(link.message)),
  );
}

/** Whether a failure says nothing about the event itself (a database outage, a lock timeout), so it must be retried. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof EventRejected) return false;
  return isDatabaseUnavailable(error) || anyLink(error, (link) => codeMatches(link, RETRY_LATER_SQLSTATE));
}
