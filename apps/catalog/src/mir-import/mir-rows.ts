import {
  ACCUMULATION_TYPES,
  AccumulationType,
  INDICATOR_DIMENSION_LABELS,
  INDICATOR_DIMENSIONS,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPE_LABELS,
  INDICATOR_TYPES,
  IndicatorDimension,
  IndicatorDirection,
  IndicatorFormula,
  IndicatorLevel,
  IndicatorType,
  MEASUREMENT_FREQUENCIES,
  MEASUREMENT_FREQUENCY_LABELS,
  MeasurementFrequency,
  QuarterTargets,
} from '@tequio/contracts';
import { IndicatorInput, indicatorInputSchema } from '../indicators/indicator-input';
import { levelLabel, parseLevelLabel, positionKey } from '../indicators/mir-levels';
import { MIR_HEADERS, MirColumnKey, normalizeHeader, QUARTER_KEYS, QuarterKey } from './mir-columns';
import { MirRawRow, MirTable } from './mir-table';

/** One problem in one cell: the row as the spreadsheet numbers it, the column as the file names it. */
export interface MirRowError {
  row: number;
  column: string;
  message: string;
}

/** An indicator read from a row, before the IndicatorInput schema checks it (no responsibleUnitId: createMany defaults it to the program's owner unit). */
export interface MirIndicatorDraft {
  level: IndicatorLevel;
  componentNumber: number | null;
  activityNumber: number | null;
  name: string;
  definition: string;
  calculationMethod: string;
  unitOfMeasure: string;
  type: IndicatorType;
  dimension: IndicatorDimension;
  frequency: MeasurementFrequency;
  direction: IndicatorDirection;
  baseline: { value: number; year: number } | null;
  accumulation: AccumulationType;
  factor: number;
  meansOfVerification: string | null;
  targets: QuarterTargets;
  formula: IndicatorFormula;
}

export interface MappedMirRow {
  row: number;
  levelLabel: string;
  /** Validated by the indicators' own schema, ready for IndicatorsService.createMany. */
  indicator: IndicatorInput;
  /** What the import inferred or converted, for the dry-run preview ("fracciones leídas como porcentajes"...). */
  notes: string[];
}

export interface MirMapping {
  indicators: MappedMirRow[];
  errors: MirRowError[];
}

/** Imported indicators are captured by hand until someone links their terms to metrics. */
export const IMPORTED_FORMULA: IndicatorFormula = { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } };

const NULL_WORDS = new Set(['', 'n a', 'na', 'n d', 'nd', 'no aplica', 's d', 'sin dato', 'sin datos']);
const DASHES = /^[-‐‑‒–—―]$/;

type NumberCell = { value: number | null; percent: boolean } | { error: string };

/**
 * Reads a number as people write it in a MIR: "25%", "25", "0.25", "1,010" (thousands), "12,5"
 * (decimal comma), "N/A" or empty (null).
 */
export function parseNumberCell(text: string | undefined): NumberCell {
  const raw = (text ?? '').trim();
  if (NULL_WORDS.has(normalizeHeader(raw)) || DASHES.test(raw)) return { value: null, percent: false };
  let body = raw.replace(/[\s\u00a0\u202f]/g, '');
  const percent = body.endsWith('%');
  if (percent) body = body.slice(0, -1);
  if (/^[-+]?[1-9]\d{0,2}(,\d{3})+(\.\d+)?$/.test(body)) body = body.replace(/,/g, '');
  else if (/^[-+]?\d+,\d+$/.test(body)) body = body.replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(body)) return { error: `"${raw}" no es un número` };
  const value = Number(body);
  return Number.isFinite(value) ? { value, percent } : { error: `"${raw}" no es un número` };
}

function enumParser<T extends string>(values: readonly T[], labels: Record<T, string>, aliases: Record<string, T> = {}) {
  const byWord = new Map<string, T>();
  for (const value of values) {
    byWord.set(normalizeHeader(value), value);
    byWord.set(normalizeHeader(labels[value]), value);
  }
  for (const [alias, value] of Object.entries(aliases)) byWord.set(normalizeHeader(alias), value);
  const list = values.map((value) => labels[value]);
  const accepted = `${list.slice(0, -1).join(', ')} o ${list[list.length - 1]}`;
  return (text: string): T | { error: string } => byWord.get(normalizeHeader(text)) ?? { error: `"${text}" no es válido; use ${accepted}` };
}

const parseType = enumParser(INDICATOR_TYPES, INDICATOR_TYPE_LABELS, { gestion: 'gestion', 'de gestion': 'gestion', estrategica: 'estrategico' });
const parseDimension = enumParser(INDICATOR_DIMENSIONS, INDICATOR_DIMENSION_LABELS);
const parseFrequency = enumParser(MEASUREMENT_FREQUENCIES, MEASUREMENT_FREQUENCY_LABELS);
const parseDirection = enumParser(INDICATOR_DIRECTIONS, INDICATOR_DIRECTION_LABELS);
const ACCUMULATION_WORDS: Record<AccumulationType, string> = { flow: 'Flujo', stock: 'Nivel', annual_goal_share: 'Parte de la meta anual' };
const parseAccumulation = enumParser(ACCUMULATION_TYPES, ACCUMULATION_WORDS, {
  'meta anual': 'annual_goal_share',
  'porcentaje de la meta anual': 'annual_goal_share',
  'suma de trimestres': 'annual_goal_share',
  saldo: 'stock',
});

/** "Porcentaje", "%", "Porcentaje (%)": values are percentages, the formula multiplies by 100. */
export function isPercentageUnit(unitOfMeasure: string): boolean {
  return unitOfMeasure.includes('%') || /\bporcentaj/.test(normalizeHeader(unitOfMeasure));
}

/**
 * Maps the raw rows of a MIR file to indicator drafts. Every problem is reported with its row and
 * column; a row with any problem yields no draft. Units: targets and baseline of a percentage
 * indicator are stored as percentages (25 for 25%); see docs/catalog/mir-import.md for the rules.
 */
export function mapMirRows(table: MirTable): MirMapping {
  const indicators: MappedMirRow[] = [];
  const errors: MirRowError[] = [];
  const seen = new Map<string, number>();
  for (const raw of table.rows) {
    const result = mapRow(raw, table);
    if ('errors' in result) {
      errors.push(...result.errors);
      continue;
    }
    const key = positionKey(result.indicator);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: raw.row, column: columnName(table, 'level'), message: `${result.levelLabel} ya aparece en la fila ${first}` });
      continue;
    }
    seen.set(key, raw.row);
    indicators.push(result);
  }
  return { indicators, errors };
}

function columnName(table: MirTable, key: MirColumnKey): string {
  return table.headers[key] ?? MIR_HEADERS[key];
}

function mapRow(raw: MirRawRow, table: MirTable): MappedMirRow | { errors: MirRowError[] } {
  const errors: MirRowError[] = [];
  const notes: string[] = [];
  const fail = (key: MirColumnKey, message: string) => errors.push({ row: raw.row, column: columnName(table, key), message });
  const cell = (key: MirColumnKey) => (raw.cells[key] ?? '').replace(/\s+/g, ' ').trim();
  const text = (key: MirColumnKey): string => {
    const value = cell(key);
    if (!value) fail(key, 'es obligatorio');
    return value;
  };
  const choice = <T>(key: MirColumnKey, parse: (value: string) => T | { error: string }): T | undefined => {
    const value = cell(key);
    if (!value) {
      fail(key, 'es obligatorio');
      return undefined;
    }
    const parsed = parse(value);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      fail(key, parsed.error);
      return undefined;
    }
    return parsed as T;
  };

  const levelText = cell('level');
  const position = levelText ? parseLevelLabel(levelText) : null;
  if (!levelText) fail('level', 'es obligatorio');
  else if (!position) fail('level', `"${levelText}" no es un nivel de la MIR; use Fin, Propósito, Componente N o Actividad N.M`);
  else if ((position.componentNumber ?? 1) < 1 || (position.activityNumber ?? 1) < 1) fail('level', `"${levelText}": los números empiezan en 1`);

  const name = text('name');
  const definition = text('definition');
  const calculationMethod = text('method');
  const unitOfMeasure = text('unitOfMeasure');
  const type = choice('type', parseType);
  const dimension = choice('dimension', parseDimension);
  const frequency = choice('frequency', parseFrequency);
  const direction = choice('direction', parseDirection);
  const meansOfVerification = cell('meansOfVerification') || null;
  const percentage = isPercentageUnit(unitOfMeasure);

  // Numbers: targets and baseline value, converted together (see fractions below).
  const numberKeys: Array<QuarterKey | 'baselineValue'> = [...QUARTER_KEYS, 'baselineValue'];
  const numbers = new Map<QuarterKey | 'baselineValue', { value: number | null; percent: boolean }>();
  for (const key of numberKeys) {
    const parsed = parseNumberCell(raw.cells[key]);
    if ('error' in parsed) fail(key, parsed.error);
    else if (parsed.percent && !percentage && parsed.value !== null) fail(key, `"${cell(key)}" es un porcentaje, pero la unidad de medida es "${unitOfMeasure}"`);
    else if (parsed.value !== null && parsed.value < 0) fail(key, 'no puede ser negativo');
    else numbers.set(key, parsed);
  }
  // A percentage indicator written as fractions (0.25 for 25%, 1 for 100%, as some reports do):
  // when every number written without "%" lies between 0 and 1 and one is above 0, all are fractions.
  const plain = [...numbers.values()].filter((n) => !n.percent && n.value !== null).map((n) => n.value as number);
  const fractions = percentage && plain.length > 0 && plain.every((v) => v <= 1) && plain.some((v) => v > 0);
  if (fractions) notes.push('valores sin "%" leídos como fracciones: 0.25 = 25%');
  const valueOf = (key: QuarterKey | 'baselineValue'): number | null => {
    const n = numbers.get(key);
    if (!n || n.value === null) return null;
    return fractions && !n.percent ? round(n.value * 100) : n.value;
  };
  const targets: QuarterTargets = { q1: valueOf('q1'), q2: valueOf('q2'), q3: valueOf('q3'), q4: valueOf('q4') };

  const baselineValue = valueOf('baselineValue');
  const yearCell = cell('baselineYear');
  let baselineYear: number | null = null;
  if (yearCell && !NULL_WORDS.has(normalizeHeader(yearCell))) {
    if (/^\d{4}$/.test(yearCell) && Number(yearCell) >= 2000 && Number(yearCell) <= 2100) baselineYear = Number(yearCell);
    else fail('baselineYear', `"${yearCell}" no es un año (AAAA, entre 2000 y 2100)`);
  }
  if (baselineValue !== null && baselineYear === null && !errors.some((e) => e.column === columnName(table, 'baselineYear'))) {
    fail('baselineYear', 'indique el año de la línea base');
  }

  const accumulationCell = cell('accumulation');
  let accumulation: AccumulationType | undefined;
  if (accumulationCell) accumulation = choice('accumulation', parseAccumulation);
  else {
    // The common case of the municipal reports: each quarter is a share of the annual goal (25% + 25% + 25% + 25%).
    const sum = QUARTER_KEYS.reduce((total, q) => total + (targets[q] ?? 0), 0);
    accumulation = percentage && Math.abs(sum - 100) <= 0.5 ? 'annual_goal_share' : 'flow';
    notes.push(
      accumulation === 'annual_goal_share'
        ? 'acumulación: parte de la meta anual (los trimestres suman 100%)'
        : 'acumulación: flujo (suma de numeradores entre suma de denominadores)',
    );
  }

  const factorCell = parseNumberCell(raw.cells.factor);
  let factor = percentage ? 100 : 1;
  if ('error' in factorCell) fail('factor', factorCell.error);
  else if (factorCell.value !== null) {
    if (factorCell.value <= 0 || factorCell.percent) fail('factor', 'debe ser un número mayor que 0 (100 para porcentajes)');
    else factor = factorCell.value;
  }

  if (errors.length > 0 || !position || !type || !dimension || !frequency || !direction || !accumulation) {
    return { errors };
  }
  const indicator: MirIndicatorDraft = {
    level: position.level,
    componentNumber: position.componentNumber,
    activityNumber: position.activityNumber,
    name,
    definition,
    calculationMethod,
    unitOfMeasure,
    type,
    dimension,
    frequency,
    direction,
    baseline: baselineValue === null || baselineYear === null ? null : { value: baselineValue, year: baselineYear },
    accumulation,
    factor,
    meansOfVerification,
    targets,
    formula: IMPORTED_FORMULA,
  };
  // The indicators' own rules (lengths, ranges, level numbers) apply to imported rows too.
  const checked = indicatorInputSchema.safeParse(indicator);
  if (!checked.success) {
    for (const issue of checked.error.issues) fail(columnForField(issue.path.join('.')), issue.message);
    return { errors };
  }
  return { row: raw.row, levelLabel: levelLabel(position), indicator: checked.data, notes };
}

/** The column of the file that feeds a field of IndicatorInput ("targets.q2" → q2). */
export function columnForField(field: string): MirColumnKey {
  const [head, tail] = field.split('.');
  switch (head) {
    case 'level':
    case 'componentNumber':
    case 'activityNumber':
      return 'level';
    case 'calculationMethod':
    case 'formula':
      return 'method';
    case 'baseline':
      return tail === 'year' ? 'baselineYear' : 'baselineValue';
    case 'targets':
      return (QUARTER_KEYS as readonly string[]).includes(tail) ? (tail as QuarterKey) : 'q1';
    case 'name':
    case 'definition':
    case 'unitOfMeasure':
    case 'type':
    case 'dimension':
    case 'frequency':
    case 'direction':
    case 'accumulation':
    case 'factor':
    case 'meansOfVerification':
      return head;
    default:
      return 'level';
  }
}



function round(value: number): number {
  return Number(value.toPrecision(12));
}
