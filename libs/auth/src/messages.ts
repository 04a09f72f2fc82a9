// User-facing texts are Spanish; keep them in one place so guards and decorators agree.
export const MISSING_OR_INVALID_TOKEN = 'Falta el token o no es válido';

export function rolesRequiredMessage(roles: readonly string[]): string {
  return `Se requiere uno de los roles: ${roles.join(', ')}`;
}

export function tenantNotActiveMessage(tenant: string): string {
  return `El municipio ${tenant} no está registrado o está inactivo`;
}
