import { ForbiddenException } from '@nestjs/common';
import type { TequioClaims } from './claims';

/** Admins act for every unit; everyone else only for the unit codes in their token. */
export function canActForUnit(user: TequioClaims, unitCode: string): boolean {
  return user.roles.includes('admin') || user.units.includes(unitCode);
}

export function assertUnitScope(user: TequioClaims, unitCode: string): void {
  if (!canActForUnit(user, unitCode)) {
    throw new ForbiddenException(`No puede actuar por la unidad ${unitCode}`);
  }
}

/** Tenants are municipalities; no role, not even admin, crosses from one to another. */
export function assertTenant(user: TequioClaims, tenant: string): void {
  if (user.tenant !== tenant) {
    throw new ForbiddenException(`No puede actuar por el municipio ${tenant}`);
  }
}
