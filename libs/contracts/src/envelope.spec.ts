import { z } from 'zod';
import { CE_HEADERS, EventAttributes, describeIssues, fromKafkaHeaders, toKafkaHeaders } from './envelope';

const attributes: EventAttributes = {
  id: '3b0e8f2c-5d4a-4f7e-9a61-0c2d8e4b7f15',
  type: 'tequio.catalog.unit.created',
  source: '/tequio/catalog',
  time: '2025-01-15T10:30:00-06:00',
  specversion: '1.0',
  subject: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  tenant: 'oaxaca-de-juarez',
};

/** kafkajs hands consumers header values as Buffers. */
function asDelivered(headers: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value, 'utf8')]));
}

function reasonFor(headers: Parameters<typeof fromKafkaHeaders>[0]): string {
  const result = fromKafkaHeaders(headers);
  if (result.success) throw new Error('expected the headers to be rejected');
  return result.reason;
}

describe('toKafkaHeaders', () => {
  it('writes every CloudEvents attribute as a ce_* header, plus tenant and content-type', () => {
    expect(toKafkaHeaders(attributes)).toEqual({
      ce_id: attributes.id,
      ce_type: attributes.type,
      ce_source: attributes.source,
      ce_time: attributes.time,
      ce_specversion: '1.0',
      ce_subject: attributes.subject,
      tenant: attributes.tenant,
      'content-type': 'application/json',
    });
  });

  it('uses exactly the header names of CE_HEADERS', () => {
    expect(Object.keys(toKafkaHeaders(attributes)).sort()).toEqual(Object.values(CE_HEADERS).sort());
  });
});

describe('fromKafkaHeaders', () => {
  it('round-trips the attributes through Buffer header values, as kafkajs delivers them', () => {
    expect(fromKafkaHeaders(asDelivered(toKafkaHeaders(attributes)))).toEqual({ success: true, attributes });
  });

  it('keeps non-ASCII values intact (UTF-8)', () => {
    const withAccents = { ...attributes, tenant: 'santa-maría-del-tule' };
    expect(fromKafkaHeaders(asDelivered(toKafkaHeaders(withAccents)))).toEqual({
      success: true,
      attributes: withAccents,
    });
  });

  it('accepts string header values and takes the first of repeated headers', () => {
    const headers = {
      ...toKafkaHeaders(attributes),
      ce_type: [Buffer.from(attributes.type), Buffer.from('other.type')],
    };
    expect(fromKafkaHeaders(headers)).toEqual({ success: true, attributes });
  });

  it('accepts UTC times and rejects times without an offset', () => {
    const utc = { ...toKafkaHeaders(attributes), ce_time: '2025-01-15T16:30:00Z' };
    expect(fromKafkaHeaders(asDelivered(utc)).success).toBe(true);
    const local = { ...toKafkaHeaders(attributes), ce_time: '2025-01-15T10:30:00' };
    expect(reasonFor(asDelivered(local))).toMatch(/\btime: /);
  });

  it('rejects a message without headers, naming every missing attribute', () => {
    const reason = reasonFor(undefined);
    expect(reason).toMatch(/^invalid CloudEvents headers: /);
    for (const field of ['id', 'type', 'source', 'time', 'specversion', 'subject', 'tenant']) {
      expect(reason).toMatch(new RegExp(`\\b${field}: `));
    }
  });

  it.each([
    ['id', CE_HEADERS.id],
    ['type', CE_HEADERS.type],
    ['source', CE_HEADERS.source],
    ['time', CE_HEADERS.time],
    ['specversion', CE_HEADERS.specversion],
    ['subject', CE_HEADERS.subject],
    ['tenant', CE_HEADERS.tenant],
  ])('names "%s" when the %s header is missing, and only that field', (field, header) => {
    const { [header]: _missing, ...rest } = toKafkaHeaders(attributes);
    const reason = reasonFor(asDelivered(rest));
    expect(reason).toMatch(new RegExp(`\\b${field}: `));
    expect(reason.split('; ')).toHaveLength(1);
  });

  it('treats null header values as missing', () => {
    expect(reasonFor({ ...asDelivered(toKafkaHeaders(attributes)), tenant: null })).toMatch(/\btenant: /);
  });

  it.each([
    ['time', CE_HEADERS.time, 'yesterday'],
    ['specversion', CE_HEADERS.specversion, '0.3'],
    ['tenant', CE_HEADERS.tenant, ''],
    ['id', CE_HEADERS.id, ''],
  ])('names "%s" when the %s header is invalid (%j)', (field, header, value) => {
    const reason = reasonFor(asDelivered({ ...toKafkaHeaders(attributes), [header]: value }));
    expect(reason).toMatch(new RegExp(`\\b${field}: `));
  });

  it('does not need the content-type header', () => {
    const { 'content-type': _contentType, ...rest } = toKafkaHeaders(attributes);
    expect(fromKafkaHeaders(asDelivered(rest))).toEqual({ success: true, attributes });
  });
});

describe('describeIssues', () => {
  it('names nested paths, and (root) for issues of the whole value', () => {
    const schema = z.object({ unit: z.object({ code: z.string() }) }).strict();
    const nested = schema.safeParse({ unit: { code: 7 } });
    const root = schema.safeParse({ unit: { code: '402' }, extra: true });
    expect(nested.success || describeIssues(nested.error)).toMatch(/^unit\.code: /);
    expect(root.success || describeIssues(root.error)).toMatch(/^\(root\): Unrecognized key: "extra"/);
  });
});
