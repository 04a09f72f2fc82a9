import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open. Node's 5 s default is shorter than what clients and proxies
 * keep theirs (undici about 4 s after the server's hint, ingress controllers and load balancers 60 s): a request sent
 * on a connection the service is closing at that instant gets a reset instead of an answer. The soak saw it under
 * load; a service that outlives every client's idle timeout is the one that never closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function useKeepAlive(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires the headers timeout above the keep-alive one, or it may drop a connection reused at the limit.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
