/*
 * Failures that say the broker is away or busy (connection refused, timeouts, leadership moving): they concern
 * every row alike, so the relay backs off as a whole and no row is blamed or parked for them.
 */
const BROKER_ERROR_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSMetadataNotLoaded',
]);
const BROKER_PROTOCOL_TYPES = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'COORDINATOR_NOT_AVAILABLE',
  'NOT_COORDINATOR',
]);
const NODE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export function isBrokerUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth++) {
    const candidate = current as { name?: unknown; type?: unknown; code?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof candidate.name === 'string' && BROKER_ERROR_NAMES.has(candidate.name)) return true;
    if (typeof candidate.type === 'string' && BROKER_PROTOCOL_TYPES.has(candidate.type)) return true;
    if (typeof candidate.code === 'string' && NODE_CONNECTION_CODES.has(candidate.code)) return true;
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}
