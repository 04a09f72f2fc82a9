import { z } from 'zod';
import { EventDefinition } from '../event-definition';
import { findMetric } from './metric-registry';

export type DimensionValue = string | number | boolean;

/** One count toward a registry metric, on a day of the municipality's calendar. */
export interface MetricObservation {
  metric: string;
  /** AAAA-MM-DD in the municipality's time zone: a record of 31 March 20:00 (Mexico City) counts on 31 March. */
  day: string;
  /** Every dimension the metric declares, `unit` (a unit code) included; nothing it does not declare. */
  dimensions: Record<string, DimensionValue>;
  /** Usually 1; a count carried by the record (e.g. attendees of a training) otherwise. */
  value: number;
}

/**
 * What one version of a record contributes to the metrics. Producers' events carry the record's whole
 * non-personal state with a version, so reporting replaces a record's observations whenever a newer version
 * arrives: redelivery, out-of-order arrival, corrections (cancelled, reassigned, reclassified, back-dated) and
 * replay from the beginning all give the same counts. A deleted or cancelled record observes nothing.
 */
export interface RecordObservations {
  /** Identifies the record across its events and services, e.g. `correspondence.document/<uuid>`. */
  recordKey: string;
  /** Grows with every change of the record; an older version never replaces a newer one. */
  version: number;
  observations: MetricObservation[];
}

export interface MetricMappingContext {
  /** IANA time zone of the municipality, for turning instants into calendar days. */
  timeZone: string;
}

/** How one event type counts toward the registry's metrics: a pure function of the event's data. */
export interface MetricMapping<TSchema extends z.ZodType = z.ZodType> {
  event: EventDefinition<TSchema>;
  observe(data: z.infer<TSchema>, context: MetricMappingContext): RecordObservations;
}

export function defineMetricMapping<TSchema extends z.ZodType>(mapping: MetricMapping<TSchema>): MetricMapping<TSchema> {
  return mapping;
}

export const DEFAULT_MUNICIPAL_TIME_ZONE = 'America/Mexico_City';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (AAAA-MM-DD) an instant falls on in a time zone. */
export function calendarDay(instant: string | Date, timeZone: string = DEFAULT_MUNICIPAL_TIME_ZONE): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as AAAA-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/**
 * Why an observation does not fit the registry (unknown metric, a dimension missing, undeclared or out of its
 * values, a malformed day or value); empty when it fits. Reporting dead-letters an event whose mapping breaks it.
 */
export function checkObservation(observation: MetricObservation): string[] {
  const metric = findMetric(observation.metric);
  if (!metric) return [`metric "${observation.metric}" is not in the registry`];
  const problems: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(observation.day)) problems.push(`${metric.name}: day "${observation.day}" is not AAAA-MM-DD`);
  if (!Number.isFinite(observation.value)) problems.push(`${metric.name}: value ${observation.value} is not a finite number`);
  const declared = new Set(metric.dimensions.map((dimension) => dimension.name));
  for (const name of Object.keys(observation.dimensions)) {
    if (!declared.has(name)) problems.push(`${metric.name}: dimension "${name}" is not declared`);
  }
  for (const dimension of metric.dimensions) {
    const value = observation.dimensions[dimension.name];
    if (value === undefined) {
      problems.push(`${metric.name}: dimension "${dimension.name}" is missing`);
      continue;
    }
    const fits =
      dimension.type === 'unit'
        ? typeof value === 'string' && value.length > 0
        : dimension.type === 'boolean'
          ? typeof value === 'boolean'
          : dimension.type === 'integer'
            ? Number.isInteger(value) && (value as number) >= dimension.min && (value as number) <= dimension.max
            : dimension.values.includes(value as string);
    if (!fits) problems.push(`${metric.name}: ${JSON.stringify(value)} is not a valid value of dimension "${dimension.name}"`);
  }
  return problems;
}
