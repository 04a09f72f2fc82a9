import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { codeText, staffText } from '../text';

/*
 * Catalog settings that belong to a municipality: the municipality itself, its calendar of non-working days
 * and its semáforo bands. Payloads are full snapshots (a consumer keeps its copy from the latest event alone)
 * and are not strict: within a topic version fields may be added.
 */

const isoDate = z.iso.date();

// ---------------------------------------------------------------------------------------------- municipality

export const municipalitySnapshotSchema = z.object({
  /** The tenant slug, e.g. `oaxaca-de-juarez`: every record of the platform carries it as `tenant`. */
  municipalityId: codeText(z.string().min(1).max(100)),
  name: staffText(z.string().min(1).max(200)),
  state: staffText(z.string().min(1).max(100)),
  /** INEGI geostatistical key: 2 digits of the state and 3 of the municipality. */
  inegiCode: codeText(z.string().regex(/^[0-9]{5}$/)),
  active: z.boolean(),
  version: z.int().positive(),
});
export type MunicipalitySnapshot = z.infer<typeof municipalitySnapshotSchema>;

const municipalityExample: MunicipalitySnapshot = {
  municipalityId: 'oaxaca-de-juarez',
  name: 'Oaxaca de Juárez',
  state: 'Oaxaca',
  inegiCode: '20067',
  active: true,
  version: 1,
};

export const MunicipalityCreated = defineEvent({
  type: 'tequio.catalog.municipality.created',
  topic: Topic.CatalogMunicipalityV1,
  summary: 'A municipality (a tenant of the platform) was registered.',
  data: municipalitySnapshotSchema,
  example: municipalityExample,
});

export const MunicipalityUpdated = defineEvent({
  type: 'tequio.catalog.municipality.updated',
  topic: Topic.CatalogMunicipalityV1,
  summary: 'A municipality changed its name, state, INEGI key or active flag; the data is the new snapshot.',
  data: municipalitySnapshotSchema,
  example: { ...municipalityExample, active: false, version: 2 },
});

// ---------------------------------------------------------------------------------------------- calendar

export const calendarChangedSchema = z.object({
  /** `<tenant>:<year>`, also the message key. */
  calendarId: codeText(z.string().min(1).max(120)),
  year: z.int().min(2000).max(2100),
  /** Office-hours cut-off, HH:MM local time: a request received later counts as received the next business day. */
  cutoff: codeText(z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)),
  timeZone: codeText(z.string().min(1).max(64)),
  /** Every non-working day of the year besides Saturdays and Sundays, ascending: the full set, not a difference. */
  holidays: z.array(z.object({ date: isoDate, name: staffText(z.string().min(1).max(200)) })),
  version: z.int().positive(),
});
export type CalendarChangedData = z.infer<typeof calendarChangedSchema>;

export const CalendarChanged = defineEvent({
  type: 'tequio.catalog.calendar.changed',
  topic: Topic.CatalogCalendarV1,
  summary:
    'The calendar of non-working days (or the office-hours cut-off) of a municipality and year changed; ' +
    'the data is the full set for that year, so open deadlines can be recomputed.',
  data: calendarChangedSchema,
  example: {
    calendarId: 'oaxaca-de-juarez:2025',
    year: 2025,
    cutoff: '15:00',
    timeZone: 'America/Mexico_City',
    holidays: [
      { date: '2025-09-16', name: 'Día de la Independencia' },
      { date: '2025-11-17', name: 'Día de la Revolución (tercer lunes de noviembre)' },
    ],
    version: 3,
  },
});

// ---------------------------------------------------------------------------------------------- semáforo

export const SEMAPHORE_COLORS = ['verde', 'amarillo', 'rojo'] as const;
export type SemaphoreColor = (typeof SEMAPHORE_COLORS)[number];

export const semaphoreBandSchema = z.object({
  color: z.enum(SEMAPHORE_COLORS),
  /** Compliance in percent (achieved / target × 100). */
  min: z.number().min(0),
  /** null: no upper bound. */
  max: z.number().nullable(),
  minInclusive: z.boolean(),
  maxInclusive: z.boolean(),
});
export type SemaphoreBandData = z.infer<typeof semaphoreBandSchema>;

export const semaphoreChangedSchema = z.object({
  /** `<tenant>:<year>`, also the message key. */
  semaphoreId: codeText(z.string().min(1).max(120)),
  year: z.int().min(2000).max(2100),
  /** True when the municipality uses the platform defaults (no official source was found). */
  isDefault: z.boolean(),
  /** Decimals compliance is shown with: round to them before colouring. */
  decimals: z.int().min(0).max(4),
  /** Ascending, covering 0 to infinity without gaps or overlaps. */
  bands: z.array(semaphoreBandSchema).min(1),
  version: z.int().positive(),
});
export type SemaphoreChangedData = z.infer<typeof semaphoreChangedSchema>;

export const SemaphoreChanged = defineEvent({
  type: 'tequio.catalog.semaphore.changed',
  topic: Topic.CatalogSemaphoreV1,
  summary: 'The semáforo bands (compliance ranges for verde, amarillo, rojo) of a municipality and year changed.',
  data: semaphoreChangedSchema,
  example: {
    semaphoreId: 'oaxaca-de-juarez:2025',
    year: 2025,
    isDefault: true,
    decimals: 2,
    bands: [
      { color: 'rojo', min: 0, max: 70, minInclusive: true, maxInclusive: false },
      { color: 'amarillo', min: 70, max: 90, minInclusive: true, maxInclusive: false },
      { color: 'verde', min: 90, max: 110, minInclusive: true, maxInclusive: true },
      { color: 'amarillo', min: 110, max: 130, minInclusive: false, maxInclusive: true },
      { color: 'rojo', min: 130, max: null, minInclusive: false, maxInclusive: false },
    ],
    version: 1,
  },
});

export const CATALOG_SETTINGS_EVENTS = [MunicipalityCreated, MunicipalityUpdated, CalendarChanged, SemaphoreChanged] as const;
