import { type ExecutionContext, SetMetadata, UnauthorizedException, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role, TequioClaims } from './claims';
import { MISSING_OR_INVALID_TOKEN } from './messages';

export const IS_PUBLIC_KEY = 'tequio:auth:isPublic';
export const ROLES_KEY = 'tequio:auth:roles';
export const ALLOW_UNREGISTERED_TENANT_KEY = 'tequio:auth:allowUnregisteredTenant';

/** OpenAPI vendor extensions written by the same decorators the guards read, so the document cannot drift from them. */
export const X_PUBLIC = 'x-public';
export const X_ROLES = 'x-roles';
export const X_PERSONAL_DATA = 'x-personal-data';
export const X_UNREGISTERED_TENANT = 'x-unregistered-tenant';

/** Skips token verification for a route or a whole controller. */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension(X_PUBLIC, true));

/**
 * The user needs at least one of these roles. A handler's @Roles overrides its controller's
 * (ApiExtension keeps the handler's value too, because class decorators run last and never overwrite).
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(X_ROLES, roles));

/**
 * The route accepts a token whose tenant is not (or no longer) a registered, active municipality. Only for the
 * bootstrap of a tenant: its admin registers (or reactivates) the municipality the token names.
 */
export const AllowUnregisteredTenant = (): MethodDecorator =>
  applyDecorators(SetMetadata(ALLOW_UNREGISTERED_TENANT_KEY, true), ApiExtension(X_UNREGISTERED_TENANT, true));

/** The route answers with personal data: each read leaves an entry in the service's audit trail. */
export const PersonalData = (): MethodDecorator => ApiExtension(X_PERSONAL_DATA, true);

/** The verified claims of the caller. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): TequioClaims => {
  const user = context.switchToHttp().getRequest<{ user?: TequioClaims }>().user;
  // Only possible on @Public routes, where no token was checked.
  if (!user) throw new UnauthorizedException(MISSING_OR_INVALID_TOKEN);
  return user;
});
