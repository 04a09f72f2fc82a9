import { SemaphoreBandData, SemaphoreColor } from './events/catalog-settings';

/*
 * The semáforo: the colour of a compliance value (achieved / target × 100, in percent) from bands configurable
 * per municipality and year. Pure functions: the catalog (to show and check bands) and reporting (to colour indicators) share them.
 */

export type SemaphoreBand = SemaphoreBandData;
export type SemaphoreResult = SemaphoreColor | 'n/a';

export const DEFAULT_DECIMALS = 2;

export const DEFAULT_NOTE = 'Valores por omisión; no se encontró fuente oficial de Oaxaca';

/** DOMAIN.md: green 90–110, yellow 70–<90 or >110–130, red otherwise. */
export const DEFAULT_BANDS: readonly SemaphoreBand[] = Object.freeze([
  { color: 'rojo', min: 0, max: 70, minInclusive: true, maxInclusive: false },
  { color: 'amarillo', min: 70, max: 90, minInclusive: true, maxInclusive: false },
  { color: 'verde', min: 90, max: 110, minInclusive: true, maxInclusive: true },
  { color: 'amarillo', min: 110, max: 130, minInclusive: false, maxInclusive: true },
  { color: 'rojo', min: 130, max: null, minInclusive: false, maxInclusive: false },
]);

export const COLOR_LABELS: Record<SemaphoreColor, string> = { verde: 'Verde', amarillo: 'Amarillo', rojo: 'Rojo' };

export interface BandIssue {
  /** Path inside the request body, e.g. `['bands', 2, 'min']`. */
  path: (string | number)[];
  message: string;
}

/**
 * Checks that the bands, in ascending order, cover 0 to infinity once: the first starts at 0 (included), each
 * starts where the previous ends with exactly one of the two including that point, and the last has no maximum.
 */
export function validateBands(bands: readonly SemaphoreBand[]): BandIssue[] {
  const issues: BandIssue[] = [];
  if (bands.length === 0) return [{ path: ['bands'], message: 'indique al menos una banda' }];
  const first = bands[0];
  if (first.min !== 0 || !first.minInclusive) {
    issues.push({ path: ['bands', 0, first.min !== 0 ? 'min' : 'minInclusive'], message: 'la primera banda debe empezar en 0, incluido' });
  }
  bands.forEach((band, i) => {
    if (band.max === null) {
      if (band.maxInclusive) issues.push({ path: ['bands', i, 'maxInclusive'], message: 'una banda sin máximo (hasta infinito) no puede incluirlo' });
    } else if (band.max < band.min || (band.max === band.min && !(band.minInclusive && band.maxInclusive))) {
      issues.push({ path: ['bands', i, 'max'], message: `debe ser mayor que min (${band.min}); la banda quedaría vacía` });
    }
    if (i === 0) return;
    const previous = bands[i - 1];
    if (previous.max === null) {
      issues.push({ path: ['bands', i], message: `sobra: la banda ${i - 1} ya llega a infinito` });
    } else if (band.min < previous.max) {
      issues.push({ path: ['bands', i, 'min'], message: `se traslapa con la banda ${i - 1}, que termina en ${previous.max}; deben ir en orden ascendente y sin traslapes` });
    } else if (band.min > previous.max) {
      issues.push({ path: ['bands', i, 'min'], message: `deja un hueco entre ${previous.max} y ${band.min}: debe empezar en ${previous.max}` });
    } else if (previous.maxInclusive && band.minInclusive) {
      issues.push({ path: ['bands', i, 'minInclusive'], message: `el valor ${band.min} quedaría en dos bandas (${i - 1} y ${i}): solo una puede incluirlo` });
    } else if (!previous.maxInclusive && !band.minInclusive) {
      issues.push({ path: ['bands', i, 'minInclusive'], message: `el valor ${band.min} no quedaría en ninguna banda: la banda ${i - 1} o la ${i} debe incluirlo` });
    }
  });
  const last = bands[bands.length - 1];
  if (last.max !== null) {
    issues.push({ path: ['bands', bands.length - 1, 'max'], message: 'la última banda debe llegar a infinito (max: null)' });
  }
  return issues;
}

/**
 * The value as shown with `decimals` decimals. Same rounding as `toFixed` and `Intl.NumberFormat` (on the exact
 * binary value), so a number and its colour never disagree on screen.
 */
export function roundForDisplay(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) throw new RangeError(`decimals must be 0–20: ${decimals}`);
  return Number(value.toFixed(decimals));
}

export function bandContains(band: SemaphoreBand, value: number): boolean {
  const aboveMin = band.minInclusive ? value >= band.min : value > band.min;
  const belowMax = band.max === null || (band.maxInclusive ? value <= band.max : value < band.max);
  return aboveMin && belowMax;
}

/** The colour of a compliance value, rounded first to the decimals it is displayed with; 'n/a' for no value. */
export function colourFor(compliance: number | null, bands: readonly SemaphoreBand[], decimals: number): SemaphoreResult {
  if (compliance === null || !Number.isFinite(compliance)) return 'n/a';
  const shown = roundForDisplay(compliance, decimals);
  return bands.find((band) => bandContains(band, shown))?.color ?? 'n/a';
}

/** e.g. "≥ 90 y ≤ 110", "> 130". */
export function bandLabel(band: SemaphoreBand): string {
  const lower = `${band.minInclusive ? '≥' : '>'} ${band.min}`;
  return band.max === null ? lower : `${lower} y ${band.maxInclusive ? '≤' : '<'} ${band.max}`;
}
