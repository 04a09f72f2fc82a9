import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, type SecretOrKeyProvider, Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { AuthConfig } from './auth-config';
import { type TequioClaims, tequioClaimsSchema } from './claims';
import { loadOrCreateDevKeyPair } from './dev-keys';

export const JWT_STRATEGY = 'tequio-jwt';

/** Built with JwtStrategy.create(config); AuthModule wires that up. */
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  static async create(config: AuthConfig): Promise<JwtStrategy> {
    return new JwtStrategy(await strategyOptions(config));
  }

  private constructor(options: StrategyOptionsWithoutRequest) {
    super(options);
  }

  // Returning null makes passport fail the request with 401, like a bad signature would.
  validate(payload: unknown): TequioClaims | null {
    // passport-jwt checks `exp` only when present: a token that never expires is refused here.
    if (typeof (payload as { exp?: unknown } | null)?.exp !== 'number') return null;
    const claims = tequioClaimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  }
}

async function strategyOptions(config: AuthConfig): Promise<StrategyOptionsWithoutRequest> {
  const common = {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    // Pinning the algorithm blocks "alg: none" and HS256-with-the-public-key forgeries.
    algorithms: ['RS256' as const],
    issuer: config.issuer,
    audience: config.audience,
  };
  if (config.jwksUrl) {
    return { ...common, secretOrKeyProvider: await jwksKeyProvider(config.jwksUrl) };
  }
  if (!config.devKeys) throw new Error('No key to verify tokens with: set AUTH_JWKS_URL, or AUTH_DEV_KEYS=true for local development');
  // Throws when NODE_ENV=production, which aborts startup: production must use AUTH_JWKS_URL.
  return { ...common, secretOrKey: loadOrCreateDevKeyPair(config.devKeysDir).publicKey };
}

async function jwksKeyProvider(jwksUri: string): Promise<SecretOrKeyProvider> {
  // Loaded only when needed: jwks-rsa pulls in the ESM-only `jose`, which Node >= 20.19 can
  // require but Jest (before Node 24.9) cannot, so dev-key apps and unit tests never touch it.
  const { passportJwtSecret } = await import('jwks-rsa');
  return passportJwtSecret({ jwksUri, cache: true, rateLimit: true, jwksRequestsPerMinute: 10 });
}
