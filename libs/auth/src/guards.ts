import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role, TequioClaims } from './claims';
import { IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { MISSING_OR_INVALID_TOKEN, rolesRequiredMessage } from './messages';
import { JWT_STRATEGY } from './jwt.strategy';

// Bearer tokens only exist on HTTP; message and event handlers (Kafka) are trusted at the broker.
function isHttp(context: ExecutionContext): boolean {
  return context.getType() === 'http';
}

/** Global guard: every HTTP route needs a valid token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (!isHttp(context)) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    return isPublic ? true : super.canActivate(context);
  }

  // One message for every failure (missing, expired, foreign key, bad claims): no hints to attackers.
  override handleRequest<TUser = TequioClaims>(err: unknown, user: TUser | false | null): TUser {
    if (err) throw err;
    if (!user) throw new UnauthorizedException(MISSING_OR_INVALID_TOKEN);
    return user;
  }
}

/** Global guard: enforces @Roles(...) on HTTP routes; runs after JwtAuthGuard. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (!isHttp(context)) return true;
    const requiredRoles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!requiredRoles?.length) return true;

    const user = context.switchToHttp().getRequest<{ user?: TequioClaims }>().user;
    // A route both @Public and @Roles has no verified user: treat as unauthenticated.
    if (!user) throw new UnauthorizedException(MISSING_OR_INVALID_TOKEN);
    if (user.roles.some((role) => requiredRoles.includes(role))) return true;
    throw new ForbiddenException(rolesRequiredMessage(requiredRoles));
  }
}
