import { createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jwt, { type SignOptions } from 'jsonwebtoken';
import { readAuthConfig, defaultDevKeysDir } from './auth-config';
import { type Role, type TequioClaims, tequioClaimsSchema } from './claims';

export const DEV_PRIVATE_KEY_FILE = 'private.pem';
export const DEV_PUBLIC_KEY_FILE = 'public.pem';

export interface DevKeyPair {
  /** PKCS#8 PEM */
  privateKey: string;
  /** SPKI PEM */
  publicKey: string;
}

export interface DevTokenClaims {
  sub?: string;
  tenant?: string;
  roles: Role[];
  units?: string[];
  name?: string;
  post?: string;
  expiresIn?: SignOptions['expiresIn'];
}

export interface DevTokenOptions {
  /** Defaults to AUTH_DEV_KEYS_DIR or <cwd>/.data/dev-keys. */
  keysDir?: string;
  /** Defaults to AUTH_ISSUER or 'tequio-dev'. */
  issuer?: string;
  /** Defaults to AUTH_AUDIENCE or 'tequio'. */
  audience?: string;
}

/**
 * Returns the local dev key pair, creating it on first use. Safe when several processes start at
 * once: every process agrees on whichever private key was published first.
 */
export function loadOrCreateDevKeyPair(dir: string = defaultDevKeysDir()): DevKeyPair {
  refuseInProduction();
  const privateKeyPath = join(dir, DEV_PRIVATE_KEY_FILE);
  const privateKey = readIfExists(privateKeyPath) ?? publishNewPrivateKey(dir, privateKeyPath);
  // Derived rather than read from public.pem, so a half-written pair can never disagree.
  const publicKey = derivePublicKey(privateKey, privateKeyPath);
  writePublicKeyCopy(dir, publicKey);
  return { privateKey, publicKey };
}

/** Signs an RS256 token with the dev private key, with the issuer and audience the server expects. */
export function signDevToken(claims: DevTokenClaims, opts: DevTokenOptions = {}): string {
  const config = readAuthConfig();
  const { privateKey } = loadOrCreateDevKeyPair(opts.keysDir ?? config.devKeysDir);
  // Validate like the server does, so a dev never mints a token that will be rejected.
  const payload: TequioClaims = tequioClaimsSchema.parse({
    sub: claims.sub ?? 'dev-user',
    tenant: claims.tenant ?? 'oaxaca-de-juarez',
    roles: claims.roles,
    units: claims.units ?? [],
    name: claims.name,
    post: claims.post,
  });
  return jwt.sign(payload, privateKey, {
    algorithm: 'RS256',
    issuer: opts.issuer ?? config.issuer,
    audience: opts.audience ?? config.audience,
    expiresIn: claims.expiresIn ?? '8h',
  });
}

function refuseInProduction(): void {
  if (process.env['NODE_ENV'] === 'production') {
    throw new Error(
      'Auth: dev signing keys are disabled when NODE_ENV=production. ' +
        "Set AUTH_JWKS_URL to the identity provider's JWKS endpoint.",
    );
  }
}

function publishNewPrivateKey(dir: string, privateKeyPath: string): string {
  mkdirSync(dir, { recursive: true });
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const tempPath = join(dir, `.${DEV_PRIVATE_KEY_FILE}.${process.pid}.${randomUUID()}.tmp`);
  writeFileSync(tempPath, privateKey, { mode: 0o600, flag: 'wx' });
  try {
    // Unlike rename, link never replaces an existing file: the first process to publish wins
    // and readers only ever see a complete file.
    linkSync(tempPath, privateKeyPath);
    return privateKey;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return readFileSync(privateKeyPath, 'utf8');
    throw error;
  } finally {
    rmSync(tempPath, { force: true });
  }
}

function writePublicKeyCopy(dir: string, publicKey: string): void {
  const publicKeyPath = join(dir, DEV_PUBLIC_KEY_FILE);
  if (readIfExists(publicKeyPath) === publicKey) return;
  // Every process derives the same content, so last-rename-wins is harmless here.
  const tempPath = join(dir, `.${DEV_PUBLIC_KEY_FILE}.${process.pid}.${randomUUID()}.tmp`);
  writeFileSync(tempPath, publicKey, { mode: 0o644, flag: 'wx' });
  try {
    renameSync(tempPath, publicKeyPath);
  } finally {
    rmSync(tempPath, { force: true });
  }
}

function derivePublicKey(privateKey: string, privateKeyPath: string): string {
  try {
    return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  } catch (error) {
    throw new Error(`Auth: ${privateKeyPath} is not a valid private key; delete it to generate a new dev key pair.`, {
      cause: error,
    });
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

// Duck-typed: `instanceof Error` fails for errors from another realm (e.g. Node's fs under Jest).
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
