import { execFile } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { JwtStrategy } from './jwt.strategy';
import { DEV_PRIVATE_KEY_FILE, DEV_PUBLIC_KEY_FILE, loadOrCreateDevKeyPair, signDevToken } from './dev-keys';

const REPO_ROOT = resolve(__dirname, '../../..');
const runNode = promisify(execFile);

describe('dev key pair', () => {
  let workDir: string;
  const savedNodeEnv = process.env['NODE_ENV'];

  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'tequio-dev-keys-'));
  });

  afterEach(() => {
    process.env['NODE_ENV'] = savedNodeEnv;
    rmSync(workDir, { recursive: true, force: true });
  });

  it('creates the pair as PEM files on first use, including missing parent folders', () => {
    const dir = join(workDir, '.data', 'dev-keys');
    const pair = loadOrCreateDevKeyPair(dir);

    expect(pair.privateKey).toContain('-----BEGIN PRIVATE KEY-----');
    expect(pair.publicKey).toContain('-----BEGIN PUBLIC KEY-----');
    expect(readFileSync(join(dir, DEV_PRIVATE_KEY_FILE), 'utf8')).toBe(pair.privateKey);
    expect(readFileSync(join(dir, DEV_PUBLIC_KEY_FILE), 'utf8')).toBe(pair.publicKey);
    expect(statSync(join(dir, DEV_PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(createPublicKey(pair.publicKey).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('reuses the stored pair instead of generating a new one', () => {
    expect(loadOrCreateDevKeyPair(workDir)).toEqual(loadOrCreateDevKeyPair(workDir));
  });

  it('gives every concurrently starting process the same key and leaves no temp files', async () => {
    const dir = join(workDir, 'shared');
    // Each child spins until the same instant, so they all find no key and race to publish one.
    const startAt = Date.now() + 2500;
    const script = `
      const { loadOrCreateDevKeyPair } = require('./libs/auth/src/dev-keys');
      while (Date.now() < ${startAt}) {}
      process.stdout.write(loadOrCreateDevKeyPair(${JSON.stringify(dir)}).publicKey);
    `;
    const children = Array.from({ length: 6 }, () =>
      runNode(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: REPO_ROOT }),
    );
    const publicKeys = (await Promise.all(children)).map(({ stdout }) => stdout);

    const published = readFileSync(join(dir, DEV_PUBLIC_KEY_FILE), 'utf8');
    expect(new Set(publicKeys)).toEqual(new Set([published]));
    expect(loadOrCreateDevKeyPair(dir).publicKey).toBe(published);
    expect(readdirSync(dir).sort()).toEqual([DEV_PRIVATE_KEY_FILE, DEV_PUBLIC_KEY_FILE]);
  }, 30_000);

  it('explains how to recover from a corrupt private key', () => {
    writeFileSync(join(workDir, DEV_PRIVATE_KEY_FILE), 'garbage');
    expect(() => loadOrCreateDevKeyPair(workDir)).toThrow(/not a valid private key; delete it/);
  });

  it('refuses to use or create dev keys in production', async () => {
    process.env['NODE_ENV'] = 'production';
    expect(() => loadOrCreateDevKeyPair(workDir)).toThrow(/AUTH_JWKS_URL/);
    await expect(
      JwtStrategy.create({ issuer: 'tequio-dev', audience: 'tequio', devKeys: true, devKeysDir: workDir }),
    ).rejects.toThrow(/NODE_ENV=production.*AUTH_JWKS_URL/);
    expect(readdirSync(workDir)).toEqual([]);
  });
});

describe('signDevToken', () => {
  let keysDir: string;

  beforeAll(() => {
    keysDir = mkdtempSync(join(tmpdir(), 'tequio-dev-keys-'));
  });

  afterAll(() => {
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('signs RS256 with the dev key, the expected issuer and audience, and 8h defaults', () => {
    const token = signDevToken({ roles: ['planning'] }, { keysDir });

    const { publicKey } = loadOrCreateDevKeyPair(keysDir);
    const verified = jwt.verify(token, publicKey, {
      algorithms: ['RS256'],
      issuer: 'tequio-dev',
      audience: 'tequio',
      complete: true,
    });
    expect(verified.header.alg).toBe('RS256');
    expect(verified.payload).toMatchObject({
      sub: 'dev-user',
      tenant: 'oaxaca-de-juarez',
      roles: ['planning'],
      units: [],
    });
    const { iat, exp } = verified.payload as jwt.JwtPayload;
    expect((exp ?? 0) - (iat ?? 0)).toBe(8 * 60 * 60);
  });

  it('honours explicit claims and options', () => {
    const token = signDevToken(
      { sub: 'luis', tenant: 'santa-lucia', roles: ['unit_head'], units: ['402', '801'], expiresIn: 60 },
      { keysDir, issuer: 'idp', audience: 'reporting' },
    );
    const payload = jwt.verify(token, loadOrCreateDevKeyPair(keysDir).publicKey, {
      issuer: 'idp',
      audience: 'reporting',
    }) as jwt.JwtPayload;
    expect(payload).toMatchObject({ sub: 'luis', tenant: 'santa-lucia', roles: ['unit_head'], units: ['402', '801'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
  });

  it('refuses to mint a token the server would reject', () => {
    expect(() => signDevToken({ roles: ['root' as never] }, { keysDir })).toThrow();
  });
});
