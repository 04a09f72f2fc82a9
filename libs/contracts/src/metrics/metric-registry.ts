import { MetricService } from '../events/catalog-mir';
import { ACTIVITY_CATEGORIES, ATTENDEE_SEXES, HEARING_OUTCOMES, REQUESTER_CATEGORIES } from '../vocabulary';

/**
 * A dimension an indicator formula may filter a metric by. `unit` values are unit codes (e.g. "402");
 * every other dimension is a closed set, so a typo in a formula filter is refused instead of counting zero.
 */
export type MetricDimension =
  | { name: string; type: 'unit'; description: string }
  | { name: string; type: 'enum'; values: readonly string[]; description: string }
  | { name: string; type: 'boolean'; description: string }
  | { name: string; type: 'integer'; min: number; max: number; description: string };

export interface MetricDefinition {
  /** `<service>.<thing>.<what happened>`, e.g. `correspondence.documents.turned`. */
  name: string;
  service: MetricService;
  /** Spanish: planning staff read it when they bind an indicator formula to the metric. */
  description: string;
  dimensions: readonly MetricDimension[];
}

const unit: MetricDimension = { name: 'unit', type: 'unit', description: 'Clave de la unidad responsable, p. ej. "402"' };
const requesterCategory: MetricDimension = {
  name: 'requesterCategory',
  type: 'enum',
  values: REQUESTER_CATEGORIES,
  description: 'Categoría de quien solicita (Hombre, Mujer, N/I, Grupo)',
};
const requiresResponse: MetricDimension = {
  name: 'requiresResponse',
  type: 'boolean',
  description: 'false para designaciones de representación, que no requieren respuesta',
};
const hearingOutcome: MetricDimension = {
  name: 'outcome',
  type: 'enum',
  values: HEARING_OUTCOMES,
  description: 'Resultado de la audiencia (Diálogo Vecinal, Presidente, canalizada, en proceso)',
};
const requestType: MetricDimension = {
  name: 'requestType',
  type: 'enum',
  values: ['informacion', 'arco'],
  description: 'Acceso a la información o derechos ARCO',
};
const sex: MetricDimension = { name: 'sex', type: 'enum', values: ATTENDEE_SEXES, description: 'Sexo de las personas asistentes' };
const month: MetricDimension = { name: 'month', type: 'integer', min: 1, max: 12, description: 'Mes del año (1 = enero … 12 = diciembre)' };
const procedure: MetricDimension = {
  name: 'procedure',
  type: 'enum',
  values: ['solicitud', 'recurso_revision'],
  description: 'Trámite que origina el oficio: solicitud de acceso a la información o ARCO, o recurso de revisión',
};

/**
 * The metric registry: what the producing services count from their records, and the dimensions an indicator
 * formula may filter by. It is the contract between producers and reporting: each producer declares, beside its
 * event definitions, how its events count toward these metrics (see `metric-mapping.ts`); catalog serves this list
 * read-only and checks formulas against it; reporting stores facts per metric, day, unit and dimensions.
 */
export const METRIC_REGISTRY: readonly MetricDefinition[] = [
  // Agenda del Presidente, Oficina de la Presidencia.
  {
    name: 'agenda.activities.held',
    service: 'agenda',
    description: 'Actividades de la agenda del Presidente realizadas',
    dimensions: [unit, { name: 'category', type: 'enum', values: ACTIVITY_CATEGORIES, description: 'Categoría de la actividad (p. ej. Diálogos vecinales)' }],
  },
  { name: 'agenda.cabinet_meetings.held', service: 'agenda', description: 'Reuniones de gabinete celebradas (con minuta)', dimensions: [] },
  {
    name: 'agenda.cabinet_attendances.recorded',
    service: 'agenda',
    description: 'Asistencias de dependencias y entidades paramunicipales a reuniones de gabinete, según la lista de asistencia (una por dependencia y reunión)',
    dimensions: [unit],
  },
  {
    name: 'agenda.weekly_submissions.received',
    service: 'agenda',
    description: 'Agendas semanales recibidas de las dependencias',
    dimensions: [unit, { name: 'onTime', type: 'boolean', description: 'Entregada en plazo' }],
  },
  {
    name: 'agenda.weekly_submissions.expected',
    service: 'agenda',
    description: 'Agendas semanales que las dependencias deben entregar (una por dependencia y semana), para saber quién falta',
    dimensions: [unit],
  },
  {
    name: 'agenda.alliances.signed',
    service: 'agenda',
    description: 'Alianzas intergubernamentales e interinstitucionales formalizadas (con municipios vecinos, instituciones y organizaciones)',
    dimensions: [unit],
  },
  { name: 'agenda.twinnings.signed', service: 'agenda', description: 'Hermanamientos formalizados con otras ciudades', dimensions: [unit] },
  // Oficialía de Partes y audiencias, Secretaría Particular.
  { name: 'correspondence.documents.received', service: 'correspondence', description: 'Documentos recibidos en la Oficialía de Partes', dimensions: [unit, requiresResponse] },
  { name: 'correspondence.documents.turned', service: 'correspondence', description: 'Documentos turnados por oficio al área competente', dimensions: [unit, requiresResponse] },
  { name: 'correspondence.documents.answered', service: 'correspondence', description: 'Documentos con respuesta recibida', dimensions: [unit, requiresResponse] },
  { name: 'correspondence.hearings.received', service: 'correspondence', description: 'Solicitudes de audiencia recibidas', dimensions: [unit, hearingOutcome, requesterCategory] },
  { name: 'correspondence.hearings.attended', service: 'correspondence', description: 'Solicitudes de audiencia atendidas', dimensions: [unit, hearingOutcome, requesterCategory] },
  // Unidad de Transparencia.
  {
    name: 'transparency.requests.received',
    service: 'transparency',
    description: 'Solicitudes de acceso a la información y derechos ARCO recibidas',
    dimensions: [unit, requestType, requesterCategory],
  },
  {
    name: 'transparency.requests.answered',
    service: 'transparency',
    description: 'Solicitudes de acceso a la información y derechos ARCO respondidas',
    dimensions: [unit, requestType, requesterCategory],
  },
  { name: 'transparency.oficios.turned', service: 'transparency', description: 'Oficios de turno enviados a las áreas que tienen la información', dimensions: [unit, month, procedure] },
  { name: 'transparency.oficios.answered', service: 'transparency', description: 'Oficios de respuesta recibidos de las áreas a las que se turnó', dimensions: [unit, month, procedure] },
  { name: 'transparency.appeals.received', service: 'transparency', description: 'Recursos de revisión recibidos', dimensions: [requesterCategory] },
  { name: 'transparency.appeals.answered', service: 'transparency', description: 'Recursos de revisión atendidos', dimensions: [requesterCategory] },
  { name: 'transparency.complaints.received', service: 'transparency', description: 'Denuncias por incumplimiento de obligaciones de transparencia recibidas', dimensions: [] },
  {
    name: 'transparency.trainings.held',
    service: 'transparency',
    description: 'Capacitaciones en transparencia impartidas a las que asistieron personas del sexo indicado (una sesión cuenta en cada sexo presente)',
    dimensions: [sex],
  },
  { name: 'transparency.training_sessions.held', service: 'transparency', description: 'Sesiones de capacitación en transparencia impartidas', dimensions: [] },
  {
    name: 'transparency.trainings.attendees',
    service: 'transparency',
    description: 'Personas asistentes a las capacitaciones en transparencia, acceso a la información y datos personales',
    dimensions: [sex],
  },
  {
    name: 'transparency.advisories.given',
    service: 'transparency',
    description: 'Asesorías en materia de datos personales y a los enlaces de transparencia',
    dimensions: [
      { name: 'topic', type: 'enum', values: ['datos_personales', 'enlaces'], description: 'Asesoría en datos personales, o a los enlaces de transparencia (con formatos de respuesta)' },
      sex,
    ],
  },
  { name: 'transparency.portal_reviews.done', service: 'transparency', description: 'Revisiones de portales de transparencia realizadas', dimensions: [] },
  {
    name: 'transparency.monitorings.done',
    service: 'transparency',
    description: 'Monitoreos de plataformas y buzones: SISAI 2.0, correo de la Unidad de Transparencia, páginas del INAI y del OGAIPO',
    dimensions: [{ name: 'platform', type: 'enum', values: ['sisai', 'correo', 'inai_ogaipo'], description: 'Plataforma o buzón revisado' }],
  },
];

const byName = new Map(METRIC_REGISTRY.map((metric) => [metric.name, metric]));

export function findMetric(name: string): MetricDefinition | undefined {
  return byName.get(name);
}
