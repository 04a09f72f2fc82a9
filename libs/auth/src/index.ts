export { ROLES, type Role, type TequioClaims, isRole, tequioClaimsSchema } from './claims';
export { AUTH_CONFIG, AUTH_VARIABLES, type AuthConfig, AuthConfigurationError, authConfigFromEnv, authConfigProblems, defaultDevKeysDir } from './auth-config';
export {
  DEV_PRIVATE_KEY_FILE,
  DEV_PUBLIC_KEY_FILE,
  type DevKeyPair,
  type DevTokenClaims,
  type DevTokenOptions,
  loadOrCreateDevKeyPair,
  signDevToken,
} from './dev-keys';
export {
  ALLOW_UNREGISTERED_TENANT_KEY,
  IS_PUBLIC_KEY,
  PERSONAL_DATA_KEY,
  type PersonalDataRoute,
  ROLES_KEY,
  X_PERSONAL_DATA,
  X_PERSONAL_DATA_RECORD,
  X_PERSONAL_DATA_WITHHELD_FROM,
  X_PUBLIC,
  X_ROLES,
  X_UNREGISTERED_TENANT,
  AllowUnregisteredTenant,
  CurrentUser,
  PersonalData,
  Public,
  Roles,
} from './decorators';
export { ACTIVE_TENANT_CACHE_MS, JwtAuthGuard, RolesGuard, TenantGuard } from './guards';
export { tenantNotActiveMessage } from './messages';
export { TENANT_REGISTRY, type TenantRegistry } from './tenant-registry';
export { JWT_STRATEGY, JwtStrategy } from './jwt.strategy';
export { AuthModule } from './auth.module';
export { assertTenant, assertUnitScope, canActForUnit } from './unit-scope';
