import { ForbiddenException } from '@nestjs/common';
import type { TequioClaims } from './claims';
import { assertTenant, assertUnitScope, canActForUnit } from './unit-scope';

const admin: TequioClaims = { sub: 'a', tenant: 'oaxaca-de-juarez', roles: ['admin'], units: [] };
const unitHead: TequioClaims = { sub: 'u', tenant: 'oaxaca-de-juarez', roles: ['unit_head'], units: ['402', '801'] };
const auditor: TequioClaims = { sub: 'x', tenant: 'oaxaca-de-juarez', roles: ['auditor'], units: [] };

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('canActForUnit', () => {
  it('lets an admin act for any unit, even one not in the token', () => {
    expect(canActForUnit(admin, '999')).toBe(true);
  });

  it('limits everyone else to the units in the token', () => {
    expect(canActForUnit(unitHead, '402')).toBe(true);
    expect(canActForUnit(unitHead, '801')).toBe(true);
    expect(canActForUnit(unitHead, '403')).toBe(false);
    expect(canActForUnit(unitHead, '40')).toBe(false);
    expect(canActForUnit(auditor, '402')).toBe(false);
  });
});

describe('assertUnitScope', () => {
  it('passes silently when the user may act for the unit', () => {
    expect(() => assertUnitScope(unitHead, '402')).not.toThrow();
    expect(() => assertUnitScope(admin, '999')).not.toThrow();
  });

  it('throws 403 naming the unit otherwise', () => {
    const error = thrownBy(() => assertUnitScope(unitHead, '403'));
    expect(error).toBeInstanceOf(ForbiddenException);
    expect((error as ForbiddenException).getStatus()).toBe(403);
    expect((error as ForbiddenException).message).toBe('No puede actuar por la unidad 403');
  });
});

describe('assertTenant', () => {
  it('passes for the user’s own tenant', () => {
    expect(() => assertTenant(unitHead, 'oaxaca-de-juarez')).not.toThrow();
  });

  it('throws 403 for another tenant, even for an admin', () => {
    const error = thrownBy(() => assertTenant(admin, 'santa-lucia'));
    expect(error).toBeInstanceOf(ForbiddenException);
    expect((error as ForbiddenException).message).toBe('No puede actuar por el municipio santa-lucia');
  });
});
