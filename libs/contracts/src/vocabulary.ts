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
