import { kafkaSecurity } from './kafka-security';
import { ConfigurationError, loadServiceConfig } from './service-config';

const valid = { DATABASE_URL: 'postgres://u:p@db:5432/tequio', KAFKA_BROKERS: 'k1:9092, k2:9092', AUTH_DEV_KEYS: 'true' };

describe('loadServiceConfig', () => {
  it('applies the service defaults', () => {
    const config = loadServiceConfig('catalog', 3001, valid);
    expect(config.PORT).toBe(3001);
    expect(config.DATABASE_SCHEMA).toBe('catalog');
    expect(config.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9092']);
    expect(config.KAFKA_CONSUMER_GROUP).toBe('tequio.catalog');
    expect(config.MIGRATIONS_RUN).toBe(true);
  });

  it('names a missing variable', () => {
    expect(() => loadServiceConfig('catalog', 3001, { KAFKA_BROKERS: 'k:9092' })).toThrow(/DATABASE_URL is required/);
    expect(() => loadServiceConfig('catalog', 3001, { DATABASE_URL: valid.DATABASE_URL })).toThrow(/KAFKA_BROKERS is required/);
    // Auth fails closed: no JWKS and no explicit dev keys stops the service at boot.
    const { AUTH_DEV_KEYS: _devKeys, ...withoutAuth } = valid;
    expect(() => loadServiceConfig('catalog', 3001, withoutAuth)).toThrow(/AUTH_JWKS_URL is required/);
    expect(() => loadServiceConfig('catalog', 3001, { ...withoutAuth, AUTH_JWKS_URL: 'https://idp.example/jwks' })).not.toThrow();
  });

  it('names a malformed variable', () => {
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, PORT: 'eighty' })).toThrow(ConfigurationError);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, KAFKA_BROKERS: 'no-port' })).toThrow(/KAFKA_BROKERS must be a comma-separated list of host:port/);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, MIGRATIONS_RUN: 'yes' })).toThrow(/MIGRATIONS_RUN/);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, AUTH_DEV_KEYS: 'yes', AUTH_AUDIENCE: '' })).toThrow(
      /AUTH_DEV_KEYS must be "true" or "false".*AUTH_AUDIENCE must not be empty/,
    );
  });
});

describe('HTTP abuse limits', () => {
  it('defaults to a 100 KB body, no trusted proxy, no cross-origin caller and 20 public calls a minute', () => {
    const config = loadServiceConfig('catalog', 3001, valid);
    expect([config.HTTP_JSON_LIMIT_KB, config.HTTP_TRUST_PROXY_HOPS, config.CORS_ORIGINS]).toEqual([100, 0, []]);
    expect([config.HTTP_PUBLIC_RATE_LIMIT, config.HTTP_PUBLIC_RATE_WINDOW_SECONDS]).toEqual([20, 60]);
  });

  it('reads the allowed origins as a list and refuses anything but scheme and host', () => {
    const config = loadServiceConfig('catalog', 3001, { ...valid, CORS_ORIGINS: 'https://tequio.example.gob.mx, http://localhost:4200' });
    expect(config.CORS_ORIGINS).toEqual(['https://tequio.example.gob.mx', 'http://localhost:4200']);
    for (const origin of ['*', 'https://tequio.example.gob.mx/', 'tequio.example.gob.mx', 'https://*.example.gob.mx']) {
      expect(() => loadServiceConfig('catalog', 3001, { ...valid, CORS_ORIGINS: origin })).toThrow(/CORS_ORIGINS must be a comma-separated list of origins/);
    }
  });

  it('names an out-of-range limit', () => {
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, HTTP_JSON_LIMIT_KB: '0' })).toThrow(/HTTP_JSON_LIMIT_KB/);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, HTTP_TRUST_PROXY_HOPS: '-1' })).toThrow(/HTTP_TRUST_PROXY_HOPS/);
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, HTTP_PUBLIC_RATE_LIMIT: 'many' })).toThrow(/HTTP_PUBLIC_RATE_LIMIT/);
  });
});

describe('Kafka deployment settings', () => {
  it('provisions topics unless told not to', () => {
    expect(loadServiceConfig('catalog', 3001, valid).KAFKA_PROVISION_TOPICS).toBe(true);
    expect(loadServiceConfig('catalog', 3001, { ...valid, KAFKA_PROVISION_TOPICS: 'false' }).KAFKA_PROVISION_TOPICS).toBe(false);
  });

  it('requires the SASL credentials when a mechanism is chosen', () => {
    expect(() => loadServiceConfig('catalog', 3001, { ...valid, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'catalog' })).toThrow(
      /KAFKA_SASL_PASSWORD is required when KAFKA_SASL_MECHANISM is scram-sha-512/,
    );
    const config = loadServiceConfig('catalog', 3001, { ...valid, KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_TLS: 'true' });
    expect(kafkaSecurity(config)).toEqual({ ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } });
  });

  it('connects in plaintext by default', () => {
    expect(kafkaSecurity(loadServiceConfig('catalog', 3001, valid))).toEqual({});
  });
});
