import { ROLES, isRole, tequioClaimsSchema } from './claims';

describe('tequioClaimsSchema', () => {
  it('keeps only the Tequio claims', () => {
    const parsed = tequioClaimsSchema.parse({
      sub: 'ana',
      tenant: 'oaxaca-de-juarez',
      roles: ['clerk'],
      units: ['402'],
      iat: 1,
      exp: 2,
      iss: 'tequio-dev',
    });
    expect(parsed).toEqual({ sub: 'ana', tenant: 'oaxaca-de-juarez', roles: ['clerk'], units: ['402'] });
  });

  it('treats missing units as none', () => {
    expect(tequioClaimsSchema.parse({ sub: 'a', tenant: 't', roles: ['clerk'] }).units).toEqual([]);
  });

  it.each([
    { tenant: 't', roles: ['clerk'] },
    { sub: 'a', roles: ['clerk'] },
    { sub: 'a', tenant: 't' },
    { sub: 'a', tenant: 't', roles: ['clerk', 'superuser'] },
    { sub: 'a', tenant: 't', roles: 'clerk' },
    { sub: 'a', tenant: 't', roles: ['clerk'], units: '402' },
  ])('rejects %j', (claims) => {
    expect(tequioClaimsSchema.safeParse(claims).success).toBe(false);
  });
});

describe('isRole', () => {
  it('accepts exactly the known roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('Admin')).toBe(false);
    expect(isRole('root')).toBe(false);
  });
});

describe('tequioClaimsSchema roles', () => {
  it('refuses an empty roles list', () => {
    expect(tequioClaimsSchema.safeParse({ sub: 'a', tenant: 't', roles: [] }).success).toBe(false);
  });
});
