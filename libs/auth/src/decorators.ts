import { type ExecutionContext, SetMetadata, UnauthorizedException, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role, TequioClaims } from './claims';
import { MISSING_OR_INVALID_TOKEN } from './messages';

export const IS_PUBLIC_KEY = 'tequio:auth:isPublic';
export const ROLES_KEY = 'tequio:auth:roles';
export const ALLOW_UNREGISTERED_TENANT_KEY = 'tequio:auth:allowUnregisteredTenant';
export const PERSONAL_DATA_KEY = 'tequio:auth:personalData';

/** OpenAPI vendor extensions written by the same decorators the guards read, so the document cannot drift from them. */
export const X_PUBLIC = 'x-public';
export const X_ROLES = 'x-roles';
export const X_PERSONAL_DATA = 'x-personal-data';
export const X_PERSONAL_DATA_WITHHELD_FROM = 'x-personal-data-withheld-from';
export const X_PERSONAL_DATA_RECORD = 'x-personal-data-record';
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

/** The audit entry every successful answer of a @PersonalData route leaves: whose record, found where. */
export interface PersonalDataRoute {
  /** The audit entry's entity type (the record whose personal data the answer carries). */
  entity: string;
  /** The path parameter holding the record's id; without one the route is a list: one entry per `items[].id`. */
  param?: string;
  /** Roles the service answers without the personal data: a caller holding only these leaves no entry. */
  withheldFrom?: Role[];
}

/**
 * The route answers with personal data (citizens' names, contact data, text they wrote): the platform writes an
 * audit entry `personal_data_read` (who, tenant, route, record id) for each successful answer, and the OpenAPI
 * document says so (`x-personal-data`, the path parameter of the record in `x-personal-data-record`,
 * `x-personal-data-withheld-from`), which the authorization matrix checks.
 */
export const PersonalData = (route: PersonalDataRoute): MethodDecorator =>
  applyDecorators(
    SetMetadata(PERSONAL_DATA_KEY, route),
    ApiExtension(X_PERSONAL_DATA, true),
    ...(route.param ? [ApiExtension(X_PERSONAL_DATA_RECORD, route.param)] : []),
    ...(route.withheldFrom?.length ? [ApiExtension(X_PERSONAL_DATA_WITHHELD_FROM, route.withheldFrom)] : []),
  );

/** The verified claims of the caller. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): TequioClaims => {
  const user = context.switchToHttp().getRequest<{ user?: TequioClaims }>().user;
  // Only possible on @Public routes, where no token was checked.
  if (!user) throw new UnauthorizedException(MISSING_OR_INVALID_TOKEN);
  return user;
});
