/**
 * The columns of a MIR file. `header` is the canonical Spanish header (the template writes it and
 * error messages use it when the file's own header is unknown); `matches` recognises the variants
 * people type, applied to the header after `normalizeHeader` (no accents, lower case, punctuation
 * as spaces). Quarterly targets are recognised by `quarterOf`.
 */
export const MIR_COLUMN_KEYS = [
  'level',
  'name',
  'definition',
  'method',
  'unitOfMeasure',
  'type',
  'dimension',
  'frequency',
  'direction',
  'baselineValue',
  'baselineYear',
  'q1',
  'q2',
  'q3',
  'q4',
  'cumulativeTarget',
  'meansOfVerification',
  'responsibleUnit',
  'accumulation',
  'factor',
] as const;
export type MirColumnKey = (typeof MIR_COLUMN_KEYS)[number];
export type QuarterKey = 'q1' | 'q2' | 'q3' | 'q4';
export const QUARTER_KEYS: readonly QuarterKey[] = ['q1', 'q2', 'q3', 'q4'];

export const MIR_HEADERS: Record<MirColumnKey, string> = {
  level: 'Nivel',
  name: 'Nombre',
  definition: 'Definición',
  method: 'Método de cálculo',
  unitOfMeasure: 'Unidad de medida',
  type: 'Tipo',
  dimension: 'Dimensión',
  frequency: 'Frecuencia',
  direction: 'Sentido',
  baselineValue: 'Línea base valor',
  baselineYear: 'Línea base año',
  q1: 'Programado 1er trimestre',
  q2: 'Programado 2do trimestre',
  q3: 'Programado 3er trimestre',
  q4: 'Programado 4to trimestre',
  cumulativeTarget: 'Programado acumulado',
  meansOfVerification: 'Medios de verificación',
  responsibleUnit: 'Unidad responsable',
  accumulation: 'Acumulación',
  factor: 'Factor',
};

/** Columns a file must have; the others may be left out (their values are then empty). */
export const REQUIRED_COLUMNS: readonly MirColumnKey[] = [
  'level',
  'name',
  'definition',
  'method',
  'unitOfMeasure',
  'type',
  'dimension',
  'frequency',
  'direction',
  'q1',
  'q2',
  'q3',
  'q4',
];

/** "Método de Cálculo:" → "metodo de calculo"; "Línea base (año)" → "linea base ano". */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const NON_QUARTER_MATCHERS: ReadonlyArray<[Exclude<MirColumnKey, QuarterKey>, RegExp]> = [
  ['level', /^nivel( (de la )?mir| del indicador)?$/],
  ['name', /^(nombre( del indicador)?|indicador|nombre indicador)$/],
  ['definition', /^definicion( del indicador)?$/],
  ['method', /^(metodo de calculo|metodo|formula|formula de calculo)$/],
  ['unitOfMeasure', /^unidad de medida$/],
  ['type', /^tipo( de indicador| del indicador)?$/],
  ['dimension', /^dimension( del indicador| a medir)?$/],
  ['frequency', /^frecuencia( de medicion)?$/],
  ['direction', /^sentido( esperado| del indicador)?$/],
  ['baselineYear', /^(linea base|lb) (ano|year)$|^ano( de)?( la)? linea base$/],
  ['baselineValue', /^(linea base|lb)( valor)?$|^valor( de)?( la)? linea base$/],
  ['meansOfVerification', /^medios? de verificacion$/],
  ['cumulativeTarget', /^((valor(es)? )?programad[oa]s? acumulad[oa]s?|acumulad[oa]s? programad[oa]s?|metas? acumuladas?( programadas?)?|meta anual( programada)?)$/],
  ['responsibleUnit', /^((clave (de (la )?)?)?(unidad responsable|ur)( clave)?)$/],
  ['accumulation', /^(tipo de )?acumulacion$/],
  ['factor', /^factor$/],
];

const QUARTER_WORDS: ReadonlyArray<[QuarterKey, RegExp]> = [
  ['q1', /\b(1 ?(er|ero|ro|o)?|primer|primero) trim(estre)?\b|\btrim(estre)? 1\b|\b[tq] ?1\b/],
  ['q2', /\b(2 ?(do|o)?|segundo) trim(estre)?\b|\btrim(estre)? 2\b|\b[tq] ?2\b/],
  ['q3', /\b(3 ?(er|ero|ro|o)?|tercer|tercero) trim(estre)?\b|\btrim(estre)? 3\b|\b[tq] ?3\b/],
  ['q4', /\b(4 ?(to|o)?|cuarto) trim(estre)?\b|\btrim(estre)? 4\b|\b[tq] ?4\b/],
];

/** Headers of values the import does not read (achieved, cumulative, variance). */
const NOT_A_TARGET = /\b(alcanzad[oa]s?|variacion|acumulad[oa]s?|avance|real|logrado|cumplimiento)\b/;
const TARGET_CONTEXT = /^((valor(es)? )?programad[oa]s?|metas?( programadas?)?)$/;

export function isQuarter(key: MirColumnKey): key is QuarterKey {
  return (QUARTER_KEYS as readonly string[]).includes(key);
}

/** A group header above quarter columns that does not exclude targets ("Valores Programados", "Datos del Indicador"). */
export function isTargetGroup(normalizedGroup: string): boolean {
  return !NOT_A_TARGET.test(normalizedGroup);
}

/** Which quarterly target a header names, e.g. "Programado 1er trimestre", "Meta T1", "1er. Trim.". */
export function quarterOf(normalized: string): QuarterKey | undefined {
  if (NOT_A_TARGET.test(normalized)) return undefined;
  for (const [key, words] of QUARTER_WORDS) {
    const match = words.exec(normalized);
    if (!match) continue;
    const context = (normalized.slice(0, match.index) + ' ' + normalized.slice(match.index + match[0].length)).trim();
    if (context === '' || TARGET_CONTEXT.test(context)) return key;
  }
  return undefined;
}

/** "Acumulado *" under "Valores Programados" (the printed report): the programmed cumulative target. */
export function isCumulativeUnderTargets(normalizedHeader: string, normalizedGroup: string): boolean {
  return /^acumulad[oa]s?$/.test(normalizedHeader) && TARGET_CONTEXT.test(normalizedGroup);
}

/** The column a normalized header names, if any. */
export function columnOf(normalized: string): MirColumnKey | undefined {
  for (const [key, pattern] of NON_QUARTER_MATCHERS) if (pattern.test(normalized)) return key;
  return quarterOf(normalized);
}
