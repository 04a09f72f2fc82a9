import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';

const REPO_ROOT = resolve(__dirname, '../../..');
const runNode = promisify(execFile);

// jwks-rsa needs the ESM-only `jose`, which Jest cannot load on Node < 24.9, so the strategy is
// exercised in a plain Node child process, the way the apps run it.
const VERIFY_IN_CHILD = `
  const { JwtStrategy } = require('./libs/auth/src/jwt.strategy');
  const tokens = JSON.parse(process.env.TOKENS);
  const verify = (strategy, token) => new Promise((resolve) => {
    const attempt = Object.create(strategy);
    attempt.success = (user) => resolve({ user });
    attempt.fail = () => resolve('rejected');
    attempt.error = (error) => resolve({ error: String(error) });
    attempt.authenticate({ headers: { authorization: 'Bearer ' + token } });
  });
  (async () => {
    const strategy = await JwtStrategy.create({
      issuer: 'tequio-dev', audience: 'tequio', jwksUrl: process.env.JWKS_URL, devKeysDir: '/nonexistent',
    });
    const results = {};
    for (const [name, token] of Object.entries(tokens)) results[name] = await verify(strategy, token);
    process.stdout.write(JSON.stringify(results));
  })().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1); });
`;

describe('JwtStrategy with AUTH_JWKS_URL', () => {
  const idpKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const claims = { sub: 'ana', tenant: 'oaxaca-de-juarez', roles: ['planning'], units: ['402'] };
  let server: Server;
  let jwksUrl: string;
  let jwksRequests = 0;

  const sign = (key: typeof idpKey, kid: string, payload: object = claims) =>
    jwt.sign(payload, key.privateKey, { algorithm: 'RS256', keyid: kid, issuer: 'tequio-dev', audience: 'tequio', expiresIn: '1h' });

  beforeAll(async () => {
    const jwk = { ...idpKey.publicKey.export({ format: 'jwk' }), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    server = createServer((_request, response) => {
      jwksRequests += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
  });

  it('verifies against the JWKS endpoint, caches keys, and starts even with NODE_ENV=production', async () => {
    const tokens = {
      good: sign(idpKey, 'idp-1'),
      goodAgain: sign(idpKey, 'idp-1', { ...claims, sub: 'luis' }),
      unknownKid: sign(idpKey, 'idp-2'),
      forgedWithKnownKid: sign(otherKey, 'idp-1'),
      malformedClaims: sign(idpKey, 'idp-1', { sub: 'ana', roles: ['root'] }),
    };
    const { stdout } = await runNode(process.execPath, ['-r', '@swc-node/register', '-e', VERIFY_IN_CHILD], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production', JWKS_URL: jwksUrl, TOKENS: JSON.stringify(tokens) },
    });

    expect(JSON.parse(stdout)).toEqual({
      good: { user: claims },
      goodAgain: { user: { ...claims, sub: 'luis' } },
      unknownKid: 'rejected',
      forgedWithKnownKid: 'rejected',
      malformedClaims: 'rejected',
    });
    // One fetch for idp-1 (then cached), one more for the unknown kid.
    expect(jwksRequests).toBe(2);
  }, 30_000);
});
