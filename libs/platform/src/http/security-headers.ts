import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceConfig } from '../config/service-config';

interface HeaderResponse {
  setHeader(name: string, value: string): void;
}

/** An API answers JSON, files and calendars, never pages to frame or scripts to run: browsers may do nothing more. */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Swagger UI (`/docs`) is a page with its own scripts and styles, served from the service itself. */
const DOCS_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

/** The few headers a JSON API needs from a helmet-like middleware, set on every answer (errors included). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-site',
  'X-DNS-Prefetch-Control': 'off',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

export function securityHeaders(request: { path?: string; url?: string }, response: HeaderResponse, next: () => void): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  const path = request.path ?? request.url ?? '';
  response.setHeader('Content-Security-Policy', path === '/docs' || path.startsWith('/docs/') ? DOCS_POLICY : API_POLICY);
  next();
}

/**
 * The HTTP hardening every service gets: security headers, no `X-Powered-By`, the client IP taken from as many
 * proxies as HTTP_TRUST_PROXY_HOPS says (the rate limits count per IP), and CORS for the CORS_ORIGINS only (a
 * browser on any other origin gets no `Access-Control-Allow-Origin`, so it cannot read the answer).
 */
export function useHttpHardening(app: NestExpressApplication, config: ServiceConfig): void {
  app.disable('x-powered-by');
  app.set('trust proxy', config.HTTP_TRUST_PROXY_HOPS);
  app.use(securityHeaders);
  const allowed = new Set(config.CORS_ORIGINS);
  app.enableCors({
    origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Retry-After', 'X-Request-Id', 'Content-Disposition', 'Location'],
    maxAge: 600,
  });
}
