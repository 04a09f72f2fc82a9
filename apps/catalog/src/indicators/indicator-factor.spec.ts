import { defaultFactor, isPercentageUnit } from './indicator-factor';

describe('defaultFactor', () => {
  it.each(['Porcentaje', 'porcentaje', 'PORCENTAJE', '%', 'Porcentaje (%)', 'Porcentaje de avance', 'Tasa %'])('is 100 for the percentage unit "%s"', (unit) => {
    expect(isPercentageUnit(unit)).toBe(true);
    expect(defaultFactor(unit)).toBe(100);
  });

  it.each(['Reunión', 'Solicitud', 'Taller', 'Documento', 'Alianza', 'Índice', 'Acción'])('is 1 for the unit "%s"', (unit) => {
    expect(isPercentageUnit(unit)).toBe(false);
    expect(defaultFactor(unit)).toBe(1);
  });
});
