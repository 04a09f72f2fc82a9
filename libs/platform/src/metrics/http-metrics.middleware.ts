import { metric } from '@tequio/messaging';
import { Histogram } from 'prom-client';

const duration = metric('tequio_http_request_duration_seconds', () =>
  new Histogram({
    name: 'tequio_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
);

interface MeasuredRequest {
  method: string;
  baseUrl?: string;
  route?: { path?: string };
}
interface MeasuredResponse {
  statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Measures every request when its response is sent, so the status is the one the client got: guards' 401/403
 * and the exception filters' 404/409/500 included (an interceptor sees neither). Labels by route pattern, not
 * raw URL, so ids do not explode the metric's cardinality; unmatched paths are `unknown`.
 */
export function httpMetricsMiddleware(request: MeasuredRequest, response: MeasuredResponse, next: () => void): void {
  const end = duration.startTimer();
  response.once('finish', () => {
    const route = request.route?.path ? `${request.baseUrl ?? ''}${request.route.path}` : 'unknown';
    end({ method: request.method, route, status: String(response.statusCode) });
  });
  next();
}
