import { AuthConfigurationError, authConfigFromEnv, authConfigProblems } from './auth-config';

describe('auth configuration fails closed', () => {
  it('requires AUTH_JWKS_URL unless the dev keys are explicitly enabled', () => {
    expect(authConfigProblems({})).toEqual([expect.stringMatching(/^AUTH_JWKS_URL is required .*AUTH_DEV_KEYS=true/)]);
    expect(() => authConfigFromEnv({})).toThrow(AuthConfigurationError);
    expect(authConfigProblems({ AUTH_DEV_KEYS: 'false' })).toHaveLength(1);
  });

  it('trusts the dev keys only when AUTH_DEV_KEYS=true', () => {
    expect(authConfigFromEnv({ AUTH_DEV_KEYS: 'true', AUTH_DEV_KEYS_DIR: '/tmp/keys' })).toMatchObject({ devKeys: true, devKeysDir: '/tmp/keys' });
    expect(authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks' })).toMatchObject({ devKeys: false, jwksUrl: 'https://idp.example/jwks' });
  });

  it('names every bad AUTH_* variable at once', () => {
    expect(authConfigProblems({ AUTH_DEV_KEYS: 'yes', AUTH_JWKS_URL: 'not a url', AUTH_ISSUER: ' ', NODE_ENV: 'production' })).toEqual([
      'AUTH_DEV_KEYS must be "true" or "false"',
      'AUTH_JWKS_URL must be an http(s) URL',
      'AUTH_ISSUER must not be empty',
    ]);
    expect(authConfigProblems({ AUTH_DEV_KEYS: 'true', NODE_ENV: 'production' })).toEqual(['AUTH_DEV_KEYS cannot be true when NODE_ENV=production']);
  });
});
