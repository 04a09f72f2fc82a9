import { bandLabel, colourFor, DEFAULT_BANDS, roundForDisplay, SemaphoreBand, validateBands } from './semaphore';

/** DOMAIN.md's rule written out directly: the oracle the default bands must agree with. */
function domainColour(value: number): string {
  if (value >= 90 && value <= 110) return 'verde';
  if ((value >= 70 && value < 90) || (value > 110 && value <= 130)) return 'amarillo';
  return 'rojo';
}

describe('colourFor with the default bands', () => {
  it('agrees with the DOMAIN.md rule on every value shown with 2 decimals from 0 to 200', () => {
    const disagreements: string[] = [];
    for (let hundredths = 0; hundredths <= 20_000; hundredths++) {
      const value = hundredths / 100;
      if (colourFor(value, DEFAULT_BANDS, 2) !== domainColour(value)) disagreements.push(`${value}: ${colourFor(value, DEFAULT_BANDS, 2)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('rounds to the displayed decimals before colouring, exactly as the number is displayed', () => {
    const values = [89.996, 89.994, 110.004, 110.006, 69.995, 69.9951, 129.999, 130.004, 130.006, 89.5, 110.5];
    for (const decimals of [0, 1, 2, 3]) {
      for (const value of values) {
        const displayed = Number(value.toFixed(decimals));
        expect([value, decimals, colourFor(value, DEFAULT_BANDS, decimals)]).toEqual([value, decimals, domainColour(displayed)]);
      }
    }
    // Raw and displayed fall on different sides of a boundary here, so rounding first really matters:
    expect(domainColour(89.996)).not.toBe(domainColour(Number((89.996).toFixed(2))));
    expect(colourFor(89.996, DEFAULT_BANDS, 2)).toBe(domainColour(Number((89.996).toFixed(2))));
  });

  it("gives 'n/a' for no value, a non-finite value, or a value outside every band", () => {
    expect(colourFor(null, DEFAULT_BANDS, 2)).toBe('n/a');
    expect(colourFor(Number.NaN, DEFAULT_BANDS, 2)).toBe('n/a');
    expect(colourFor(Number.POSITIVE_INFINITY, DEFAULT_BANDS, 2)).toBe('n/a');
    expect(colourFor(-5, DEFAULT_BANDS, 2)).toBe('n/a');
  });

  it('colours with whatever bands it is given', () => {
    const strict: SemaphoreBand[] = [
      { color: 'rojo', min: 0, max: 95, minInclusive: true, maxInclusive: false },
      { color: 'verde', min: 95, max: null, minInclusive: true, maxInclusive: false },
    ];
    expect(validateBands(strict)).toEqual([]);
    expect(colourFor(94.99, strict, 2)).toBe('rojo');
    expect(colourFor(94.996, strict, 2)).toBe('verde');
    expect(colourFor(500, strict, 0)).toBe('verde');
  });
});

describe('roundForDisplay', () => {
  it('matches toFixed, and refuses impossible decimals', () => {
    for (const value of [0, 1.005, 2.675, 89.995, 110.0049, 1e-7, 123456.789]) {
      for (const decimals of [0, 1, 2, 4]) expect(roundForDisplay(value, decimals)).toBe(Number(value.toFixed(decimals)));
    }
    expect(() => roundForDisplay(1, -1)).toThrow(RangeError);
    expect(() => roundForDisplay(1, 1.5)).toThrow(RangeError);
  });
});

describe('validateBands', () => {
  const band = (color: SemaphoreBand['color'], min: number, max: number | null, minInclusive: boolean, maxInclusive: boolean): SemaphoreBand => ({
    color,
    min,
    max,
    minInclusive,
    maxInclusive,
  });
  const fields = (bands: SemaphoreBand[]) => validateBands(bands).map((issue) => issue.path.join('.'));

  it('accepts the defaults', () => {
    expect(validateBands(DEFAULT_BANDS)).toEqual([]);
  });

  it('names a gap and an overlap between bands', () => {
    const gap = [band('rojo', 0, 70, true, false), band('verde', 75, null, true, false)];
    expect(validateBands(gap)).toEqual([{ path: ['bands', 1, 'min'], message: expect.stringContaining('hueco entre 70 y 75') }]);
    const overlap = [band('rojo', 0, 70, true, false), band('verde', 60, null, true, false)];
    expect(validateBands(overlap)).toEqual([{ path: ['bands', 1, 'min'], message: expect.stringContaining('traslapa') }]);
  });

  it('names a shared boundary included twice or not at all', () => {
    expect(fields([band('rojo', 0, 70, true, true), band('verde', 70, null, true, false)])).toEqual(['bands.1.minInclusive']);
    expect(fields([band('rojo', 0, 70, true, false), band('verde', 70, null, false, false)])).toEqual(['bands.1.minInclusive']);
  });

  it('requires starting at 0 included and ending at infinity', () => {
    expect(fields([band('verde', 10, null, true, false)])).toEqual(['bands.0.min']);
    expect(fields([band('verde', 0, null, false, false)])).toEqual(['bands.0.minInclusive']);
    expect(fields([band('verde', 0, 100, true, true)])).toEqual(['bands.0.max']);
    expect(fields([band('verde', 0, null, true, true)])).toEqual(['bands.0.maxInclusive']);
    expect(fields([])).toEqual(['bands']);
  });

  it('refuses empty bands and bands after infinity', () => {
    expect(fields([band('rojo', 0, 0, true, false), band('verde', 0, null, true, false)])).toContain('bands.0.max');
    expect(fields([band('verde', 0, null, true, false), band('rojo', 100, null, false, false)])).toEqual(['bands.1']);
    // A single point is a valid band when it includes both ends.
    expect(fields([band('rojo', 0, 0, true, true), band('verde', 0, null, false, false)])).toEqual([]);
  });

  it('accepts every partition that colourFor then resolves to exactly one band', () => {
    const bands = [band('rojo', 0, 50, true, true), band('amarillo', 50, 80, false, false), band('verde', 80, null, true, false)];
    expect(validateBands(bands)).toEqual([]);
    for (let value = 0; value <= 120; value += 0.5) {
      const matching = bands.filter((b) => (b.minInclusive ? value >= b.min : value > b.min) && (b.max === null || (b.maxInclusive ? value <= b.max : value < b.max)));
      expect(matching).toHaveLength(1);
      expect(colourFor(value, bands, 1)).toBe(matching[0].color);
    }
  });
});

describe('bandLabel', () => {
  it('writes the range with its inclusive and exclusive ends', () => {
    expect(DEFAULT_BANDS.map(bandLabel)).toEqual(['≥ 0 y < 70', '≥ 70 y < 90', '≥ 90 y ≤ 110', '> 110 y ≤ 130', '> 130']);
  });
});
