/*
 * The factor of an indicator (value = numerator / denominator × factor) when its author does not give one:
 * 100 when the unit of measure is a percentage, 1 for any other unit. The API (indicatorInputSchema) and the
 * MIR importer apply this same rule.
 */

/** Lower case, without accents, punctuation as spaces: "Porcentaje (%)" → "porcentaje". */
function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** "Porcentaje", "porcentaje", "%", "Porcentaje (%)", "Porcentaje de avance": the values are percentages. */
export function isPercentageUnit(unitOfMeasure: string): boolean {
  return unitOfMeasure.includes('%') || /\bporcentaj/.test(normalize(unitOfMeasure));
}

/** 100 for a percentage unit of measure, 1 otherwise (Reunión, Solicitud, Taller…). */
export function defaultFactor(unitOfMeasure: string): number {
  return isPercentageUnit(unitOfMeasure) ? 100 : 1;
}
