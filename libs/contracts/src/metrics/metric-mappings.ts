import { AGENDA_METRIC_MAPPINGS } from '../events/agenda-metrics';
import { CORRESPONDENCE_METRIC_MAPPINGS } from '../events/correspondence-metrics';
import { TRANSPARENCY_METRIC_MAPPINGS } from '../events/transparency-metrics';
import { MetricMapping } from './metric-mapping';

/**
 * Every producer's metric mappings, one spread per producer (each declares its own beside its event
 * definitions, in `events/<service>-metrics.ts`). Reporting applies them generically.
 */
export const METRIC_MAPPINGS: readonly MetricMapping[] = [
  ...AGENDA_METRIC_MAPPINGS,
  ...CORRESPONDENCE_METRIC_MAPPINGS,
  ...TRANSPARENCY_METRIC_MAPPINGS,
];

const byEventType = new Map(METRIC_MAPPINGS.map((mapping) => [mapping.event.type, mapping]));

export function findMetricMapping(eventType: string): MetricMapping | undefined {
  return byEventType.get(eventType);
}
