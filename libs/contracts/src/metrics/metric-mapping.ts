import { z } from 'zod';
import { EventDefinition } from '../event-definition';
import { findMetric, MetricDefinition } from './metric-registry';

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
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
/** Per time zone, the UTC offset (ms) of each UTC hour seen, or null for an hour with an offset change inside. */
const hourOffsets = new Map<string, Map<number, number | null>>();
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** AAAA-MM-DD of each day number (days since 1970-01-01) seen: formatting a date was most of a day's cost. */
const dayNames = new Map<number, string>();
// Instants whose ISO form is a plain AAAA-MM-DD (years 1000 to 9999).
const FAST_FROM = Date.UTC(1000, 0, 2);
const FAST_TO = Date.UTC(9999, 11, 30);

function formatterFor(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, ...options });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset at a whole second: its wall clock read as if it were UTC, minus the instant. */
function offsetAt(timeZone: string, second: number): number {
  const formatter = formatterFor(offsetFormatters, timeZone, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(second)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return Date.UTC(parts['year'], parts['month'] - 1, parts['day'], parts['hour'], parts['minute'], parts['second']) - second;
}

/**
 * The calendar day (AAAA-MM-DD) an instant falls on in a time zone. Ingestion calls this for every observation, and
 * formatting through Intl each time dominated its cost: the zone's offset is instead worked out once per UTC hour
 * (where it is the same at both ends of the hour, as offset changes never come twice within an hour) and the day
 * is plain arithmetic, named once per day number; an hour with an offset change in it goes through Intl for every
 * instant.
 */
export function calendarDay(instant: string | Date, timeZone: string = DEFAULT_MUNICIPAL_TIME_ZONE): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const formatter = formatterFor(dayFormatters, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (!(ms >= FAST_FROM && ms <= FAST_TO)) return formatter.format(new Date(ms));
  let offsets = hourOffsets.get(timeZone);
  if (!offsets) hourOffsets.set(timeZone, (offsets = new Map()));
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const start = offsetAt(timeZone, hour * HOUR);
    offset = start === offsetAt(timeZone, hour * HOUR + HOUR - 1000) ? start : null;
    // Bounded: a long-running service sees a few years of hours per zone, far below this.
    if (offsets.size >= 200_000) offsets.clear();
    offsets.set(hour, offset);
  }
  if (offset === null) return formatter.format(new Date(ms));
  return dayName(Math.floor((ms + offset) / DAY));
}

function dayName(dayNumber: number): string {
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    name = new Date(dayNumber * DAY).toISOString().slice(0, 10);
    // Bounded like the offsets: a few thousand days are ever in use.
    if (dayNames.size >= 100_000) dayNames.clear();
    dayNames.set(dayNumber, name);
  }
  return name;
}

/** Per metric, the names of its dimensions: checked for every observation ingested, built once. */
const dimensionNames = new WeakMap<MetricDefinition, ReadonlySet<string>>();

function declaredDimensions(metric: MetricDefinition): ReadonlySet<string> {
  let names = dimensionNames.get(metric);
  if (!names) dimensionNames.set(metric, (names = new Set(metric.dimensions.map((dimension) => dimension.name))));
  return names;
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
  const declared = declaredDimensions(metric);
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
