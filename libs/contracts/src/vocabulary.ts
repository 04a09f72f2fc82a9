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
