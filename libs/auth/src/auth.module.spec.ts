import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Global, type INestApplication, Module, Patch } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { AuthModule } from './auth.module';
import type { TequioClaims } from './claims';
import { AllowUnregisteredTenant, CurrentUser, Public, Roles } from './decorators';
import { TENANT_REGISTRY, type TenantRegistry } from './tenant-registry';
import { loadOrCreateDevKeyPair, signDevToken } from './dev-keys';

// @nestjs/testing is not installed, so the probe app is built with NestFactory and hit with supertest.

@Controller('probe')
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { ok: true };
  }

  @Public()
  @Get('public-me')
  publicMe(@CurrentUser() user: TequioClaims) {
    return user;
  }

  @Get('me')
  me(@CurrentUser() user: TequioClaims) {
    return user;
  }

  @Roles('admin')
  @Get('admin')
  adminOnly() {
    return { ok: true };
  }

  @Roles('admin', 'planning')
  @Get('planning')
  planning() {
    return { ok: true };
  }

  @Roles('admin')
  @AllowUnregisteredTenant()
  @Patch('register')
  register(@CurrentUser() user: TequioClaims) {
    return { tenant: user.tenant };
  }
}

/** Stands in for catalog's municipalities (or a service's replica of them): a plain map, with the questions asked. */
class MapTenantRegistry implements TenantRegistry {
  readonly asked: string[] = [];
  readonly active = new Map<string, boolean>([
    ['oaxaca-de-juarez', true],
    ['san-pablo-etla', false],
  ]);

  async isActive(tenant: string): Promise<boolean> {
    this.asked.push(tenant);
    return this.active.get(tenant) ?? false;
  }
}
const tenantRegistry = new MapTenantRegistry();

@Global()
@Module({ providers: [{ provide: TENANT_REGISTRY, useValue: tenantRegistry }], exports: [TENANT_REGISTRY] })
class ProbeTenantsModule {}

@Module({ imports: [ProbeTenantsModule, AuthModule], controllers: [ProbeController] })
class ProbeAppModule {}

const UNAUTHORIZED_BODY = { statusCode: 401, message: 'Falta el token o no es válido', error: 'Unauthorized' };
const AUTH_ENV_KEYS = ['AUTH_DEV_KEYS', 'AUTH_DEV_KEYS_DIR', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'] as const;

const validClaims = { sub: 'ana', tenant: 'oaxaca-de-juarez', roles: ['clerk'], units: ['402'] };
const signOptions = { algorithm: 'RS256', issuer: 'tequio-dev', audience: 'tequio', expiresIn: '1h' } as const;

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('AuthModule (HTTP)', () => {
  const savedEnv = Object.fromEntries(AUTH_ENV_KEYS.map((key) => [key, process.env[key]]));
  let keysDir: string;
  let app: INestApplication;

  const get = (path: string, token?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
  };
  const devPrivateKey = () => loadOrCreateDevKeyPair(keysDir).privateKey;

  beforeAll(async () => {
    for (const key of AUTH_ENV_KEYS) delete process.env[key];
    keysDir = mkdtempSync(join(tmpdir(), 'tequio-auth-'));
    process.env['AUTH_DEV_KEYS_DIR'] = keysDir;
    process.env['AUTH_DEV_KEYS'] = 'true';
    app = await NestFactory.create(ProbeAppModule, { logger: false, abortOnError: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(keysDir, { recursive: true, force: true });
    for (const key of AUTH_ENV_KEYS) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
  });

  it('lets anyone reach a @Public route', async () => {
    await get('/probe/public').expect(200, { ok: true });
  });

  it('answers 401 when a @Public route asks for @CurrentUser, since no token was checked there', async () => {
    await get('/probe/public-me', signDevToken({ roles: ['admin'] })).expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 401 with the Spanish body when the token is missing', async () => {
    await get('/probe/me').expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 401 before checking roles when the token is missing', async () => {
    await get('/probe/admin').expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 401 for a token that is not a JWT', async () => {
    await get('/probe/me', 'not-a-jwt').expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 401 for a token signed by another key', async () => {
    const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign(validClaims, foreign.privateKey, signOptions);
    await get('/probe/me', token).expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 401 for an expired token', async () => {
    const token = signDevToken({ sub: 'ana', roles: ['clerk'], expiresIn: -60 });
    await get('/probe/me', token).expect(401, UNAUTHORIZED_BODY);
  });

  it.each([
    ['the wrong issuer', { ...signOptions, issuer: 'someone-else' }],
    ['the wrong audience', { ...signOptions, audience: 'another-app' }],
  ])('answers 401 for a token with %s', async (_case, options) => {
    await get('/probe/me', jwt.sign(validClaims, devPrivateKey(), options)).expect(401, UNAUTHORIZED_BODY);
  });

  it.each([
    ['no tenant', { sub: 'ana', roles: ['clerk'], units: [] }],
    ['no roles', { sub: 'ana', tenant: 'oaxaca-de-juarez', units: [] }],
    ['an empty roles list', { ...validClaims, roles: [] }],
    ['an unknown role', { ...validClaims, roles: ['superuser'] }],
    ['units that are not strings', { ...validClaims, units: [402] }],
    ['an empty sub', { ...validClaims, sub: '' }],
  ])('answers 401 for a correctly signed token with %s', async (_case, claims) => {
    await get('/probe/me', jwt.sign(claims, devPrivateKey(), signOptions)).expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 401 for a correctly signed token without exp', async () => {
    const { expiresIn: _never, ...noExpiry } = signOptions;
    await get('/probe/me', jwt.sign(validClaims, devPrivateKey(), noExpiry)).expect(401, UNAUTHORIZED_BODY);
    // The same claims with exp pass: the refusal is about exp alone.
    await get('/probe/me', jwt.sign(validClaims, devPrivateKey(), signOptions)).expect(200);
  });

  it('rejects an HS256 token forged with the public key as the HMAC secret', async () => {
    const { publicKey } = loadOrCreateDevKeyPair(keysDir);
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({
      ...validClaims,
      roles: ['admin'],
      iss: 'tequio-dev',
      aud: 'tequio',
      iat: now,
      exp: now + 3600,
    })}`;
    const signature = createHmac('sha256', publicKey).update(unsigned).digest('base64url');
    await get('/probe/admin', `${unsigned}.${signature}`).expect(401, UNAUTHORIZED_BODY);
  });

  it('rejects an unsigned "alg: none" token', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...validClaims, iss: 'tequio-dev', aud: 'tequio' })}.`;
    await get('/probe/me', token).expect(401, UNAUTHORIZED_BODY);
  });

  it('answers 200 with a good token and exposes only the Tequio claims via @CurrentUser', async () => {
    const token = signDevToken({ sub: 'ana', roles: ['clerk'], units: ['402'] });
    await get('/probe/me', token).expect(200, {
      sub: 'ana',
      tenant: 'oaxaca-de-juarez',
      roles: ['clerk'],
      units: ['402'],
    });
  });

  it('fills in missing units as an empty list', async () => {
    const token = jwt.sign({ sub: 'ana', tenant: 'oaxaca-de-juarez', roles: ['auditor'] }, devPrivateKey(), signOptions);
    await get('/probe/me', token).expect(200, { sub: 'ana', tenant: 'oaxaca-de-juarez', roles: ['auditor'], units: [] });
  });

  it('answers 403 naming the required role when the user lacks it', async () => {
    const token = signDevToken({ roles: ['clerk'] });
    await get('/probe/admin', token).expect(403, {
      statusCode: 403,
      message: 'Se requiere uno de los roles: admin',
      error: 'Forbidden',
    });
  });

  it('answers 403 naming every accepted role', async () => {
    const token = signDevToken({ roles: ['unit_head', 'auditor'] });
    const response = await get('/probe/planning', token).expect(403);
    expect(response.body.message).toBe('Se requiere uno de los roles: admin, planning');
  });

  it('lets a user with any one of the required roles through', async () => {
    await get('/probe/admin', signDevToken({ roles: ['admin'] })).expect(200, { ok: true });
    await get('/probe/planning', signDevToken({ roles: ['clerk', 'planning'] })).expect(200, { ok: true });
  });

  it.each([
    ['a tenant that is not registered', 'santa-lucia-del-camino'],
    ['a municipality that was deactivated', 'san-pablo-etla'],
  ])('answers 403 naming the tenant for a good token of %s', async (_case, tenant) => {
    const response = await get('/probe/me', signDevToken({ roles: ['admin'], tenant })).expect(403);
    expect(response.body.message).toBe(`El municipio ${tenant} no está registrado o está inactivo`);
  });

  it('checks the tenant before the roles, so an unregistered tenant learns nothing about the route', async () => {
    const response = await get('/probe/admin', signDevToken({ roles: ['clerk'], tenant: 'santa-lucia-del-camino' })).expect(403);
    expect(response.body.message).toContain('no está registrado');
  });

  it('lets the bootstrap route through for an unregistered tenant, still behind the token and the roles', async () => {
    const patch = (token?: string) => {
      const call = request(app.getHttpServer()).patch('/probe/register');
      return token ? call.set('Authorization', `Bearer ${token}`) : call;
    };
    await patch(signDevToken({ roles: ['admin'], tenant: 'santa-lucia-del-camino' })).expect(200, { tenant: 'santa-lucia-del-camino' });
    await patch(signDevToken({ roles: ['clerk'], tenant: 'santa-lucia-del-camino' })).expect(403);
    await patch().expect(401);
  });

  it('trusts an active tenant for a few seconds but asks again at once about one that was refused', async () => {
    tenantRegistry.active.set('santa-maria-del-tule', false);
    const tule = signDevToken({ roles: ['clerk'], tenant: 'santa-maria-del-tule' });
    await get('/probe/me', tule).expect(403);
    tenantRegistry.active.set('santa-maria-del-tule', true);
    await get('/probe/me', tule).expect(200);
    const asked = tenantRegistry.asked.filter((tenant) => tenant === 'santa-maria-del-tule').length;
    await get('/probe/me', tule).expect(200);
    expect(tenantRegistry.asked.filter((tenant) => tenant === 'santa-maria-del-tule')).toHaveLength(asked);
  });
});

describe('AuthModule.forRoot', () => {
  let keysDir: string;
  let app: INestApplication;

  beforeAll(async () => {
    keysDir = mkdtempSync(join(tmpdir(), 'tequio-auth-'));
    @Module({ imports: [ProbeTenantsModule, AuthModule.forRoot({ audience: 'reporting', devKeys: true, devKeysDir: keysDir })], controllers: [ProbeController] })
    class OverriddenAppModule {}
    app = await NestFactory.create(OverriddenAppModule, { logger: false, abortOnError: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(keysDir, { recursive: true, force: true });
  });

  it('verifies with the overridden configuration instead of the environment', async () => {
    const server = app.getHttpServer();
    const forReporting = signDevToken({ roles: ['clerk'] }, { keysDir, audience: 'reporting' });
    const forDefaultAudience = signDevToken({ roles: ['clerk'] }, { keysDir });
    await request(server).get('/probe/me').set('Authorization', `Bearer ${forReporting}`).expect(200);
    await request(server).get('/probe/me').set('Authorization', `Bearer ${forDefaultAudience}`).expect(401);
  });
});
