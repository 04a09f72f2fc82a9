import { applyDecorators, CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SERVICE_CONFIG, ServiceConfig } from '../config/service-config';

/**
 * A fixed-window counter per client: at most `limit` calls per `windowMs`. In memory, so each replica counts
 * apart (with N replicas a client gets at most N × limit); enough to make guessing codes pointless.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts the call; returns the seconds to wait when the client is over its limit, else 0. */
  take(client: string): number {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      window = { startedAt: now, count: 0 };
      this.windows.set(client, window);
    }
    window.count += 1;
    return window.count > this.limit ? Math.ceil((window.startedAt + this.windowMs - now) / 1000) : 0;
  }

  private prune(now: number): void {
    for (const [client, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(client);
  }
}

export const RATE_LIMITED_KEY = 'tequio:http:rateLimited';
export const X_RATE_LIMITED = 'x-rate-limited';

/**
 * Limits calls per client IP and route (HTTP_PUBLIC_RATE_LIMIT per HTTP_PUBLIC_RATE_WINDOW_SECONDS): for the public
 * routes anyone can call without a token (citizen tracking, calendar feeds). Over the limit the route answers 429
 * with Retry-After. The OpenAPI extension lets a test check that no public route was left without it.
 */
export const RateLimited = (): MethodDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMITED_KEY, true),
    ApiExtension(X_RATE_LIMITED, true),
    ApiTooManyRequestsResponse({ description: 'Demasiadas consultas desde el mismo cliente; el encabezado Retry-After dice cuántos segundos esperar' }),
  );

interface LimitedRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
}

/** Global guard: counts the calls of routes marked @RateLimited, one window per client IP and route. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    this.limiter = new RateLimiter(config.HTTP_PUBLIC_RATE_LIMIT, config.HTTP_PUBLIC_RATE_WINDOW_SECONDS * 1000);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(RATE_LIMITED_KEY, context.getHandler())) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<LimitedRequest>();
    // The IP Express derives (HTTP_TRUST_PROXY_HOPS decides how many proxies' X-Forwarded-For it believes).
    const client = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
    const wait = this.limiter.take(`${client} ${context.getClass().name}.${context.getHandler().name}`);
    if (wait === 0) return true;
    http.getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(wait));
    throw new HttpException(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: `Demasiadas consultas: intente de nuevo en ${wait} s (too many requests: retry in ${wait} s)` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
