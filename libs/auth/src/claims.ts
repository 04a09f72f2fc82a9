import { z } from 'zod';

export const ROLES = ['admin', 'planning', 'unit_head', 'clerk', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface TequioClaims {
  sub: string;
  tenant: string;
  roles: Role[];
  units: string[];
  /** Display name and post, when the identity provider sends them (the report's signature block prints them). */
  name?: string;
  post?: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

// Unknown keys (iat, exp, iss, aud...) are stripped so handlers only ever see TequioClaims.
export const tequioClaimsSchema = z.object({
  sub: z.string().min(1),
  tenant: z.string().min(1),
  // An unknown role rejects the whole token: a typo must not silently drop a permission.
  // An empty list grants nothing any route asks for; refusing it says so at the door instead of as 403s.
  roles: z.array(z.enum(ROLES)).min(1),
  // Identity providers often omit empty array claims; no units simply means no unit scope.
  units: z.array(z.string().min(1)).default([]),
  name: z.string().min(1).max(200).optional(),
  post: z.string().min(1).max(200).optional(),
}) satisfies z.ZodType<TequioClaims, unknown>;
