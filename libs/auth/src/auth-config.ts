import { join } from 'node:path';

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** When set, tokens are verified against this JWKS endpoint instead of the local dev key pair. */
  jwksUrl?: string;
  devKeysDir: string;
}

export const AUTH_CONFIG = Symbol('TEQUIO_AUTH_CONFIG');

export function defaultDevKeysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['AUTH_DEV_KEYS_DIR'] || join(process.cwd(), '.data', 'dev-keys');
}

// Read at call time (not import time) so tests and CLIs can set the environment first.
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    issuer: env['AUTH_ISSUER'] || 'tequio-dev',
    audience: env['AUTH_AUDIENCE'] || 'tequio',
    jwksUrl: env['AUTH_JWKS_URL'] || undefined,
    devKeysDir: defaultDevKeysDir(env),
  };
}
