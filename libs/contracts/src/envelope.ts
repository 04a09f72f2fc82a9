import { z } from 'zod';

/**
 * CloudEvents 1.0 in Kafka binary mode: attributes travel as `ce_*` headers, the value is the JSON data.
 * `tenant` (the municipality) is our extension attribute.
 */
export const CE_HEADERS = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specversion: 'ce_specversion',
  subject: 'ce_subject',
  tenant: 'tenant',
  contentType: 'content-type',
} as const;

/** Header set on dead-lettered messages, saying why they were parked. */
export const DLQ_REASON_HEADER = 'tequio_dlq_reason';
export const DLQ_CONSUMER_HEADER = 'tequio_dlq_consumer';

export const eventAttributesSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  specversion: z.literal('1.0'),
  subject: z.string().min(1),
  tenant: z.string().min(1),
});

export type EventAttributes = z.infer<typeof eventAttributesSchema>;

export interface EventEnvelope<TData = unknown> extends EventAttributes {
  data: TData;
}

export function toKafkaHeaders(attributes: EventAttributes): Record<string, string> {
  return {
    [CE_HEADERS.id]: attributes.id,
    [CE_HEADERS.type]: attributes.type,
    [CE_HEADERS.source]: attributes.source,
    [CE_HEADERS.time]: attributes.time,
    [CE_HEADERS.specversion]: attributes.specversion,
    [CE_HEADERS.subject]: attributes.subject,
    [CE_HEADERS.tenant]: attributes.tenant,
    [CE_HEADERS.contentType]: 'application/json',
  };
}

type HeaderValue = string | Buffer | (string | Buffer)[] | undefined | null;

function headerText(value: HeaderValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads and validates the CloudEvents attributes of a consumed message. */
export function fromKafkaHeaders(
  headers: Record<string, HeaderValue> | undefined,
): { success: true; attributes: EventAttributes } | { success: false; reason: string } {
  const raw = {
    id: headerText(headers?.[CE_HEADERS.id]),
    type: headerText(headers?.[CE_HEADERS.type]),
    source: headerText(headers?.[CE_HEADERS.source]),
    time: headerText(headers?.[CE_HEADERS.time]),
    specversion: headerText(headers?.[CE_HEADERS.specversion]),
    subject: headerText(headers?.[CE_HEADERS.subject]),
    tenant: headerText(headers?.[CE_HEADERS.tenant]),
  };
  const parsed = eventAttributesSchema.safeParse(raw);
  if (parsed.success) return { success: true, attributes: parsed.data };
  return { success: false, reason: `invalid CloudEvents headers: ${describeIssues(parsed.error)}` };
}

/** One line naming each offending field, for DLQ reasons and logs. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
