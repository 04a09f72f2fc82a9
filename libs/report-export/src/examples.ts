import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_LABELS,
  ActivityCategory,
  HEARING_OUTCOME_LABELS,
  HEARING_OUTCOMES,
  HearingOutcome,
  SemaphoreChanged,
} from '@tequio/contracts';
import type { MirLevel, MirRow, PlanningView, Quarter, QuarterlyReportDocument, Semaforo, SemaforoScale } from './model';

/*
 * Example documents: OpenAPI examples for the download endpoints, fixtures for tests and the
 * benchmark. The figures follow a municipality's real quarterly reports (unit 402's third quarter
 * of 2025: 434 agenda activities by category, 198 hearings by outcome, 1,010 documents turned);
 * names of people are invented.
 */

/** The platform's default semáforo, as catalog publishes it. */
export const EXAMPLE_SEMAFORO: SemaforoScale = {
  decimals: SemaphoreChanged.example.decimals,
  isDefault: true,
  bands: SemaphoreChanged.example.bands,
};

type Four = [number | null, number | null, number | null, number | null];

export interface ExampleMirRowInput {
  code: string;
  level: MirLevel;
  name: string;
  methodOfCalculation: string;
  unitOfMeasure?: string;
  frequency?: MirRow['frequency'];
  meansOfVerification: string;
  programmed: Four;
  achieved: Four;
}

const round = (value: number) => Math.round(value * 100) / 100;
const sumTo = (values: Four, quarter: Quarter) => {
  const known = values.slice(0, quarter).filter((value): value is number => value !== null);
  return known.length === 0 ? null : round(known.reduce((sum, value) => sum + value, 0));
};
const difference = (achieved: number | null, programmed: number | null) =>
  achieved === null || programmed === null ? null : round(achieved - programmed);
const ratio = (part: number | null, whole: number | null) =>
  part === null || whole === null || whole === 0 ? null : round((part / whole) * 100);

function semaforoOf(compliance: number | null): Semaforo {
  if (compliance === null) return { colour: 'n/a', band: null };
  const shown = Number(compliance.toFixed(EXAMPLE_SEMAFORO.decimals));
  const band = EXAMPLE_SEMAFORO.bands.find(
    (candidate) =>
      (candidate.minInclusive ? shown >= candidate.min : shown > candidate.min) &&
      (candidate.max === null || (candidate.maxInclusive ? shown <= candidate.max : shown < candidate.max)),
  );
  return band === undefined ? { colour: 'n/a', band: null } : { colour: band.color, band };
}

/** A MIR row with its derived figures computed the way reporting does (ascending indicators). */
export function exampleMirRow(input: ExampleMirRowInput, quarter: Quarter): MirRow {
  const programmedCumulative = sumTo(input.programmed, quarter);
  const achievedCumulative = sumTo(input.achieved, quarter);
  const annualTarget = sumTo(input.programmed, 4);
  const programmedQuarter = input.programmed[quarter - 1];
  const achievedQuarter = input.achieved[quarter - 1];
  const compliance = ratio(achievedCumulative, programmedCumulative);
  const row: MirRow = {
    code: input.code,
    level: input.level,
    name: input.name,
    methodOfCalculation: input.methodOfCalculation,
    unitOfMeasure: input.unitOfMeasure ?? 'Porcentaje',
    frequency: input.frequency ?? 'trimestral',
    direction: 'ascendente',
    programmed: { quarters: input.programmed, cumulative: programmedCumulative },
    achieved: { quarters: input.achieved, cumulative: achievedCumulative },
    variance: {
      quarter: {
        absolute: difference(achievedQuarter, programmedQuarter),
        relative: ratio(difference(achievedQuarter, programmedQuarter), programmedQuarter),
      },
      cumulative: {
        absolute: difference(achievedCumulative, programmedCumulative),
        relative: ratio(difference(achievedCumulative, programmedCumulative), programmedCumulative),
      },
    },
    compliance,
    annualProgress: ratio(achievedCumulative, annualTarget),
    semaforo: semaforoOf(compliance),
    meansOfVerification: input.meansOfVerification,
  };
  const reasons: MirRow['notApplicable'] = {};
  if (compliance === null) reasons.compliance = 'sin meta programada al trimestre';
  if (row.annualProgress === null) reasons.annualProgress = 'sin meta anual programada';
  if (Object.keys(reasons).length > 0) row.notApplicable = reasons;
  return row;
}

const ACTIVITIES_402_Q3_2025: Record<ActivityCategory, number> = {
  reunion_gobierno_federal: 7,
  reunion_gobernador: 12,
  reunion_entes_estatales: 57,
  mesa_seguridad: 17,
  sesion_cabildo: 15,
  sesion_gabinete: 12,
  rueda_prensa: 11,
  recorrido: 17,
  reunion_vecinos: 61,
  tequio_vecinal: 21,
  dialogo_vecinal: 5,
  firma_convenio: 11,
  evento_invitado: 31,
  evento_camaras_asociaciones: 9,
  evento_gobierno: 57,
  reunion_trabajo_municipal: 91,
};

const HEARINGS_402_Q3_2025: Partial<Record<HearingOutcome, number>> = { dialogo_vecinal: 135, presidente: 24, en_proceso: 39 };

const quarter: Quarter = 3;

/** Unit 402's report of the third quarter of 2025, approved. */
export const EXAMPLE_QUARTERLY_REPORT: QuarterlyReportDocument = {
  header: {
    municipality: 'Oaxaca de Juárez',
    unit: { code: '402', name: 'Secretaría Particular' },
    program: { code: '08', name: 'Gobierno innovador y tecnológico' },
    year: 2025,
    quarter,
    plan: {
      name: 'Plan Municipal de Desarrollo 2025–2027',
      axis: { code: '2', name: 'Gobierno de territorio, honesto y transparente' },
      objectives: [{ code: '2.6', name: 'Planeación participativa y democrática para mejorar el desempeño del gobierno municipal' }],
    },
    status: 'aprobado',
    approvedOn: '2025-10-15',
  },
  semaforo: EXAMPLE_SEMAFORO,
  mir: [
    exampleMirRow(
      {
        code: 'C7',
        level: 'componente',
        name: 'Solicitudes ciudadanas de trámites y servicios con folio, turnadas por oficio y atendidas',
        methodOfCalculation: '(solicitudes atendidas / solicitudes recibidas) × 100',
        meansOfVerification: 'Sistema de control de correspondencia',
        programmed: [25, 25, 25, 25],
        achieved: [24, 25, 25, null],
      },
      quarter,
    ),
    exampleMirRow(
      {
        code: 'A7.1',
        level: 'actividad',
        name: 'Cumplimiento en la atención de solicitudes de trámites y servicios',
        methodOfCalculation: '(oficios con respuesta o designación / oficios turnados) × 100',
        meansOfVerification: 'Acuses de oficios turnados',
        frequency: 'mensual',
        programmed: [25, 25, 25, 25],
        achieved: [20, 22, 26, null],
      },
      quarter,
    ),
    exampleMirRow(
      {
        code: 'A7.2',
        level: 'actividad',
        name: 'Cumplimiento en la atención de solicitudes de audiencia',
        methodOfCalculation: '(audiencias atendidas / audiencias solicitadas) × 100',
        meansOfVerification: 'Registro de audiencias',
        frequency: 'mensual',
        programmed: [25, 25, 25, 25],
        achieved: [15, 16, 23, null],
      },
      quarter,
    ),
  ],
  breakdowns: [
    {
      title: 'Actividades agendadas por categoría',
      metric: 'agenda.activities',
      dimension: 'category',
      rows: ACTIVITY_CATEGORIES.map((category) => ({ label: ACTIVITY_CATEGORY_LABELS[category], value: ACTIVITIES_402_Q3_2025[category] })),
      chart: 'bar',
      total: 434,
      partsAddUp: true,
    },
    {
      title: 'Oficios turnados por seguimiento',
      metric: 'correspondence.documents_turned',
      dimension: 'outcome',
      rows: [
        { label: 'Con respuesta del área', value: 100 },
        { label: 'Designaciones de representación', value: 294 },
        { label: 'Sin respuesta registrada', value: 616 },
      ],
      chart: 'pie',
      total: 1010,
      partsAddUp: true,
    },
    {
      title: 'Audiencias por resultado',
      metric: 'agenda.hearings',
      dimension: 'outcome',
      rows: HEARING_OUTCOMES.filter((outcome) => HEARINGS_402_Q3_2025[outcome] !== undefined).map((outcome) => ({
        label: HEARING_OUTCOME_LABELS[outcome],
        value: HEARINGS_402_Q3_2025[outcome] ?? 0,
      })),
      chart: 'pie',
      total: 198,
      partsAddUp: true,
    },
  ],
  dataQuality: [
    {
      code: 'designaciones_sin_respuesta',
      message: '294 oficios son designaciones de representación que no requieren respuesta; se cuentan aparte de los 100 respondidos.',
      indicatorCode: 'A7.1',
    },
  ],
  signatures: [
    { role: 'elaboro', name: 'Lic. Marisol Gutiérrez Ávila', post: 'Jefa del Departamento de Atención Vecinal', date: '2025-10-08' },
    { role: 'valido', name: 'Ing. Tomás Núñez Ruiz', post: 'Secretario Particular', date: '2025-10-10' },
    { role: 'vobo', name: 'Mtra. Sofía Ibáñez León', post: 'Directora de Planeación', date: '2025-10-15' },
  ],
};

/** Planning's view of `rows` indicators across units, with every shape of row (n/a, no previous year). */
export function examplePlanningView(rows: number): PlanningView {
  const colours = ['verde', 'amarillo', 'rojo', 'n/a'] as const;
  return {
    municipality: 'Oaxaca de Juárez',
    year: 2025,
    quarter: 3,
    semaforo: EXAMPLE_SEMAFORO,
    generatedAt: '2025-10-20T15:30:00.000Z',
    rows: Array.from({ length: rows }, (_, index) => {
      const colour = colours[index % colours.length];
      const programmed = 20 + (index % 7);
      const achieved = colour === 'n/a' ? null : programmed - (index % 5);
      return {
        unit: { code: String(100 + (index % 40)), name: `Unidad ${100 + (index % 40)} de Atención Ciudadana` },
        program: { code: String(1 + (index % 12)).padStart(2, '0'), name: `Programa ${1 + (index % 12)}` },
        indicator: { code: `A${Math.floor(index / 10) + 1}.${(index % 10) + 1}`, name: `Indicador ${index + 1}: acciones realizadas, "en tiempo"` },
        level: 'actividad' as const,
        quarter: { programmed, achieved, compliance: achieved === null ? null : Math.round((achieved / programmed) * 10000) / 100 },
        semaforo: { colour, band: EXAMPLE_SEMAFORO.bands.find((band) => band.color === colour) ?? null },
        previousYear: index % 3 === 0 ? null : { achieved: programmed - 1, compliance: 95 },
      };
    }),
  };
}
