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
// The factor rule (100 for a percentage unit of measure, 1 otherwise) is the indicators' own, shared with the API.
import { defaultFactor, isPercentageUnit } from '../indicators/indicator-factor';
import { IndicatorInput, indicatorInputSchema } from '../indicators/indicator-input';
import { crossFieldIssues } from '../indicators/indicator-rules';
import { levelLabel, MirPosition, parseLevelLabel, positionKey } from '../indicators/mir-levels';
import { MIR_HEADERS, MirColumnKey, normalizeHeader, QUARTER_KEYS, QuarterKey } from './mir-columns';
import { MirRawRow, MirTable } from './mir-table';

/** One problem in one cell: the row as the spreadsheet numbers it, the column as the file names it. */
export interface MirRowError {
  row: number;
  column: string;
  message: string;
}

/** A warning on one row: imported as it is, but worth checking (the dry run shows it; the import does not stop). */
export type MirRowWarning = MirRowError;

/**
 * An indicator read from a row, before the IndicatorInput schema checks it. responsibleUnitId only when the file has
 * a "Unidad responsable" cell for the row; otherwise createMany defaults it to the program's owner unit.
 */
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
  responsibleUnitId?: string;
  targets: QuarterTargets;
  formula: IndicatorFormula;
}

export interface MappedMirRow {
  row: number;
  levelLabel: string;
  /** Validated by the indicators' own schema, ready for IndicatorCreationService.createMany. */
  indicator: IndicatorInput;
  /** What the import inferred, for the dry-run preview ("acumulación: parte de la meta anual ..."); conversions are warnings. */
  notes: string[];
}

export interface MirMapping {
  indicators: MappedMirRow[];
  errors: MirRowError[];
  warnings: MirRowWarning[];
  /**
   * Rows that failed but whose level could be read: the MIR tree is still checked as if they were there, so that
   * "Actividad 1.2 requiere el Componente 1" is not reported when the Componente 1 row only has a bad cell.
   */
  unmapped: { row: number; position: MirPosition }[];
}

export interface MirMappingContext {
  /** Unit ids of the caller's municipality by unit code ("402"), for the "Unidad responsable" column. */
  unitIds?: ReadonlyMap<string, string>;
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

type NumberKey = QuarterKey | 'baselineValue' | 'cumulativeTarget';
const NUMBER_KEYS: readonly NumberKey[] = [...QUARTER_KEYS, 'baselineValue', 'cumulativeTarget'];

/**
 * Maps the raw rows of a MIR file to indicator drafts. Every problem is reported with its row and
 * column; a row with any problem yields no draft. Warnings (targets that do not add up to the programmed
 * cumulative, fractions read as percentages) do not stop a row. Units: targets and baseline of a percentage
 * indicator are stored as percentages (25 for 25%); see docs/catalog/mir-import.md for the rules.
 */
export function mapMirRows(table: MirTable, context: MirMappingContext = {}): MirMapping {
  const indicators: MappedMirRow[] = [];
  const errors: MirRowError[] = [];
  const warnings: MirRowWarning[] = [];
  const unmapped: MirMapping['unmapped'] = [];
  const seen = new Map<string, number>();
  for (const raw of table.rows) {
    const result = mapRow(raw, table, context);
    warnings.push(...result.warnings);
    const position = 'errors' in result ? result.position : result.mapped.indicator;
    if ('errors' in result) errors.push(...result.errors);
    // Each position once in the file, counting the rows that failed for another reason.
    const key = position ? positionKey(position) : undefined;
    const first = key === undefined ? undefined : seen.get(key);
    if (position && first !== undefined) {
      errors.push({ row: raw.row, column: columnName(table, 'level'), message: `${levelLabel(position)} ya aparece en la fila ${first}` });
      continue;
    }
    if (key !== undefined) seen.set(key, raw.row);
    if ('errors' in result) {
      if (result.position) unmapped.push({ row: raw.row, position: result.position });
    } else indicators.push(result.mapped);
  }
  warnings.push(...repeatedMethodWarnings(table, indicators));
  warnings.sort((a, b) => a.row - b.row);
  return { indicators, errors, warnings, unmapped };
}

/** "402" or "402 - Secretaría Particular" (as the reports print a Unidad Responsable) → "402". */
export function unitCodeOf(text: string): string {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return /^(\S+) [-‐‑‒–—―] /.exec(trimmed)?.[1] ?? trimmed;
}

/** The unit codes a table names in its "Unidad responsable" column, to look them up before mapping. */
export function responsibleUnitCodes(table: MirTable): string[] {
  return [...new Set(table.rows.map((raw) => unitCodeOf(raw.cells.responsibleUnit ?? '')).filter(Boolean))];
}

function columnName(table: MirTable, key: MirColumnKey): string {
  return table.headers[key] ?? MIR_HEADERS[key];
}

type RowResult =
  | { mapped: MappedMirRow; warnings: MirRowWarning[] }
  | { errors: MirRowError[]; warnings: MirRowWarning[]; position: MirPosition | null };

function mapRow(raw: MirRawRow, table: MirTable, context: MirMappingContext): RowResult {
  const errors: MirRowError[] = [];
  const warnings: MirRowWarning[] = [];
  const notes: string[] = [];
  const warn = (key: MirColumnKey, message: string) => warnings.push({ row: raw.row, column: columnName(table, key), message });
  const fail = (key: MirColumnKey, message: string) => errors.push({ row: raw.row, column: columnName(table, key), message });
  const cell = (key: MirColumnKey) => (raw.cells[key] ?? '').replace(/\s+/g, ' ').trim();
  for (const key of raw.shifted ?? []) warn(key, 'leído más a la izquierda que su columna (a la fila le faltan celdas vacías antes): revise que sea el valor correcto');
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
  const place = position && (position.componentNumber ?? 1) >= 1 && (position.activityNumber ?? 1) >= 1 ? position : null;

  // Numbers: targets, baseline value and programmed cumulative, converted together (see fractions below).
  const numbers = new Map<NumberKey, { value: number | null; percent: boolean }>();
  for (const key of NUMBER_KEYS) {
    const parsed = parseNumberCell(raw.cells[key]);
    if ('error' in parsed) fail(key, parsed.error);
    else if (parsed.percent && !percentage && parsed.value !== null) fail(key, `"${cell(key)}" es un porcentaje, pero la unidad de medida es "${unitOfMeasure}"`);
    else if (parsed.value !== null && parsed.value < 0) fail(key, 'no puede ser negativo');
    else numbers.set(key, parsed);
  }
  // A percentage indicator written as fractions (0.25 for 25%, as some reports do): only when a number written
  // without "%" lies strictly between 0 and 1 and none is above 1. "1, 1, 1, 1" stays 1% (a fraction would be
  // 100% each). Cells with "%" (or an XLSX percent format, read as "25%") are never guessed.
  const plain = NUMBER_KEYS.filter((key) => numbers.get(key)?.value != null && !numbers.get(key)?.percent);
  const plainValues = plain.map((key) => numbers.get(key)?.value as number);
  const fractions = percentage && plainValues.length > 0 && plainValues.every((v) => v <= 1) && plainValues.some((v) => v > 0 && v < 1);
  const valueOf = (key: NumberKey): number | null => {
    const n = numbers.get(key);
    if (!n || n.value === null) return null;
    return fractions && !n.percent ? round(n.value * 100) : n.value;
  };
  if (fractions) {
    const converted = plain.map((key) => `${columnName(table, key)} ${cell(key)} → ${formatValue(valueOf(key) as number)}%`);
    warn(plain[0], `valores sin "%" leídos como fracciones (0.25 = 25%): ${converted.join(', ')}; si son porcentajes menores que 1, escríbalos con "%"`);
  }
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

  // The programmed cumulative ("Acumulado" under "Valores Programados") of a percentage indicator, in percent.
  // The reports write it as 1 next to targets in "%": 1 (or 100) means the four quarters are shares of the annual goal.
  const cumulativeCell = numbers.get('cumulativeTarget');
  let cumulative = percentage ? valueOf('cumulativeTarget') : null;
  if (cumulative !== null && cumulativeCell && !cumulativeCell.percent && !fractions && Math.abs(cumulative - 1) <= 0.005) cumulative = 100;
  const goalByCumulative = cumulative !== null && Math.abs(cumulative - 100) <= 0.5;
  const sum = round(QUARTER_KEYS.reduce((total, q) => total + (targets[q] ?? 0), 0));
  const sumIsGoal = Math.abs(sum - 100) <= 0.5;

  const accumulationCell = cell('accumulation');
  let accumulation: AccumulationType | undefined;
  if (accumulationCell) accumulation = choice('accumulation', parseAccumulation);
  else if (percentage && goalByCumulative) {
    accumulation = 'annual_goal_share';
    notes.push('acumulación: parte de la meta anual (el acumulado programado es 100%)');
  } else if (percentage && sumIsGoal) {
    // The common case of the municipal reports: each quarter is a share of the annual goal (25% + 25% + 25% + 25%).
    accumulation = 'annual_goal_share';
    notes.push('acumulación: parte de la meta anual (los trimestres suman 100%)');
  } else {
    accumulation = 'flow';
    notes.push('acumulación: flujo (suma de numeradores entre suma de denominadores)');
  }
  // A share of the annual goal adds its quarters up to the cumulative: say so when the file's do not (Actividad 2.7
  // of the Secretaría de Gobierno 2023 report: 19 + 29 + 30 + 28 = 106, cumulative 1 = 100%).
  if (accumulation === 'annual_goal_share' && cumulative !== null && Math.abs(sum - cumulative) > 0.5) {
    warn('cumulativeTarget', `las metas trimestrales suman ${formatValue(sum)} pero el acumulado programado es ${formatValue(cumulative)}`);
  }

  const factorCell = parseNumberCell(raw.cells.factor);
  let factor = defaultFactor(unitOfMeasure);
  if ('error' in factorCell) fail('factor', factorCell.error);
  else if (factorCell.value !== null) {
    if (factorCell.value <= 0 || factorCell.percent) fail('factor', 'debe ser un número mayor que 0 (100 para porcentajes)');
    else factor = factorCell.value;
  }

  const unitCell = cell('responsibleUnit');
  let responsibleUnitId: string | undefined;
  if (unitCell) {
    const code = unitCodeOf(unitCell);
    responsibleUnitId = context.unitIds?.get(code);
    if (!responsibleUnitId) fail('responsibleUnit', `no existe una unidad responsable con la clave "${code}" en el municipio`);
  }

  if (errors.length > 0 || !position || !type || !dimension || !frequency || !direction || !accumulation) {
    return { errors, warnings, position: place };
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
    ...(responsibleUnitId ? { responsibleUnitId } : {}),
    targets,
    formula: IMPORTED_FORMULA,
  };
  // The indicators' own rules (lengths, ranges, level numbers) apply to imported rows too.
  const checked = indicatorInputSchema.safeParse(indicator);
  if (!checked.success) {
    for (const issue of checked.error.issues) fail(columnForField(issue.path.join('.')), issue.message);
    return { errors, warnings, position: place };
  }
  warnings.push(...designWarnings(raw.row, table, checked.data));
  return { mapped: { row: raw.row, levelLabel: levelLabel(position), indicator: checked.data, notes }, warnings };
}

/**
 * What the API would refuse on creating this indicator (its cross-field rules), and a MIR design problem: imported as
 * the report has it (the reports break these rules), reported so it can be corrected with PATCH /indicators/{id}.
 */
function designWarnings(row: number, table: MirTable, indicator: IndicatorInput): MirRowWarning[] {
  const warnings: MirRowWarning[] = crossFieldIssues(indicator).map((issue) => ({
    row,
    column: columnName(table, issue.field === 'targets' ? 'frequency' : columnForField(issue.field)),
    message: `${issue.message}; la API no lo aceptaría al crearlo: corríjalo después de importar`,
  }));
  if (indicator.level === 'actividad' && indicator.type === 'estrategico') {
    warnings.push({ row, column: columnName(table, 'type'), message: 'una Actividad mide la gestión de un proceso: su tipo suele ser De gestión, no Estratégico' });
  }
  return warnings;
}

/** Two rows with the same calculation method (spaces, case, accents and punctuation aside) measure the same thing. */
function repeatedMethodWarnings(table: MirTable, indicators: MappedMirRow[]): MirRowWarning[] {
  const firstRow = new Map<string, MappedMirRow>();
  const warnings: MirRowWarning[] = [];
  for (const entry of indicators) {
    const key = normalizeHeader(entry.indicator.calculationMethod).replace(/ /g, '');
    const first = firstRow.get(key);
    if (!first) firstRow.set(key, entry);
    else
      warnings.push({
        row: entry.row,
        column: columnName(table, 'method'),
        message: `el mismo método de cálculo que ${first.levelLabel} (fila ${first.row}): dos indicadores que miden lo mismo`,
      });
  }
  return warnings;
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
    case 'responsibleUnitId':
      return 'responsibleUnit';
    default:
      return 'level';
  }
}


function round(value: number): number {
  return Number(value.toPrecision(12));
}

/** 106 → "106", 99.5 → "99.5". */
function formatValue(value: number): string {
  return String(round(value));
}
