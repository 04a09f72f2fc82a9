/** Shared vocabulary: identifiers in code, Spanish labels where people read them. */
export const UNIT_KINDS = [
  'secretaria',
  'direccion',
  'departamento',
  'coordinacion',
  'instituto',
  'entidad_paramunicipal',
  'organo_auxiliar',
  'unidad',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  secretaria: 'Secretaría',
  direccion: 'Dirección',
  departamento: 'Departamento',
  coordinacion: 'Coordinación',
  instituto: 'Instituto',
  entidad_paramunicipal: 'Entidad paramunicipal',
  organo_auxiliar: 'Órgano auxiliar',
  unidad: 'Unidad',
};

/** Requester category: the only trait of a person that events and reports may carry. */
export const REQUESTER_CATEGORIES = ['hombre', 'mujer', 'no_identificado', 'grupo'] as const;
export type RequesterCategory = (typeof REQUESTER_CATEGORIES)[number];

export const REQUESTER_CATEGORY_LABELS: Record<RequesterCategory, string> = {
  hombre: 'Hombre',
  mujer: 'Mujer',
  no_identificado: 'N/I',
  grupo: 'Grupo',
};

/** Categories of the president's activities (agenda), as the quarterly report counts them. */
export const ACTIVITY_CATEGORIES = [
  'reunion_gobierno_federal',
  'reunion_gobernador',
  'reunion_entes_estatales',
  'mesa_seguridad',
  'sesion_cabildo',
  'sesion_gabinete',
  'rueda_prensa',
  'recorrido',
  'reunion_vecinos',
  'tequio_vecinal',
  'dialogo_vecinal',
  'firma_convenio',
  'evento_invitado',
  'evento_camaras_asociaciones',
  'evento_gobierno',
  'reunion_trabajo_municipal',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const ACTIVITY_CATEGORY_LABELS: Record<ActivityCategory, string> = {
  reunion_gobierno_federal: 'Reuniones con el Gobierno Federal',
  reunion_gobernador: 'Reuniones con el Gobernador',
  reunion_entes_estatales: 'Reuniones con entes estatales',
  mesa_seguridad: 'Mesas de seguridad',
  sesion_cabildo: 'Sesiones de Cabildo',
  sesion_gabinete: 'Sesiones de Gabinete',
  rueda_prensa: 'Ruedas de prensa',
  recorrido: 'Recorridos',
  reunion_vecinos: 'Reuniones con vecinas y vecinos',
  tequio_vecinal: 'Tequios vecinales',
  dialogo_vecinal: 'Diálogos vecinales',
  firma_convenio: 'Firmas de convenio',
  evento_invitado: 'Eventos como invitado',
  evento_camaras_asociaciones: 'Eventos con cámaras o asociaciones',
  evento_gobierno: 'Eventos de gobierno',
  reunion_trabajo_municipal: 'Reuniones de trabajo municipales',
};

/** What became of a citizen's hearing request (audiencia). */
export const HEARING_OUTCOMES = ['dialogo_vecinal', 'presidente', 'canalizada', 'en_proceso'] as const;
export type HearingOutcome = (typeof HEARING_OUTCOMES)[number];

export const HEARING_OUTCOME_LABELS: Record<HearingOutcome, string> = {
  dialogo_vecinal: 'Atendida en Diálogo Vecinal',
  presidente: 'Atendida por el Presidente',
  canalizada: 'Canalizada a una unidad',
  en_proceso: 'En proceso',
};

/** Sex of attendees of trainings and advisories, as the transparency report breaks them down. */
export const ATTENDEE_SEXES = ['hombre', 'mujer'] as const;
export type AttendeeSex = (typeof ATTENDEE_SEXES)[number];

/** How a document reached the front desk (Oficialía de Partes). */
export const DOCUMENT_CHANNELS = ['ventanilla', 'correo_electronico', 'mensajeria', 'plataforma_digital'] as const;
export type DocumentChannel = (typeof DOCUMENT_CHANNELS)[number];

export const DOCUMENT_CHANNEL_LABELS: Record<DocumentChannel, string> = {
  ventanilla: 'Ventanilla',
  correo_electronico: 'Correo electrónico',
  mensajeria: 'Mensajería',
  plataforma_digital: 'Plataforma digital',
};

/** What kind of document the front desk received; an authority's writing also says its level of government. */
export const DOCUMENT_TYPES = [
  'peticion_ciudadana',
  'invitacion',
  'tarjeta_informativa',
  'correo',
  'escrito_autoridad_ejecutiva',
  'escrito_autoridad_administrativa',
  'escrito_autoridad_judicial',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  peticion_ciudadana: 'Petición ciudadana',
  invitacion: 'Invitación',
  tarjeta_informativa: 'Tarjeta informativa',
  correo: 'Correo',
  escrito_autoridad_ejecutiva: 'Escrito de autoridad ejecutiva',
  escrito_autoridad_administrativa: 'Escrito de autoridad administrativa',
  escrito_autoridad_judicial: 'Escrito de autoridad judicial',
};

export const AUTHORITY_LEVELS = ['municipal', 'estatal', 'federal'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

export const AUTHORITY_LEVEL_LABELS: Record<AuthorityLevel, string> = { municipal: 'Municipal', estatal: 'Estatal', federal: 'Federal' };

/** Who sent a document: a citizen (requester category only, outside the service) or an authority. */
export const SENDER_KINDS = ['ciudadano', 'autoridad'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/**
 * A document's status: registrado → turnado → acusado → respondido / concluido_sin_respuesta; vencido when a
 * response is due and late; cancelado when it was registered by mistake.
 */
export const DOCUMENT_STATUSES = ['registrado', 'turnado', 'acusado', 'respondido', 'concluido_sin_respuesta', 'vencido', 'cancelado'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  registrado: 'Registrado',
  turnado: 'Turnado',
  acusado: 'Acusado',
  respondido: 'Respondido',
  concluido_sin_respuesta: 'Concluido sin respuesta',
  vencido: 'Vencido',
  cancelado: 'Cancelado',
};

/** A turn (oficio de turno to one unit): like the document's, plus `reasignado` when moved to another unit. */
export const TURN_STATUSES = ['turnado', 'acusado', 'respondido', 'concluido_sin_respuesta', 'vencido', 'reasignado'] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

/** Topics of hearing requests (audiencias); each municipality enables the ones it uses. */
export const HEARING_TOPICS = [
  'obra_publica',
  'desarrollo_urbano',
  'residuos_solidos',
  'alumbrado_publico',
  'seguridad_publica',
  'apoyo_escuelas',
  'inspecciones',
  'descuentos_impuestos',
  'otro',
] as const;
export type HearingTopic = (typeof HEARING_TOPICS)[number];

export const HEARING_TOPIC_LABELS: Record<HearingTopic, string> = {
  obra_publica: 'Obra pública',
  desarrollo_urbano: 'Desarrollo urbano',
  residuos_solidos: 'Residuos sólidos',
  alumbrado_publico: 'Alumbrado público',
  seguridad_publica: 'Seguridad pública',
  apoyo_escuelas: 'Apoyo a escuelas',
  inspecciones: 'Inspecciones',
  descuentos_impuestos: 'Descuentos en impuestos',
  otro: 'Otro',
};
