import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role, TequioClaims } from './claims';
import { ALLOW_UNREGISTERED_TENANT_KEY, IS_PUBLIC_KEY, ROLES_KEY } from './decorators';
import { MISSING_OR_INVALID_TOKEN, rolesRequiredMessage, tenantNotActiveMessage } from './messages';
import { TENANT_REGISTRY, type TenantRegistry } from './tenant-registry';
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

/** How long a tenant found active is trusted without asking again: a deactivation takes effect within it. */
export const ACTIVE_TENANT_CACHE_MS = 5_000;

/**
 * Global guard: the token's tenant must be a registered, active municipality (runs after JwtAuthGuard).
 * Only positive answers are cached, so a municipality registered a moment ago is usable at once.
 */
@Injectable()
export class TenantGuard implements CanActivate {
  private readonly activeUntil = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(TENANT_REGISTRY) private readonly registry: TenantRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!isHttp(context)) return true;
    const user = context.switchToHttp().getRequest<{ user?: TequioClaims }>().user;
    // @Public routes have no verified user: nothing to check.
    if (!user) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOW_UNREGISTERED_TENANT_KEY, [context.getHandler(), context.getClass()])) return true;
    const now = Date.now();
    if ((this.activeUntil.get(user.tenant) ?? 0) > now) return true;
    if (!(await this.registry.isActive(user.tenant))) throw new ForbiddenException(tenantNotActiveMessage(user.tenant));
    this.activeUntil.set(user.tenant, now + ACTIVE_TENANT_CACHE_MS);
    return true;
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
