import { EventDefinition } from './event-definition';
import { AGENDA_EVENTS } from './events/agenda';
import { CATALOG_EVENTS } from './events/catalog';
import { CATALOG_MIR_EVENTS } from './events/catalog-mir';
import { CATALOG_SETTINGS_EVENTS } from './events/catalog-settings';
import { CORRESPONDENCE_EVENTS } from './events/correspondence';
import { REPORTING_EVENTS } from './events/reporting';
import { TRANSPARENCY_EVENTS } from './events/transparency';
import { describeIssues } from './envelope';

/** Every event type Tequio publishes. Producers and consumers validate against the same schemas. */
export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  ...CATALOG_EVENTS,
  ...CATALOG_MIR_EVENTS,
  ...CATALOG_SETTINGS_EVENTS,
  ...REPORTING_EVENTS,
  ...CORRESPONDENCE_EVENTS,
  ...TRANSPARENCY_EVENTS,
  ...AGENDA_EVENTS,
];

const byType = new Map(EVENT_DEFINITIONS.map((definition) => [definition.type, definition]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export type EventDataCheck = { success: true; data: unknown } | { success: false; reason: string };

/** Checks an event's data against its registered schema (and that it belongs on the topic). */
export function checkEventData(type: string, data: unknown, topic?: string): EventDataCheck {
  const definition = byType.get(type);
  if (!definition) return { success: false, reason: `unknown event type "${type}"${topic === undefined ? '' : ` on ${topic}`}` };
  if (topic !== undefined && definition.topic !== topic) {
    return { success: false, reason: `event type "${type}" does not belong on topic "${topic}"` };
  }
  const parsed = definition.data.safeParse(data);
  if (!parsed.success) return { success: false, reason: `invalid data for ${type}: ${describeIssues(parsed.error)}` };
  return { success: true, data: parsed.data };
}
