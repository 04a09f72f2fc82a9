import { METRIC_REGISTRY } from './metric-registry';
import { checkObservation, DEFAULT_MUNICIPAL_TIME_ZONE, MetricMapping } from './metric-mapping';
import { variationsOf } from './mapping-variations';

export interface MappingCheck {
  /** Observations a mapping emits that the registry does not declare, or mappings that throw, with the event type. */
  problems: string[];
  /** Registry metrics no mapping feeds yet. */
  unfed: string[];
  /** Unfed metrics of services that already have a mapping: their producer has landed, so these are missing. */
  missing: string[];
}

/** Runs every mapping on its event's example and variations of it, against the registry. */
export function checkMetricMappings(mappings: readonly MetricMapping[]): MappingCheck {
  const problems: string[] = [];
  const fed = new Set<string>();
  const servicesWithMappings = new Set<string>();
  for (const mapping of mappings) {
    servicesWithMappings.add(mapping.event.type.split('.')[1]);
    for (const data of variationsOf(mapping.event.data, mapping.event.example)) {
      let observed;
      try {
        observed = mapping.observe(data, { timeZone: DEFAULT_MUNICIPAL_TIME_ZONE });
      } catch (error) {
        problems.push(`${mapping.event.type}: the mapping threw on ${JSON.stringify(data)}: ${(error as Error).message}`);
        continue;
      }
      if (!observed.recordKey || !Number.isInteger(observed.version)) problems.push(`${mapping.event.type}: recordKey and an integer version are required`);
      for (const observation of observed.observations) {
        fed.add(observation.metric);
        for (const problem of checkObservation(observation)) problems.push(`${mapping.event.type}: ${problem}`);
      }
    }
  }
  const unfed = METRIC_REGISTRY.filter((metric) => !fed.has(metric.name)).map((metric) => metric.name);
  const missing = METRIC_REGISTRY.filter((metric) => !fed.has(metric.name) && servicesWithMappings.has(metric.service)).map((metric) => metric.name);
  return { problems: [...new Set(problems)], unfed, missing };
}
