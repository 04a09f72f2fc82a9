import { Role, signDevToken } from '@tequio/auth';

/** A bearer header for a dev-signed token (the services under test trust the same dev keys). */
export function bearer(roles: Role[], options: { units?: string[]; tenant?: string; sub?: string; name?: string; post?: string } = {}): { Authorization: string } {
  return { Authorization: `Bearer ${signDevToken({ roles, ...options })}` };
}
