/**
 * Thrown by a handler when the event breaks a deterministic rule (unknown reference, impossible transition):
 * retrying cannot help, so the event is dead-lettered at once with this message as the reason.
 */
export class EventRejected extends Error {
  override readonly name = 'EventRejected';
}

/*
 * SQLSTATE classes and codes that say "try again later": connection exceptions (08), serialization failure,
 * deadlock, lock timeout, query cancelled by statement_timeout, insufficient resources (53), operator
 * intervention such as a server shutting down (57P01..57P03), system errors (58).
 */
const TRANSIENT_SQLSTATE = /^(08|53|58)|^(40001|40P01|55P03|57014|57P01|57P02|57P03)$/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection timeout|terminating connection|the database system is (starting up|shutting down)|client has encountered a connection error|Connection is closed/i;

/** Whether a failure says nothing about the event itself (a database outage, a lock timeout), so it must be retried. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof EventRejected) return false;
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const candidate = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof candidate.code === 'string' && (TRANSIENT_SQLSTATE.test(candidate.code) || TRANSIENT_NODE_CODES.has(candidate.code))) return true;
    if (typeof candidate.message === 'string' && TRANSIENT_MESSAGES.test(candidate.message)) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
