import { checkEventData, checkObservation, describeIssues, EventAttributes, fromKafkaHeaders, MetricMapping, RecordObservations } from '@tequio/contracts';
import { IHeaders } from 'kafkajs';

/** A consumed message, as kafkajs hands it over. */
export interface RawMessage {
  topic: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
}

export type PreparedMessage =
  | { kind: 'observed'; event: EventAttributes; topic: string; observed: RecordObservations }
  | { kind: 'ignored' }
  | { kind: 'rejected'; reason: string };

/**
 * Validates one producer event and runs its mapping: headers, a mapped type on its own topic, data against the
 * event's schema, and every observation against the metric registry. Anything wrong is a reason to dead-letter.
 * Instants become days in the municipality's time zone (from its calendar in the catalog).
 */
export function prepareMessage(message: RawMessage, mappings: ReadonlyMap<string, MetricMapping>, timeZoneOf: (tenant: string) => string): PreparedMessage {
  const headers = fromKafkaHeaders(message.headers as Record<string, Buffer | string | undefined>);
  if (!headers.success) return { kind: 'rejected', reason: headers.reason };
  const event = headers.attributes;
  let json: unknown;
  try {
    json = JSON.parse(message.value === null ? 'null' : message.value.toString());
  } catch {
    return { kind: 'rejected', reason: `invalid JSON in the data of ${event.type}` };
  }
  const mapping = mappings.get(event.type);
  if (!mapping) {
    // A type no mapping counts is still checked against its contract: malformed, unknown or misplaced, it is poison
    // and belongs on the dead-letter topic; only a valid one is skipped.
    const checked = checkEventData(event.type, json, message.topic);
    return checked.success ? { kind: 'ignored' } : { kind: 'rejected', reason: checked.reason };
  }
  if (mapping.event.topic !== message.topic) return { kind: 'rejected', reason: `event type "${event.type}" does not belong on topic "${message.topic}"` };
  const parsed = mapping.event.data.safeParse(json);
  if (!parsed.success) return { kind: 'rejected', reason: `invalid data for ${event.type}: ${describeIssues(parsed.error)}` };
  let observed: RecordObservations;
  try {
    observed = mapping.observe(parsed.data, { timeZone: timeZoneOf(event.tenant) });
  } catch (error) {
    return { kind: 'rejected', reason: `the metric mapping of ${event.type} failed: ${(error as Error).message}` };
  }
  const problems = observed.observations.flatMap(checkObservation);
  if (problems.length > 0) return { kind: 'rejected', reason: `the metric mapping of ${event.type} emitted observations the registry does not declare: ${problems.join('; ')}` };
  return { kind: 'observed', event, topic: message.topic, observed };
}

export interface RecordUpdate {
  tenant: string;
  recordKey: string;
  version: number;
  eventType: string;
  observed: RecordObservations;
}

/** What a batch of one topic comes to: the records' new versions, and the messages to dead-letter with the reason. */
export interface PreparedBatch<TMessage extends Omit<RawMessage, 'topic'>> {
  updates: RecordUpdate[];
  rejected: { message: TMessage; reason: string }[];
}

/** Prepares every message of a batch (live ingestion and replay alike). */
export function prepareBatch<TMessage extends Omit<RawMessage, 'topic'>>(
  topic: string,
  messages: readonly TMessage[],
  mappings: ReadonlyMap<string, MetricMapping>,
  timeZoneOf: (tenant: string) => string,
): PreparedBatch<TMessage> {
  const updates: RecordUpdate[] = [];
  const rejected: PreparedBatch<TMessage>['rejected'] = [];
  for (const message of messages) {
    const prepared = prepareMessage({ topic, key: message.key, value: message.value, headers: message.headers }, mappings, timeZoneOf);
    if (prepared.kind === 'rejected') rejected.push({ message, reason: prepared.reason });
    else if (prepared.kind === 'observed') {
      const { event, observed } = prepared;
      updates.push({ tenant: event.tenant, recordKey: observed.recordKey, version: observed.version, eventType: event.type, observed });
    }
  }
  return { updates, rejected };
}

