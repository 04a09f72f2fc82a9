import { EXAMPLE_QUARTERLY_REPORT, EXAMPLE_SEMAFORO, exampleMirRow } from '../examples';
import type { QuarterlyReportDocument, QuarterlyReportDocument as Report } from '../model';

/*
 * Test fixtures shaped like the municipality's real reports: unit 402's third quarter of 2025 (the
 * exported example) and unit 304's MIR for the second quarter of 2023, with the programmed and
 * achieved figures of its six indicators. People's names are invented.
 */

export const REPORT_402_Q3_2025: QuarterlyReportDocument = EXAMPLE_QUARTERLY_REPORT;

const Q2 = 2 as const;
const verification = 'Informe trimestral de la dirección responsable';

export const REPORT_304_Q2_2023: QuarterlyReportDocument = {
  header: {
    municipality: 'Oaxaca de Juárez',
    unit: { code: '304', name: 'Secretaría de Gobierno' },
    program: { code: '04', name: 'Gobierno participativo' },
    year: 2023,
    quarter: Q2,
    plan: {
      name: 'Plan Municipal de Desarrollo 2022–2024',
      axis: { code: '2', name: 'Gobernabilidad democrática' },
      objectives: [
        { code: '2.1', name: 'Mecanismos institucionales de participación ciudadana' },
        { code: '2.2', name: 'Confianza ciudadana en las acciones de gobierno' },
        { code: '2.4', name: 'Resolución pacífica de conflictos con organizaciones sociales' },
        { code: '2.5', name: 'Coordinación con autoridades estatales y federales' },
      ],
    },
    status: 'aprobado',
    approvedOn: '2023-07-14',
  },
  semaforo: EXAMPLE_SEMAFORO,
  mir: [
    exampleMirRow({ code: 'F', level: 'fin', name: 'Instrumentos de participación ciudadana implementados', methodOfCalculation: '(instrumentos implementados / instrumentos programados) × 100', frequency: 'anual', meansOfVerification: 'Informe trimestral, programa 4, Fin', programmed: [25, 25, 25, 25], achieved: [25, 25, null, null] }, Q2),
    exampleMirRow({ code: 'P', level: 'proposito', name: 'Participantes en convocatorias públicas registradas', methodOfCalculation: '(participantes registrados / participantes previstos) × 100', frequency: 'anual', meansOfVerification: 'Informe trimestral, programa 4, Propósito', programmed: [25, 25, 25, 25], achieved: [25, 30, null, null] }, Q2),
    exampleMirRow({ code: 'C1', level: 'componente', name: 'Instrumentos normativos de participación ciudadana realizados', methodOfCalculation: '(instrumentos realizados / instrumentos programados) × 100', meansOfVerification: 'Informe trimestral, programa 4, Componente 1', programmed: [23, 28, 29, 20], achieved: [23, 21, null, null] }, Q2),
    exampleMirRow({ code: 'A1.4', level: 'actividad', name: 'Acciones de promoción del diálogo para resolver conflictos', methodOfCalculation: '(acciones realizadas / acciones programadas) × 100', frequency: 'mensual', meansOfVerification: verification, programmed: [25, 25, 25, 25], achieved: [25, 10, null, null] }, Q2),
    exampleMirRow({ code: 'A1.7', level: 'actividad', name: 'Acciones para el protocolo de actuación, "fase 1", realizadas', methodOfCalculation: '(acciones realizadas / acciones programadas) × 100', frequency: 'mensual', meansOfVerification: verification, programmed: [25, 25, 25, 25], achieved: [25, 33, null, null] }, Q2),
    exampleMirRow({ code: 'A1.8', level: 'actividad', name: 'Proyectos estratégicos y de mejora ejecutados', methodOfCalculation: '(proyectos ejecutados / proyectos programados) × 100', frequency: 'mensual', meansOfVerification: verification, programmed: [19, 35, 37, 9], achieved: [19, 31, null, null] }, Q2),
    exampleMirRow({ code: 'A1.9', level: 'actividad', name: 'Mesas de diálogo sin meta programada', methodOfCalculation: 'mesas instaladas', unitOfMeasure: 'Mesa', frequency: 'trimestral', meansOfVerification: verification, programmed: [null, null, null, null], achieved: [2, 3, null, null] }, Q2),
  ],
  breakdowns: [
    {
      title: 'Acciones de diálogo por mes',
      metric: 'catalog.manual_capture',
      dimension: 'month',
      rows: [
        { label: 'Abril', value: 4 },
        { label: 'Mayo', value: 3 },
        { label: 'Junio', value: 3 },
      ],
      chart: 'bar',
      total: 11,
      partsAddUp: false,
    },
  ],
  dataQuality: [
    { code: 'variacion_capturada_incorrecta', message: 'La variación acumulada capturada (-49) no es alcanzado − programado; el informe muestra la calculada (0).', indicatorCode: 'F' },
    { code: 'partes_no_suman', message: 'Las acciones de diálogo por mes suman 10 y el total capturado es 11.' },
  ],
  signatures: [
    { role: 'elaboro', name: 'C. Rubén Ordóñez Peña', post: 'Enlace de Planeación', date: '2023-07-10' },
    { role: 'valido', name: 'Lic. Ximena Aragón Cruz', post: 'Secretaria de Gobierno', date: '2023-07-12' },
    { role: 'vobo', name: 'Mtro. Julián Méndez Sáenz', post: 'Director de Planeación Municipal', date: '2023-07-14' },
  ],
};

/** The same report before approval: no approval date, no signature dates. */
export function asDraft(report: Report): Report {
  return {
    ...report,
    header: { ...report.header, status: 'elaborado', approvedOn: null },
    signatures: report.signatures.map((signature) => ({ ...signature, date: null })),
  };
}

export { examplePlanningView as planningViewOf } from '../examples';
