import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { Topic } from '../topics';
import { codeText, staffText } from '../text';

/*
 * Development plan (Plan Municipal de Desarrollo), budget programs (Programas Presupuestarios) and their MIR
 * indicators. Identifiers in English; the Spanish labels people read live beside each vocabulary.
 */

// ── Vocabulary ────────────────────────────────────────────────────────────────────────────────────────────

/** MIR level: Fin, Propósito, Componente N, Actividad N.M. */
export const INDICATOR_LEVELS = ['fin', 'proposito', 'componente', 'actividad'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];
export const INDICATOR_LEVEL_LABELS: Record<IndicatorLevel, string> = {
  fin: 'Fin',
  proposito: 'Propósito',
  componente: 'Componente',
  actividad: 'Actividad',
};

export const INDICATOR_TYPES = ['estrategico', 'gestion'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const INDICATOR_TYPE_LABELS: Record<IndicatorType, string> = { estrategico: 'Estratégico', gestion: 'De gestión' };

export const INDICATOR_DIMENSIONS = ['eficacia', 'eficiencia', 'calidad', 'economia'] as const;
export type IndicatorDimension = (typeof INDICATOR_DIMENSIONS)[number];
export const INDICATOR_DIMENSION_LABELS: Record<IndicatorDimension, string> = {
  eficacia: 'Eficacia',
  eficiencia: 'Eficiencia',
  calidad: 'Calidad',
  economia: 'Economía',
};

export const MEASUREMENT_FREQUENCIES = ['mensual', 'trimestral', 'semestral', 'anual'] as const;
export type MeasurementFrequency = (typeof MEASUREMENT_FREQUENCIES)[number];
export const MEASUREMENT_FREQUENCY_LABELS: Record<MeasurementFrequency, string> = {
  mensual: 'Mensual',
  trimestral: 'Trimestral',
  semestral: 'Semestral',
  anual: 'Anual',
};

/** Sentido esperado: is more better? */
export const INDICATOR_DIRECTIONS = ['ascendente', 'descendente'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = { ascendente: 'Ascendente', descendente: 'Descendente' };

/**
 * How quarters add up to the year (see DOMAIN.md, rules of consolidation):
 * flow = Σ numerators / Σ denominators × factor; stock = latest quarter's value;
 * annual_goal_share = each quarter over the annual goal, cumulative = sum of the quarter values.
 */
export const ACCUMULATION_TYPES = ['flow', 'stock', 'annual_goal_share'] as const;
export type AccumulationType = (typeof ACCUMULATION_TYPES)[number];
export const ACCUMULATION_TYPE_LABELS: Record<AccumulationType, string> = {
  flow: 'Flujo (acumulado = suma de numeradores entre suma de denominadores)',
  stock: 'Nivel (acumulado = valor del último trimestre)',
  annual_goal_share: 'Parte de la meta anual (acumulado = suma de los trimestres)',
};

export const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;
export type QuarterKey = (typeof QUARTERS)[number];

/** Services that emit metrics (the first segment of a metric name). */
export const METRIC_SERVICES = ['agenda', 'correspondence', 'transparency', 'catalog', 'reporting'] as const;
export type MetricService = (typeof METRIC_SERVICES)[number];

/** Types a metric's filter dimension can have. `unit` holds a unit code such as "402". */
export const METRIC_DIMENSION_TYPES = ['unit', 'boolean', 'enum', 'string', 'integer'] as const;
export type MetricDimensionType = (typeof METRIC_DIMENSION_TYPES)[number];

// ── Formula ───────────────────────────────────────────────────────────────────────────────────────────────

export const formulaFilterValueSchema = z.union([codeText(z.string()), z.number(), z.boolean()]);

/** One side of `numerator / denominator × factor`: a counted metric, a fixed annual goal, or a manual capture. */
export const formulaTermSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('metric'),
    metric: codeText(z.string().min(1).max(100)),
    filters: z.record(codeText(z.string()), formulaFilterValueSchema),
  }),
  z.object({ kind: z.literal('constant'), value: z.number() }),
  z.object({ kind: z.literal('manual') }),
]);
export type FormulaTerm = z.infer<typeof formulaTermSchema>;

export const indicatorFormulaSchema = z.object({ numerator: formulaTermSchema, denominator: formulaTermSchema });
export type IndicatorFormula = z.infer<typeof indicatorFormulaSchema>;

export const quarterTargetsSchema = z.object({
  q1: z.number().nullable(),
  q2: z.number().nullable(),
  q3: z.number().nullable(),
  q4: z.number().nullable(),
});
export type QuarterTargets = z.infer<typeof quarterTargetsSchema>;

// ── Plan ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A development plan travels whole (period, axes, objectives): a consumer keeps its copy from the latest event. */
export const planSnapshotSchema = z.object({
  planId: z.uuid(),
  name: staffText(z.string().min(1).max(200)),
  startYear: z.int().min(2000).max(2100),
  endYear: z.int().min(2000).max(2100),
  axes: z.array(
    z.object({
      axisId: z.uuid(),
      number: z.int().positive(),
      name: staffText(z.string().min(1)),
      objectives: z.array(z.object({ objectiveId: z.uuid(), code: codeText(z.string().min(1).max(20)), name: staffText(z.string().min(1)) })),
    }),
  ),
  version: z.int().positive(),
});
export type PlanSnapshot = z.infer<typeof planSnapshotSchema>;

const planExample: PlanSnapshot = {
  planId: '5a1e0c7d-3b2f-4e6a-9c8d-7f6e5d4c3b2a',
  name: 'PMD 2025-2027',
  startYear: 2025,
  endYear: 2027,
  axes: [
    {
      axisId: '7c2d1e5f-3a90-4b7e-8c55-2f6a4d8e9a41',
      number: 2,
      name: 'Gobernabilidad democrática',
      objectives: [{ objectiveId: '9e7f1a2b-3c4d-4e6f-8d0f-5c3e2b1a4c8d', code: '2.6', name: 'Gobierno innovador y tecnológico' }],
    },
  ],
  version: 3,
};

export const PlanCreated = defineEvent({
  type: 'tequio.catalog.plan.created',
  topic: Topic.CatalogPlanV1,
  summary: 'A development plan (Plan Municipal de Desarrollo) was registered for a period of years.',
  data: planSnapshotSchema,
  example: { ...planExample, axes: [], version: 1 },
});

export const PlanUpdated = defineEvent({
  type: 'tequio.catalog.plan.updated',
  topic: Topic.CatalogPlanV1,
  summary: 'A development plan, one of its axes (Ejes) or objectives (Objetivos) changed; the data is the whole new plan.',
  data: planSnapshotSchema,
  example: planExample,
});

export const PlanDeleted = defineEvent({
  type: 'tequio.catalog.plan.deleted',
  topic: Topic.CatalogPlanV1,
  summary: 'A development plan was removed (it had no objective aligned to a program); the data is its last snapshot.',
  data: planSnapshotSchema,
  example: { ...planExample, axes: [], version: 4 },
});

// ── Program ───────────────────────────────────────────────────────────────────────────────────────────────

export const programSnapshotSchema = z.object({
  programId: z.uuid(),
  year: z.int().min(2000).max(2100),
  code: codeText(z.string().min(1).max(20)),
  name: staffText(z.string().min(1).max(300)),
  /** `08 - Gobierno innovador y tecnológico`, as reports print it. */
  label: staffText(z.string().min(1)),
  ownerUnitId: z.uuid(),
  ownerUnitCode: codeText(z.string().min(1).max(20)),
  objectiveIds: z.array(z.uuid()),
  version: z.int().positive(),
});
export type ProgramSnapshot = z.infer<typeof programSnapshotSchema>;

const programExample: ProgramSnapshot = {
  programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  year: 2025,
  code: '08',
  name: 'Gobierno innovador y tecnológico',
  label: '08 - Gobierno innovador y tecnológico',
  ownerUnitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  ownerUnitCode: '402',
  objectiveIds: ['9e7f1a2b-3c4d-4e6f-8d0f-5c3e2b1a4c8d'],
  version: 1,
};

export const ProgramCreated = defineEvent({
  type: 'tequio.catalog.program.created',
  topic: Topic.CatalogProgramV1,
  summary: 'A budget program (Programa Presupuestario) was registered for a year, owned by a unit.',
  data: programSnapshotSchema,
  example: programExample,
});

export const ProgramUpdated = defineEvent({
  type: 'tequio.catalog.program.updated',
  topic: Topic.CatalogProgramV1,
  summary: 'A budget program changed its code, name, owner unit or aligned plan objectives; the data is the new snapshot.',
  data: programSnapshotSchema,
  example: { ...programExample, name: 'Gobierno innovador, abierto y tecnológico', label: '08 - Gobierno innovador, abierto y tecnológico', version: 2 },
});

export const ProgramDeleted = defineEvent({
  type: 'tequio.catalog.program.deleted',
  topic: Topic.CatalogProgramV1,
  summary: 'A budget program without indicators was removed; the data is its last snapshot.',
  data: programSnapshotSchema,
  example: { ...programExample, version: 2 },
});

// ── Indicator ─────────────────────────────────────────────────────────────────────────────────────────────

/** The full definition of a MIR indicator, enough for reporting to compute and print it. No personal data. */
export const indicatorDefinitionSchema = z.object({
  indicatorId: z.uuid(),
  programId: z.uuid(),
  year: z.int().min(2000).max(2100),
  level: z.enum(INDICATOR_LEVELS),
  componentNumber: z.int().positive().nullable(),
  activityNumber: z.int().positive().nullable(),
  /** The component an activity belongs to. */
  parentId: z.uuid().nullable(),
  /** `Fin`, `Propósito`, `Componente 1`, `Actividad 1.2`. */
  levelLabel: staffText(z.string().min(1)),
  name: staffText(z.string().min(1)),
  definition: staffText(z.string().min(1)),
  calculationMethod: staffText(z.string().min(1)),
  unitOfMeasure: staffText(z.string().min(1)),
  type: z.enum(INDICATOR_TYPES),
  dimension: z.enum(INDICATOR_DIMENSIONS),
  frequency: z.enum(MEASUREMENT_FREQUENCIES),
  direction: z.enum(INDICATOR_DIRECTIONS),
  baseline: z.object({ value: z.number(), year: z.int() }).nullable(),
  accumulation: z.enum(ACCUMULATION_TYPES),
  factor: z.number().positive(),
  meansOfVerification: staffText(z.string()).nullable(),
  responsibleUnitId: z.uuid(),
  responsibleUnitCode: codeText(z.string().min(1).max(20)),
  targets: quarterTargetsSchema,
  formula: indicatorFormulaSchema,
  version: z.int().positive(),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;

const indicatorExample: IndicatorDefinition = {
  indicatorId: '2b1a4c8d-9e7f-4a2b-8c4d-1e2f3a4b5c6d',
  programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
  year: 2025,
  level: 'actividad',
  componentNumber: 1,
  activityNumber: 2,
  parentId: '4c8d9e7f-1a2b-4c3d-8e5f-6a7b8c9d0e1f',
  levelLabel: 'Actividad 1.2',
  name: 'Porcentaje de solicitudes escritas atendidas',
  definition: 'Mide el porcentaje de solicitudes escritas que requieren respuesta y fueron atendidas',
  calculationMethod: '(número de solicitudes atendidas / número de solicitudes recibidas que requieren respuesta) * 100',
  unitOfMeasure: 'Porcentaje',
  type: 'gestion',
  dimension: 'eficacia',
  frequency: 'trimestral',
  direction: 'ascendente',
  baseline: { value: 0, year: 2024 },
  accumulation: 'flow',
  factor: 100,
  meansOfVerification: 'Registro de correspondencia de la Oficialía de Partes',
  responsibleUnitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
  responsibleUnitCode: '402',
  targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
  formula: {
    numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { requiresResponse: true, unit: '402' } },
    denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { requiresResponse: true, unit: '402' } },
  },
  version: 1,
};

export const IndicatorCreated = defineEvent({
  type: 'tequio.catalog.indicator.created',
  topic: Topic.CatalogIndicatorV1,
  summary: 'A MIR indicator was defined for a program and year; the data is its full definition, formula and targets.',
  data: indicatorDefinitionSchema,
  example: indicatorExample,
});

export const IndicatorUpdated = defineEvent({
  type: 'tequio.catalog.indicator.updated',
  topic: Topic.CatalogIndicatorV1,
  summary: 'A MIR indicator changed its definition or formula; the data is the new full definition.',
  data: indicatorDefinitionSchema,
  example: { ...indicatorExample, meansOfVerification: 'Libro de gobierno de la Oficialía de Partes', version: 2 },
});

export const IndicatorTargetsChanged = defineEvent({
  type: 'tequio.catalog.indicator.targets-changed',
  topic: Topic.CatalogIndicatorV1,
  summary: 'The quarterly targets (valores programados) of a MIR indicator changed; the data is the new full definition and the previous targets.',
  data: indicatorDefinitionSchema.extend({ previousTargets: quarterTargetsSchema }),
  example: { ...indicatorExample, targets: { q1: 25, q2: 25, q3: 30, q4: 20 }, previousTargets: indicatorExample.targets, version: 3 },
});

export const IndicatorDeleted = defineEvent({
  type: 'tequio.catalog.indicator.deleted',
  topic: Topic.CatalogIndicatorV1,
  summary: 'A MIR indicator was removed from its program; the data is its last full definition.',
  data: indicatorDefinitionSchema,
  example: { ...indicatorExample, version: 3 },
});

export const CATALOG_MIR_EVENTS = [
  PlanCreated,
  PlanUpdated,
  PlanDeleted,
  ProgramCreated,
  ProgramUpdated,
  ProgramDeleted,
  IndicatorCreated,
  IndicatorUpdated,
  IndicatorTargetsChanged,
  IndicatorDeleted,
] as const;
