/**
 * Which tenants (municipalities) may use the platform. Catalog answers from its own table; every other service
 * from its replica of `tequio.catalog.municipality.v1`. A token signed for a tenant that is not registered, or
 * whose municipality was deactivated, is refused even though its signature is good.
 */
export interface TenantRegistry {
  isActive(tenant: string): Promise<boolean>;
}

export const TENANT_REGISTRY = Symbol('TENANT_REGISTRY');
