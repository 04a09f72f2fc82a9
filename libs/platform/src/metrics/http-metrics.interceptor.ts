import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { metric } from '@tequio/messaging';
import { Histogram } from 'prom-client';
import { Observable, tap } from 'rxjs';

const duration = metric('tequio_http_request_duration_seconds', () =>
  new Histogram({
    name: 'tequio_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
);

/** Labels by route pattern (not raw URL) so ids do not explode the metric's cardinality. */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<{ method: string; route?: { path?: string } }>();
    const end = duration.startTimer();
    const finish = () => {
      const response = http.getResponse<{ statusCode: number }>();
      end({ method: request.method, route: request.route?.path ?? 'unknown', status: String(response.statusCode) });
    };
    return next.handle().pipe(tap({ complete: finish, error: finish }));
  }
}
