import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { AUTH_CONFIG, type AuthConfig, authConfigFromEnv, readAuthConfig } from './auth-config';
import { JwtAuthGuard, RolesGuard, TenantGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';

/**
 * Import once in an app's root module. Every HTTP route then needs a valid bearer token
 * (unless @Public()) and @Roles(...) is enforced. Configuration comes from the environment;
 * use forRoot() to override parts of it.
 */
@Module({
  imports: [PassportModule],
  providers: [
    { provide: AUTH_CONFIG, useFactory: () => authConfigFromEnv() },
    // Async factory: a JWKS client that cannot load must abort startup, not turn into 401s later.
    { provide: JwtStrategy, inject: [AUTH_CONFIG], useFactory: (config: AuthConfig) => JwtStrategy.create(config) },
    // Order matters: authentication, then the tenant's registration, then the role check.
    // TenantGuard needs TENANT_REGISTRY from a global module (the platform provides one for every service).
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: TenantGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {
  static forRoot(overrides: Partial<AuthConfig> = {}): DynamicModule {
    // Dynamic providers are registered after the static ones, so this AUTH_CONFIG wins.
    return {
      module: AuthModule,
      providers: [{ provide: AUTH_CONFIG, useFactory: () => ({ ...readAuthConfig(), ...overrides }) }],
    };
  }
}
