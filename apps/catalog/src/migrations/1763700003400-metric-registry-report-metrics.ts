import { MigrationInterface, QueryRunner } from 'typeorm';

const unit = { name: 'unit', type: 'unit', description: 'Clave de la unidad responsable, p. ej. "402"' };
const requesterCategory = {
  name: 'requesterCategory',
  type: 'enum',
  values: ['hombre', 'mujer', 'no_identificado', 'grupo'],
  description: 'Categoría de quien solicita (Hombre, Mujer, N/I, Grupo)',
};
const sex = { name: 'sex', type: 'enum', values: ['hombre', 'mujer'], description: 'Sexo de las personas asistentes' };
const month = { name: 'month', type: 'integer', description: 'Mes del año (1 = enero … 12 = diciembre)' };
const procedure = {
  name: 'procedure',
  type: 'enum',
  values: ['solicitud', 'recurso_revision'],
  description: 'Trámite que origina el oficio: solicitud de acceso a la información o ARCO, o recurso de revisión',
};

/**
 * Metrics the seed reports need and the first registry lacked (frozen here as they were at this migration).
 * Designations (`requiresResponse=false` of the correspondence.documents metrics), hearing outcomes (`outcome` of
 * correspondence.hearings.*) and agenda categories (`category` of agenda.activities.held) were covered already.
 */
export const REPORT_METRICS: { name: string; service: string; description: string; dimensions: object[] }[] = [
  // Oficina de la Presidencia, 2º trimestre 2025.
  { name: 'agenda.alliances.signed', service: 'agenda', description: 'Alianzas intergubernamentales e interinstitucionales formalizadas (con municipios vecinos, instituciones y organizaciones)', dimensions: [unit] },
  { name: 'agenda.twinnings.signed', service: 'agenda', description: 'Hermanamientos formalizados con otras ciudades', dimensions: [unit] },
  { name: 'agenda.cabinet_attendances.recorded', service: 'agenda', description: 'Asistencias de dependencias y entidades paramunicipales a reuniones de gabinete, según la lista de asistencia (una por dependencia y reunión)', dimensions: [unit] },
  { name: 'agenda.weekly_submissions.expected', service: 'agenda', description: 'Agendas semanales que las dependencias deben entregar (una por dependencia y semana), para saber quién falta', dimensions: [unit] },
  // Unidad de Transparencia, 2º trimestre 2024.
  { name: 'transparency.oficios.turned', service: 'transparency', description: 'Oficios de turno enviados a las áreas que tienen la información', dimensions: [unit, month, procedure] },
  { name: 'transparency.oficios.answered', service: 'transparency', description: 'Oficios de respuesta recibidos de las áreas a las que se turnó', dimensions: [unit, month, procedure] },
  { name: 'transparency.appeals.answered', service: 'transparency', description: 'Recursos de revisión atendidos', dimensions: [requesterCategory] },
  {
    name: 'transparency.advisories.given',
    service: 'transparency',
    description: 'Asesorías en materia de datos personales y a los enlaces de transparencia',
    dimensions: [
      { name: 'topic', type: 'enum', values: ['datos_personales', 'enlaces'], description: 'Asesoría en datos personales, o a los enlaces de transparencia (con formatos de respuesta)' },
      sex,
    ],
  },
  { name: 'transparency.trainings.attendees', service: 'transparency', description: 'Personas asistentes a las capacitaciones en transparencia, acceso a la información y datos personales', dimensions: [sex] },
  {
    name: 'transparency.monitorings.done',
    service: 'transparency',
    description: 'Monitoreos de plataformas y buzones: SISAI 2.0, correo de la Unidad de Transparencia, páginas del INAI y del OGAIPO',
    dimensions: [{ name: 'platform', type: 'enum', values: ['sisai', 'correo', 'inai_ogaipo'], description: 'Plataforma o buzón revisado' }],
  },
];

/**
 * The metric registry becomes read-only over the API (migrations maintain it): drops the author column, which the
 * API showed to every municipality, and adds the metrics of the seed reports.
 */
export class MetricRegistryReportMetrics1763700003400 implements MigrationInterface {
  name = 'MetricRegistryReportMetrics1763700003400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE metric_definition DROP COLUMN created_by`);
    for (const metric of REPORT_METRICS) {
      await queryRunner.query(
        `INSERT INTO metric_definition (name, service, description, dimensions, built_in) VALUES ($1, $2, $3, $4, true)`,
        [metric.name, metric.service, metric.description, JSON.stringify(metric.dimensions)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM metric_definition WHERE name = ANY($1::text[])`, [REPORT_METRICS.map((metric) => metric.name)]);
    await queryRunner.query(`ALTER TABLE metric_definition ADD COLUMN created_by text`);
  }
}
