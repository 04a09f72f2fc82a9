import { join } from 'node:path';

export interface AuthConfig {
  issuer: string;
  audience: string;
  /** When set, tokens are verified against this JWKS endpoint instead of the local dev key pair. */
  jwksUrl?: string;
  /** The local dev key pair is trusted only when this is explicitly on (`AUTH_DEV_KEYS=true`): auth fails closed. */
  devKeys: boolean;
  devKeysDir: string;
}

export class AuthConfigurationError extends Error {}

const AUTH_VARIABLES = ['AUTH_DEV_KEYS', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_DEV_KEYS_DIR'] as const;

/**
 * Every `AUTH_*` problem at once, each naming its variable: without `AUTH_DEV_KEYS=true` an `AUTH_JWKS_URL` is
 * required, so a forgotten variable stops the service instead of trusting keys nobody chose.
 */
export function authConfigProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const problems: string[] = [];
  const devKeys = env['AUTH_DEV_KEYS'];
  if (devKeys !== undefined && devKeys !== 'true' && devKeys !== 'false') problems.push(`AUTH_DEV_KEYS must be "true" or "false"`);
  const jwksUrl = env['AUTH_JWKS_URL'];
  if (jwksUrl) {
    try {
      const url = new URL(jwksUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('AUTH_JWKS_URL must be an http(s) URL');
    } catch {
      problems.push('AUTH_JWKS_URL must be an http(s) URL');
    }
  } else if (devKeys !== 'true') {
    problems.push('AUTH_JWKS_URL is required (the identity provider\'s JWKS endpoint) unless AUTH_DEV_KEYS=true enables the local dev keys');
  }
  if (devKeys === 'true' && env['NODE_ENV'] === 'production') problems.push('AUTH_DEV_KEYS cannot be true when NODE_ENV=production');
  for (const name of ['AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_DEV_KEYS_DIR'] as const) {
    if (env[name] !== undefined && env[name]?.trim() === '') problems.push(`${name} must not be empty`);
  }
  return problems;
}

export { AUTH_VARIABLES };

export const AUTH_CONFIG = Symbol('TEQUIO_AUTH_CONFIG');

export function defaultDevKeysDir(env: NodeJS.ProcessEnv = process.env): string {
  // Follows TEQUIO_DATA_DIR, like the rest of `npm start`'s state, so `npm run token` signs with the keys it uses.
  return env['AUTH_DEV_KEYS_DIR'] || join(env['TEQUIO_DATA_DIR'] || join(process.cwd(), '.data'), 'dev-keys');
}

// Read at call time (not import time) so tests and CLIs can set the environment first.
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const problems = authConfigProblems(env);
  if (problems.length > 0) throw new AuthConfigurationError(`Invalid auth configuration: ${problems.join('; ')}`);
  return readAuthConfig(env);
}

/** The configuration as the environment states it, unchecked: for signing dev tokens and for overrides checked later. */
export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return {
    devKeys: env['AUTH_DEV_KEYS'] === 'true',
    issuer: env['AUTH_ISSUER'] || 'tequio-dev',
    audience: env['AUTH_AUDIENCE'] || 'tequio',
    jwksUrl: env['AUTH_JWKS_URL'] || undefined,
    devKeysDir: defaultDevKeysDir(env),
  };
}
