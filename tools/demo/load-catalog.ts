/*
 * The demo's catalog: the municipality, its units, its development plans, the programs of the four units and
 * their MIR indicators (the 2023 MIR of unit 304 through the MIR import; metric-bound indicators for the others).
 */
import { ApiClient } from './api-client';
import municipality from './data/municipality.json';
import mir304 from './data/mir-304-2023.json';
import { Progress } from './progress';

interface Named {
  id: string;
}
interface Unit extends Named {
  code: string;
}
interface Program extends Named {
  code: string;
  year: number;
}
interface Indicator extends Named {
  name: string;
  levelLabel: string;
}

export interface DemoCatalog {
  unitCodes: string[];
  /** The 30 dependencies and paramunicipal entities that attend cabinet and send weekly agendas. */
  dependencyCodes: string[];
  /** Program ids by `year/code`. */
  programs: Record<string, string>;
  /** The indicators of program 04 (2023) by level label, for the manual captures. */
  mir304: Record<string, string>;
}

export const dependencyCodes = (): string[] =>
  Array.from({ length: municipality.dependencies.count }, (_, i) => `${municipality.dependencies.prefix}${String(i + 1).padStart(2, '0')}`);

const MIR_HEADERS = [
  'Nivel', 'Nombre', 'Definición', 'Método de cálculo', 'Unidad de medida', 'Tipo', 'Dimensión', 'Frecuencia', 'Sentido',
  'Línea base valor', 'Línea base año', 'Programado 1er trimestre', 'Programado 2do trimestre', 'Programado 3er trimestre',
  'Programado 4to trimestre', 'Programado acumulado', 'Medios de verificación',
];

/** The MIR of program 04 as the CSV planning would upload (texts are the demo's own). */
export function mir304Csv(): string {
  const rows = mir304.rows.map(({ level, targets }) => [
    level,
    `Porcentaje de acciones del nivel ${level}`,
    `Mide el avance de las acciones del nivel ${level} del programa de participación`,
    '(acciones realizadas / acciones programadas) * 100',
    'Porcentaje',
    level.startsWith('Actividad') ? 'De gestión' : 'Estratégico',
    'Eficacia',
    'Trimestral',
    'Ascendente',
    '0%',
    '2022',
    ...targets.map((t) => `${t}%`),
    '1',
    `Informe trimestral, nivel ${level}`,
  ]);
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [MIR_HEADERS, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

const indicatorTexts = {
  unitOfMeasure: 'Porcentaje',
  type: 'estrategico',
  dimension: 'eficacia',
  frequency: 'trimestral',
  direction: 'ascendente',
  accumulation: 'flow',
};

/** Indicators bound to the registry's metrics: reporting computes their achieved values from the records. */
function metricIndicators(): Record<string, object[]> {
  return {
    '2025/08': [
      {
        ...indicatorTexts,
        level: 'componente',
        componentNumber: 7,
        name: 'Porcentaje de solicitudes escritas turnadas por oficio y atendidas',
        definition: 'Solicitudes escritas que requieren respuesta, registradas con folio, turnadas por oficio y atendidas por el área',
        calculationMethod: '(solicitudes atendidas / solicitudes recibidas que requieren respuesta) * 100',
        baseline: { value: 0, year: 2024 },
        meansOfVerification: 'Registro de la Oficialía de Partes de la Secretaría Particular',
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        formula: {
          // An answer counts for the unit it was turned to (the open dimension: the top receivers).
          numerator: { kind: 'metric', metric: 'correspondence.documents.answered', filters: { requiresResponse: true } },
          denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { requiresResponse: true, unit: '402' } },
        },
      },
      {
        ...indicatorTexts,
        level: 'actividad',
        componentNumber: 7,
        activityNumber: 2,
        name: 'Porcentaje de documentos recibidos turnados por oficio',
        definition: 'Documentos recibidos en la Oficialía de Partes turnados por oficio al área competente, con o sin respuesta requerida',
        calculationMethod: '(documentos turnados / documentos recibidos) * 100',
        baseline: { value: 0, year: 2024 },
        meansOfVerification: 'Oficios de turno de la Oficialía de Partes',
        targets: { q1: 100, q2: 100, q3: 100, q4: 100 },
        formula: {
          numerator: { kind: 'metric', metric: 'correspondence.documents.turned', filters: {} },
          denominator: { kind: 'metric', metric: 'correspondence.documents.received', filters: { unit: '402' } },
        },
      },
      {
        ...indicatorTexts,
        level: 'actividad',
        componentNumber: 7,
        activityNumber: 1,
        name: 'Porcentaje de solicitudes de audiencia atendidas',
        definition: 'Solicitudes de audiencia con el Presidente atendidas por él o en Diálogo Vecinal',
        calculationMethod: '(audiencias atendidas / audiencias solicitadas) * 100',
        baseline: { value: 0, year: 2024 },
        meansOfVerification: 'Registro de audiencias de la Secretaría Particular',
        targets: { q1: 70, q2: 70, q3: 70, q4: 70 },
        formula: {
          numerator: { kind: 'metric', metric: 'correspondence.hearings.attended', filters: { unit: '402' } },
          denominator: { kind: 'metric', metric: 'correspondence.hearings.received', filters: { unit: '402' } },
        },
      },
    ],
    '2025/01': [
      {
        ...indicatorTexts,
        level: 'componente',
        componentNumber: 3,
        name: 'Porcentaje de reuniones de gabinete celebradas',
        definition: 'Reuniones semanales de gabinete celebradas con minuta respecto de las programadas en el año',
        calculationMethod: '(reuniones celebradas / 52) * 100',
        baseline: { value: 0, year: 2024 },
        meansOfVerification: 'Minutas de las reuniones de gabinete',
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        formula: { numerator: { kind: 'metric', metric: 'agenda.cabinet_meetings.held', filters: {} }, denominator: { kind: 'constant', value: 52 } },
      },
      {
        ...indicatorTexts,
        level: 'actividad',
        componentNumber: 3,
        activityNumber: 1,
        name: 'Porcentaje de agendas semanales entregadas por el gabinete',
        definition: 'Agendas semanales recibidas de las dependencias respecto de las que debían entregar',
        calculationMethod: '(agendas recibidas / agendas esperadas) * 100',
        baseline: { value: 0, year: 2024 },
        meansOfVerification: 'Registro de agendas semanales de la Jefatura de la Oficina de la Presidencia',
        targets: { q1: 90, q2: 90, q3: 90, q4: 90 },
        formula: {
          numerator: { kind: 'metric', metric: 'agenda.weekly_submissions.received', filters: {} },
          denominator: { kind: 'metric', metric: 'agenda.weekly_submissions.expected', filters: {} },
        },
      },
    ],
    '2024/26': [
      {
        ...indicatorTexts,
        level: 'componente',
        componentNumber: 1,
        name: 'Porcentaje de solicitudes de acceso a la información respondidas',
        definition: 'Solicitudes de acceso a la información y derechos ARCO respondidas respecto de las recibidas',
        calculationMethod: '(solicitudes respondidas / solicitudes recibidas) * 100',
        baseline: { value: 0, year: 2023 },
        meansOfVerification: 'Plataforma Nacional de Transparencia (SISAI 2.0)',
        targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
        formula: {
          numerator: { kind: 'metric', metric: 'transparency.requests.answered', filters: {} },
          denominator: { kind: 'metric', metric: 'transparency.requests.received', filters: {} },
        },
      },
    ],
  };
}

export async function loadCatalog(
  catalog: ApiClient,
  progress: Progress,
  say: (line: string) => void,
  registered: { id: string; name: string; state: string; inegiCode: string } = municipality.municipality,
): Promise<DemoCatalog> {
  say('Catálogo: municipio, unidades, plan, programas e indicadores');
  const { id, ...fields } = registered;
  const known = await catalog.request('GET', `/municipalities/${id}`);
  await progress.ensure('municipio', known.status === 200 ? known.body : undefined, () => catalog.post('/municipalities', { id, ...fields }));

  const units = new Map((await catalog.all<Unit>('/units')).map((unit) => [unit.code, unit]));
  const dependencies = dependencyCodes();
  const wanted = [
    ...municipality.units,
    ...dependencies.map((code, i) => ({ code, name: `${municipality.dependencies.name} ${i + 1}`, kind: municipality.dependencies.kind, parent: '100' })),
  ];
  for (const { parent, ...unit } of wanted as Array<{ code: string; parent?: string } & Record<string, unknown>>) {
    const created = await progress.ensure('unidades', units.get(unit.code), () =>
      // The demo's records go back to 2023: its units must have been active then.
      catalog.post<Unit>('/units', { ...unit, activeFrom: municipality.unitsActiveFrom, ...(parent ? { parentId: units.get(parent)?.id } : {}) }),
    );
    units.set(unit.code, created);
  }

  const objectiveIds = new Map<string, string>();
  const plans = await catalog.all<Named & { name: string }>('/plans');
  for (const plan of municipality.plans) {
    const { axes, ...planFields } = plan;
    const stored = await progress.ensure('planes', plans.find((p) => p.name === plan.name), () => catalog.post<Named>('/plans', planFields));
    const storedAxes = await catalog.all<Named & { number: number }>('/plan-axes', { planId: stored.id });
    const storedObjectives = await catalog.all<Named & { code: string }>('/plan-objectives', { planId: stored.id });
    for (const { objectives, ...axis } of axes) {
      const storedAxis = await progress.ensure('ejes', storedAxes.find((a) => a.number === axis.number), () => catalog.post<Named>(`/plans/${stored.id}/axes`, axis));
      for (const objective of objectives) {
        const storedObjective = await progress.ensure('objetivos', storedObjectives.find((o) => o.code === objective.code), () =>
          catalog.post<Named>(`/plan-axes/${storedAxis.id}/objectives`, objective),
        );
        objectiveIds.set(`${plan.startYear}/${objective.code}`, storedObjective.id);
      }
    }
  }
  const objectiveFor = (year: number, code: string) =>
    [...objectiveIds.entries()].find(([key]) => key.endsWith(`/${code}`) && municipality.plans.some((p) => `${p.startYear}/${code}` === key && p.startYear <= year && year <= p.endYear))?.[1];

  const programs: Record<string, string> = {};
  const mirIds: Record<string, string> = {};
  for (const program of municipality.programs) {
    const existing = (await catalog.all<Program>('/programs', { year: program.year })).find((p) => p.code === program.code);
    const stored = await progress.ensure('programas', existing, () =>
      catalog.post<Program>('/programs', {
        year: program.year,
        code: program.code,
        name: program.name,
        ownerUnitId: units.get(program.owner)?.id,
        objectiveIds: program.objectives.map((code) => objectiveFor(program.year, code)).filter((x): x is string => x !== undefined),
      }),
    );
    const key = `${program.year}/${program.code}`;
    programs[key] = stored.id;
    let indicators = await catalog.all<Indicator>('/indicators', { programId: stored.id });
    if (program.mir) {
      if (indicators.length === 0) {
        const form = new FormData();
        form.append('file', new Blob([mir304Csv()], { type: 'text/csv' }), `mir-${program.code}-${program.year}.csv`);
        await catalog.post(`/programs/${stored.id}/mir-import`, form, { dryRun: false });
        indicators = await catalog.all<Indicator>('/indicators', { programId: stored.id });
        progress.tally['indicadores (importación MIR)'] = { created: indicators.length, existing: 0 };
      } else {
        progress.tally['indicadores (importación MIR)'] = { created: 0, existing: indicators.length };
      }
      for (const indicator of indicators) mirIds[indicator.levelLabel] = indicator.id;
    }
    for (const body of metricIndicators()[key] ?? []) {
      const name = (body as { name: string }).name;
      await progress.ensure('indicadores con fórmula', indicators.find((i) => i.name === name), () => catalog.post(`/programs/${stored.id}/indicators`, body));
    }
  }
  return { unitCodes: [...units.keys()], dependencyCodes: dependencies, programs, mir304: mirIds };
}
