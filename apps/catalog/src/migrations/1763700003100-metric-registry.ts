import { MigrationInterface, QueryRunner } from 'typeorm';

const unit = { name: 'unit', type: 'unit', description: 'Clave de la unidad responsable, p. ej. "402"' };
const requesterCategory = {
  name: 'requesterCategory',
  type: 'enum',
  values: ['hombre', 'mujer', 'no_identificado', 'grupo'],
  description: 'Categoría de quien solicita (Hombre, Mujer, N/I, Grupo)',
};
const requiresResponse = { name: 'requiresResponse', type: 'boolean', description: 'false para designaciones de representación, que no requieren respuesta' };

/**
 * The metrics the services count from their records. Frozen here as they were at this migration: later
 * additions come from new migrations (the API only reads the registry).
 */
export const SEED: { name: string; service: string; description: string; dimensions: object[] }[] = [
  { name: 'agenda.activities.held', service: 'agenda', description: 'Actividades de la agenda del Presidente realizadas', dimensions: [unit, { name: 'category', type: 'string', description: 'Categoría de la actividad (p. ej. Diálogo Vecinal)' }] },
  { name: 'agenda.cabinet_meetings.held', service: 'agenda', description: 'Reuniones de gabinete celebradas (con minuta)', dimensions: [] },
  { name: 'agenda.weekly_submissions.received', service: 'agenda', description: 'Agendas semanales recibidas de las dependencias', dimensions: [unit, { name: 'onTime', type: 'boolean', description: 'Entregada en plazo' }] },
  { name: 'correspondence.documents.received', service: 'correspondence', description: 'Documentos recibidos en la Oficialía de Partes', dimensions: [unit, requiresResponse] },
  { name: 'correspondence.documents.turned', service: 'correspondence', description: 'Documentos turnados por oficio al área competente', dimensions: [unit, requiresResponse] },
  { name: 'correspondence.documents.answered', service: 'correspondence', description: 'Documentos con respuesta recibida', dimensions: [unit, requiresResponse] },
  { name: 'correspondence.hearings.received', service: 'correspondence', description: 'Solicitudes de audiencia recibidas', dimensions: [unit, { name: 'outcome', type: 'string', description: 'Resultado de la audiencia (p. ej. atendida en Diálogo Vecinal)' }, requesterCategory] },
  { name: 'correspondence.hearings.attended', service: 'correspondence', description: 'Solicitudes de audiencia atendidas', dimensions: [unit, { name: 'outcome', type: 'string', description: 'Resultado de la audiencia (p. ej. atendida en Diálogo Vecinal)' }, requesterCategory] },
  { name: 'transparency.requests.received', service: 'transparency', description: 'Solicitudes de acceso a la información y derechos ARCO recibidas', dimensions: [unit, { name: 'requestType', type: 'enum', values: ['informacion', 'arco'], description: 'Acceso a la información o derechos ARCO' }, requesterCategory] },
  { name: 'transparency.requests.answered', service: 'transparency', description: 'Solicitudes de acceso a la información y derechos ARCO respondidas', dimensions: [unit, { name: 'requestType', type: 'enum', values: ['informacion', 'arco'], description: 'Acceso a la información o derechos ARCO' }, requesterCategory] },
  { name: 'transparency.appeals.received', service: 'transparency', description: 'Recursos de revisión recibidos', dimensions: [requesterCategory] },
  { name: 'transparency.complaints.received', service: 'transparency', description: 'Denuncias por incumplimiento de obligaciones de transparencia recibidas', dimensions: [] },
  { name: 'transparency.trainings.held', service: 'transparency', description: 'Capacitaciones en transparencia impartidas', dimensions: [{ name: 'sex', type: 'enum', values: ['hombre', 'mujer'], description: 'Sexo de las personas asistentes' }] },
  { name: 'transparency.portal_reviews.done', service: 'transparency', description: 'Revisiones de portales de transparencia realizadas', dimensions: [] },
];

/** The metric registry: what the services count, and by which dimensions an indicator formula may filter it. */
export class MetricRegistry1763700003100 implements MigrationInterface {
  name = 'MetricRegistry1763700003100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE metric_definition (
        name text PRIMARY KEY,
        service text NOT NULL,
        description text NOT NULL,
        dimensions jsonb NOT NULL DEFAULT '[]'::jsonb,
        built_in boolean NOT NULL DEFAULT false,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT metric_definition_name_format CHECK (name ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){2,}$'),
        CONSTRAINT metric_definition_service_prefix CHECK (name LIKE service || '.%')
      )`);
    await queryRunner.query(`CREATE INDEX metric_definition_service_idx ON metric_definition (service, name)`);
    for (const metric of SEED) {
      await queryRunner.query(
        `INSERT INTO metric_definition (name, service, description, dimensions, built_in) VALUES ($1, $2, $3, $4, true)`,
        [metric.name, metric.service, metric.description, JSON.stringify(metric.dimensions)],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE metric_definition`);
  }
}
