/* The semáforo's pure functions live in @tequio/contracts, so reporting colours indicators with the same code. */
export { bandContains, bandLabel, COLOR_LABELS, colourFor, DEFAULT_BANDS, DEFAULT_DECIMALS, DEFAULT_NOTE, roundForDisplay, validateBands } from '@tequio/contracts';
export type { BandIssue, SemaphoreBand, SemaphoreResult } from '@tequio/contracts';
