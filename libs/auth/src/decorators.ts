import { type ExecutionContext, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import type { Role, TequioClaims } from './claims';
import { MISSING_OR_INVALID_TOKEN } from './messages';

export const IS_PUBLIC_KEY = 'tequio:auth:isPublic';
export const ROLES_KEY = 'tequio:auth:roles';

/** Skips token verification for a route or a whole controller. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The user needs at least one of these roles. A handler's @Roles overrides its controller's. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

/** The verified claims of the caller. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): TequioClaims => {
  const user = context.switchToHttp().getRequest<{ user?: TequioClaims }>().user;
  // Only possible on @Public routes, where no token was checked.
  if (!user) throw new UnauthorizedException(MISSING_OR_INVALID_TOKEN);
  return user;
});
