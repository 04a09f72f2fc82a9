import { DEFAULT_BANDS } from '@tequio/contracts';
import { evaluateIndicator, IndicatorRules } from './evaluate';

const semaphore = { bands: DEFAULT_BANDS, decimals: 2 };
const share = (targets: [number, number, number, number]): IndicatorRules => ({
  direction: 'ascendente',
  accumulation: 'annual_goal_share',
  factor: 100,
  targets: { q1: targets[0], q2: targets[1], q3: targets[2], q4: targets[3] },
});
const value = (v: number) => ({ numerator: null, denominator: null, value: v });

describe('evaluateIndicator', () => {
  it('adds the quarters of a share of the annual goal and compares in the indicator unit (2023 MIR, Componente 1)', () => {
    const result = evaluateIndicator(share([23, 28, 29, 20]), { 1: value(23), 2: value(21) }, 2, semaphore);
    expect(result.quarters[1]).toMatchObject({ programmed: 28, achieved: 21, absoluteVariance: -7, relativeVariance: -25, compliance: 75, colour: 'amarillo' });
    // The seed prints −43 here (0.51 − 44 ≈ −43.49); in consistent units the variance is 44 − 51.
    expect(result.cumulative).toMatchObject({ programmed: 51, achieved: 44, absoluteVariance: -7, relativeVariance: -13.72549, compliance: 86.27451, colour: 'amarillo' });
    expect(result.annualProgress).toBe(44);
  });

  it('colours 110 % green at the inclusive edge after rounding (2023 MIR, Propósito)', () => {
    const result = evaluateIndicator(share([25, 25, 25, 25]), { 1: value(25), 2: value(30) }, 2, semaphore);
    expect(result.cumulative).toMatchObject({ programmed: 50, achieved: 55, absoluteVariance: 5, relativeVariance: 10, compliance: 110, colour: 'verde' });
    expect(result.quarters[1]).toMatchObject({ compliance: 120, colour: 'amarillo' });
  });

  it('divides the sums of a flow, never averages its percentages', () => {
    const flow: IndicatorRules = { direction: 'ascendente', accumulation: 'flow', factor: 100, targets: { q1: 50, q2: 50, q3: 50, q4: 50 } };
    const result = evaluateIndicator(flow, { 1: { numerator: 1, denominator: 2 }, 2: { numerator: 9, denominator: 10 } }, 2, semaphore);
    expect(result.quarters.map((q) => q.achieved)).toEqual([50, 90]);
    expect(result.cumulative).toMatchObject({ numerator: 10, denominator: 12, achieved: 83.333333, programmed: 50 });
  });

  it('takes the latest quarter of a stock, and inverts compliance when less is better', () => {
    const stock: IndicatorRules = { direction: 'descendente', accumulation: 'stock', factor: 1, targets: { q1: 10, q2: 8, q3: null, q4: 6 } };
    const result = evaluateIndicator(stock, { 1: { numerator: 12, denominator: 1 }, 2: { numerator: 10, denominator: 1 } }, 2, semaphore);
    expect(result.cumulative).toMatchObject({ programmed: 8, achieved: 10, compliance: 80, colour: 'amarillo' });
    expect(result.annualProgress).toBeCloseTo(166.666667, 5);
  });

  it('flags a zero denominator, a zero target and a zero achieved value instead of dividing', () => {
    const rules: IndicatorRules = { direction: 'descendente', accumulation: 'flow', factor: 100, targets: { q1: 0, q2: null, q3: null, q4: null } };
    const zeroDenominator = evaluateIndicator(rules, { 1: { numerator: 0, denominator: 0 } }, 1, semaphore);
    expect(zeroDenominator.quarters[0]).toMatchObject({ achieved: null, compliance: null, colour: 'n/a' });
    expect(zeroDenominator.quarters[0].flags).toEqual(['denominador_cero']);
    const zeroes = evaluateIndicator(rules, { 1: { numerator: 0, denominator: 5 } }, 1, semaphore);
    expect(zeroes.quarters[0]).toMatchObject({ achieved: 0, relativeVariance: null, compliance: null, flags: ['meta_cero', 'alcanzado_cero'] });
    const noTargets = evaluateIndicator(rules, { 1: { numerator: 1, denominator: 5 } }, 2, semaphore);
    expect(noTargets.quarters[1].flags).toEqual(['sin_medicion', 'sin_meta']);
  });
});
