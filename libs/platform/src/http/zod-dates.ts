import { z } from 'zod';

/**
 * The years a municipal record can belong to. A date of year 0125 is a typo or a probe, and calendars, business-day
 * arithmetic and ISO weeks are only defined within these bounds: refusing it here is a 400 naming the field, not a
 * 500 deep in a calculation.
 */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const YEAR_MESSAGE = `el año debe estar entre ${MIN_YEAR} y ${MAX_YEAR}`;
const inRange = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/** A calendar day, AAAA-MM-DD, within the platform's years. */
export function calendarDate(message?: string) {
  return z.iso.date(message).refine(inRange, YEAR_MESSAGE);
}

/** An instant with its offset (ISO 8601), within the platform's years. */
export function zonedInstant(message: string) {
  return z.iso.datetime({ offset: true, message }).refine(inRange, YEAR_MESSAGE);
}

/** An ISO week, AAAA-Wss, within the platform's years. */
export function isoWeekText(message = 'semana ISO AAAA-Wss, p. ej. 2025-W27') {
  return z
    .string()
    .regex(/^\d{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$/, message)
    .refine(inRange, YEAR_MESSAGE);
}
