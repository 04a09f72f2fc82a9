/** Limits of an upload; each service may set them by environment, each call may narrow them. */
export interface AttachmentLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Files accepted in one multipart request. */
  maxFiles: number;
}

export const ATTACHMENT_LIMITS = Symbol('ATTACHMENT_LIMITS');

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 10;

/** Reads `ATTACHMENTS_MAX_BYTES` and `ATTACHMENTS_MAX_FILES`; a bad value stops the service at boot naming the variable. */
export function attachmentLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): AttachmentLimits {
  return {
    maxBytes: positiveInteger(env, 'ATTACHMENTS_MAX_BYTES', DEFAULT_MAX_BYTES),
    maxFiles: positiveInteger(env, 'ATTACHMENTS_MAX_FILES', DEFAULT_MAX_FILES),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return value;
}

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
