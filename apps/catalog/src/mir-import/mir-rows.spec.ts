import { MIR_HEADERS, MirColumnKey } from './mir-columns';
import { columnForField, IMPORTED_FORMULA, mapMirRows, MirRowWarning, parseNumberCell, responsibleUnitCodes, unitCodeOf } from './mir-rows';
import { MirTable } from './mir-table';

/** The warnings about the cells themselves, without the MIR design ones (cross-field rules, type, repeated method). */
const DESIGN_WARNING = /corríjalo después de importar$|^el mismo método de cálculo|^una Actividad mide/;
const cellWarnings = (warnings: MirRowWarning[]) => warnings.filter((warning) => !DESIGN_WARNING.test(warning.message));

const valid: Partial<Record<MirColumnKey, string>> = {
  level: 'Actividad 2.3',
  name: 'Porcentaje de talleres realizados',
  definition: 'Mide los talleres realizados frente a los programados',
  method: '(talleres realizados / talleres programados) * 100',
  unitOfMeasure: 'Porcentaje',
  type: 'De gestión',
  dimension: 'Eficiencia',
  frequency: 'Trimestral',
  direction: 'Descendente',
  baselineValue: '40%',
  baselineYear: '2024',
  q1: '10%',
  q2: '20%',
  q3: '30%',
  q4: '40%',
  meansOfVerification: 'Listas de asistencia',
};

const table = (rows: Array<Partial<Record<MirColumnKey, string>>>, headers: MirTable['headers'] = {}): MirTable => ({
  headers,
  ignoredColumns: [],
  rows: rows.map((cells, index) => ({ row: index + 2, cells })),
});

describe('parseNumberCell', () => {
  it.each([
    ['25%', 25, true],
    ['25 %', 25, true],
    ['0.25', 0.25, false],
    ['1,010', 1010, false],
    ['1,234,567.5', 1234567.5, false],
    ['1 010', 1010, false],
    ['12,5', 12.5, false],
    ['1,01', 1.01, false],
    ['0,250', 0.25, false],
    ['.5', 0.5, false],
    ['100', 100, false],
  ])('"%s" is %d', (text, value, percent) => {
    expect(parseNumberCell(text)).toEqual({ value, percent });
  });

  it.each(['', '  ', 'N/A', 'n/a', 'NA', 'No aplica', '-', '—'])('"%s" is empty (null)', (text) => {
    expect(parseNumberCell(text)).toEqual({ value: null, percent: false });
  });

  it.each(['veinte', '25%%', '1.2.3', '1,0,1', '#DIV/0!'])('"%s" is not a number', (text) => {
    expect(parseNumberCell(text)).toEqual({ error: `"${text}" no es un número` });
  });
});

describe('mapMirRows', () => {
  it('maps a row to an indicator draft: level and numbering, enums, baseline, targets in percent, manual formula', () => {
    const { indicators, errors } = mapMirRows(table([valid]));
    expect(errors).toEqual([]);
    expect(indicators).toEqual([
      {
        row: 2,
        levelLabel: 'Actividad 2.3',
        notes: ['acumulación: parte de la meta anual (los trimestres suman 100%)'],
        indicator: {
          level: 'actividad',
          componentNumber: 2,
          activityNumber: 3,
          name: valid.name,
          definition: valid.definition,
          calculationMethod: valid.method,
          unitOfMeasure: 'Porcentaje',
          type: 'gestion',
          dimension: 'eficiencia',
          frequency: 'trimestral',
          direction: 'descendente',
          baseline: { value: 40, year: 2024 },
          accumulation: 'annual_goal_share',
          factor: 100,
          meansOfVerification: 'Listas de asistencia',
          targets: { q1: 10, q2: 20, q3: 30, q4: 40 },
          formula: IMPORTED_FORMULA,
        },
      },
    ]);
  });

  it.each([
    ['Fin', { level: 'fin', componentNumber: null, activityNumber: null }],
    ['PROPOSITO', { level: 'proposito', componentNumber: null, activityNumber: null }],
    ['Componente 3', { level: 'componente', componentNumber: 3, activityNumber: null }],
    ['actividad  12.4', { level: 'actividad', componentNumber: 12, activityNumber: 4 }],
  ])('reads the level "%s"', (level, expected) => {
    const { indicators } = mapMirRows(table([{ ...valid, level }]));
    expect(indicators[0].indicator).toMatchObject(expected);
  });

  it.each([
    ['Estratégico', 'estrategico'],
    ['ESTRATEGICO', 'estrategico'],
    ['De gestión', 'gestion'],
    ['Gestion', 'gestion'],
  ])('reads the type "%s"', (type, expected) => {
    expect(mapMirRows(table([{ ...valid, type }])).indicators[0].indicator.type).toBe(expected);
  });

  it('reads fractions of a percentage indicator as percentages (0.25 = 25%, 1 = 100%), with a warning naming the row', () => {
    const { indicators, warnings } = mapMirRows(table([valid, { ...valid, level: 'Actividad 2.4', q1: '0.25', q2: '0.5', q3: '1', q4: '0', baselineValue: '0.1' }]));
    expect(indicators[1].indicator.targets).toEqual({ q1: 25, q2: 50, q3: 100, q4: 0 });
    expect(indicators[1].indicator.baseline).toEqual({ value: 10, year: 2024 });
    expect(cellWarnings(warnings)).toEqual([
      {
        row: 3,
        column: MIR_HEADERS.q1,
        message:
          'valores sin "%" leídos como fracciones (0.25 = 25%): Programado 1er trimestre 0.25 → 25%, Programado 2do trimestre 0.5 → 50%, ' +
          'Programado 3er trimestre 1 → 100%, Programado 4to trimestre 0 → 0%, Línea base valor 0.1 → 10%; si son porcentajes menores que 1, escríbalos con "%"',
      },
    ]);
  });

  it.each([
    [{ q1: '1', q2: '1', q3: '1', q4: '1' }, { q1: 1, q2: 1, q3: 1, q4: 1 }],
    [{ q1: '1', q2: '0', q3: '0', q4: '0' }, { q1: 1, q2: 0, q3: 0, q4: 0 }],
    [{ q1: '1', q2: '1', q3: '', q4: 'N/A', baselineValue: '0', baselineYear: '2024' }, { q1: 1, q2: 1, q3: null, q4: null }],
  ])('reads %j of a percentage indicator as percents (1 = 1%): no value strictly between 0 and 1, so no fractions', (cells, targets) => {
    const { indicators, warnings, errors } = mapMirRows(table([{ ...valid, baselineValue: '', baselineYear: '', ...cells }]));
    expect(errors).toEqual([]);
    expect(indicators[0].indicator.targets).toEqual(targets);
    expect(cellWarnings(warnings)).toEqual([]);
  });

  it('keeps plain numbers above 1 as percentages, and mixes "%" cells with fractions consistently', () => {
    expect(mapMirRows(table([{ ...valid, q1: '25', q2: '25', q3: '25', q4: '25' }])).indicators[0].indicator.targets).toEqual({ q1: 25, q2: 25, q3: 25, q4: 25 });
    const mixed = mapMirRows(table([{ ...valid, q1: '25%', q2: '0.25', q3: '0.25', q4: 'N/A', baselineValue: '0%' }])).indicators[0];
    expect(mixed.indicator.targets).toEqual({ q1: 25, q2: 25, q3: 25, q4: null });
    expect(mixed.indicator.accumulation).toBe('flow');
  });

  it('takes numbers of other units as they are, with factor 1', () => {
    const { indicators } = mapMirRows(table([{ ...valid, unitOfMeasure: 'Solicitud', q1: '1,010', q2: '0.5', q3: '', q4: '12,5', baselineValue: 'N/A', baselineYear: '' }]));
    expect(indicators[0].indicator).toMatchObject({ targets: { q1: 1010, q2: 0.5, q3: null, q4: 12.5 }, factor: 1, baseline: null, accumulation: 'flow' });
  });

  describe('programmed cumulative ("Acumulado" under "Valores Programados")', () => {
    const headers = { cumulativeTarget: 'Valores Programados Acumulado *' };
    // Actividad 2.7 of the Secretaría de Gobierno 2023 report: 19% + 29% + 30% + 28% with a programmed cumulative of 1.
    const activity27 = { ...valid, q1: '19%', q2: '29%', q3: '30%', q4: '28%', cumulativeTarget: '1' };

    it('a cumulative of 1 (or 100%) makes a percentage row a share of the annual goal, and warns when the quarters do not add up to it', () => {
      for (const cumulativeTarget of ['1', '100%', '100']) {
        const { indicators, warnings, errors } = mapMirRows(table([{ ...activity27, cumulativeTarget }], headers));
        expect(errors).toEqual([]);
        expect(indicators[0].indicator.accumulation).toBe('annual_goal_share');
        expect(indicators[0].notes).toEqual(['acumulación: parte de la meta anual (el acumulado programado es 100%)']);
        expect(cellWarnings(warnings)).toEqual([
          { row: 2, column: 'Valores Programados Acumulado *', message: 'las metas trimestrales suman 106 pero el acumulado programado es 100' },
        ]);
      }
    });

    it('no warning when the quarters add up to the cumulative', () => {
      const { indicators, warnings } = mapMirRows(table([{ ...valid, cumulativeTarget: '1' }], headers));
      expect(indicators[0].indicator.accumulation).toBe('annual_goal_share');
      expect(cellWarnings(warnings)).toEqual([]);
    });

    it('warns also when the accumulation column says "Parte de la meta anual", and when the sum says share but the cumulative disagrees', () => {
      const explicit = mapMirRows(table([{ ...activity27, accumulation: 'Parte de la meta anual' }], headers));
      expect(cellWarnings(explicit.warnings).map((w) => w.message)).toEqual(['las metas trimestrales suman 106 pero el acumulado programado es 100']);
      const half = mapMirRows(table([{ ...valid, cumulativeTarget: '50%' }], headers));
      expect(half.indicators[0].indicator.accumulation).toBe('annual_goal_share');
      expect(cellWarnings(half.warnings).map((w) => w.message)).toEqual(['las metas trimestrales suman 100 pero el acumulado programado es 50']);
    });

    it('converts a cumulative written as a fraction together with fractional targets', () => {
      const { indicators, warnings } = mapMirRows(
        table([{ ...activity27, q1: '0.19', q2: '0.29', q3: '0.3', q4: '0.28', baselineValue: '0%', cumulativeTarget: '1' }], headers),
      );
      expect(indicators[0].indicator).toMatchObject({ targets: { q1: 19, q2: 29, q3: 30, q4: 28 }, accumulation: 'annual_goal_share' });
      expect(cellWarnings(warnings).map((w) => [w.column, w.message.slice(0, 30)])).toEqual([
        [MIR_HEADERS.q1, 'valores sin "%" leídos como fr'],
        ['Valores Programados Acumulado *', 'las metas trimestrales suman 1'],
      ]);
      expect(cellWarnings(warnings)[1].message).toBe('las metas trimestrales suman 106 pero el acumulado programado es 100');
    });

    it('without the column, or for other units, nothing is checked (the sum decides, as before)', () => {
      const { indicators, warnings } = mapMirRows(table([{ ...activity27, cumulativeTarget: undefined }]));
      expect(indicators[0].indicator.accumulation).toBe('flow');
      expect(cellWarnings(warnings)).toEqual([]);
      const counts = mapMirRows(table([{ ...valid, unitOfMeasure: 'Reunión', q1: '13', q2: '13', q3: '13', q4: '13', baselineValue: '', baselineYear: '', cumulativeTarget: '1' }], headers));
      expect(counts.indicators[0].indicator.accumulation).toBe('flow');
      expect(cellWarnings(counts.warnings)).toEqual([]);
    });

    it('reports a cumulative that is not a number on its column', () => {
      const { errors } = mapMirRows(table([{ ...activity27, cumulativeTarget: 'todo' }], headers));
      expect(errors).toEqual([{ row: 2, column: 'Valores Programados Acumulado *', message: '"todo" no es un número' }]);
    });
  });

  describe('"Unidad responsable" column', () => {
    const unitIds = new Map([
      ['402', '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10'],
      ['304', '0b7e1c1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b'],
    ]);

    it('maps a unit code (or "402 - Secretaría Particular") to the unit id; empty leaves the program owner', () => {
      const rows = [
        { ...valid, level: 'Componente 1', responsibleUnit: '402' },
        { ...valid, level: 'Componente 2', responsibleUnit: '304 - Secretaría de Gobierno' },
        { ...valid, level: 'Componente 3', responsibleUnit: '' },
      ];
      const { indicators, errors } = mapMirRows(table(rows), { unitIds });
      expect(errors).toEqual([]);
      expect(indicators.map((i) => i.indicator.responsibleUnitId)).toEqual([unitIds.get('402'), unitIds.get('304'), undefined]);
      expect('responsibleUnitId' in indicators[2].indicator).toBe(false);
      expect(responsibleUnitCodes(table(rows))).toEqual(['402', '304']);
    });

    it('an unknown code is an error naming the column', () => {
      const { indicators, errors } = mapMirRows(table([{ ...valid, responsibleUnit: '999' }], { responsibleUnit: 'UR' }), { unitIds });
      expect(indicators).toEqual([]);
      expect(errors).toEqual([{ row: 2, column: 'UR', message: 'no existe una unidad responsable con la clave "999" en el municipio' }]);
    });

    it.each([
      ['402', '402'],
      [' 402 ', '402'],
      ['402 - Secretaría Particular', '402'],
      ['4.2-A – Dirección', '4.2-A'],
      ['Secretaría Particular', 'Secretaría Particular'],
    ])('reads the code of "%s" as "%s"', (text, code) => {
      expect(unitCodeOf(text)).toBe(code);
    });
  });

  it('keeps the position of a row that failed for the tree check, and finds a level repeated among failed rows', () => {
    const rows = [
      { ...valid, level: 'Componente 1', type: 'Táctico' },
      { ...valid, level: 'Actividad 1.1' },
      { ...valid, level: 'Componente 1', name: '' },
      { ...valid, level: 'Nivel raro', name: '' },
    ];
    const { indicators, errors, unmapped } = mapMirRows(table(rows));
    expect(indicators.map((i) => i.row)).toEqual([3]);
    expect(unmapped).toEqual([{ row: 2, position: { level: 'componente', componentNumber: 1, activityNumber: null } }]);
    expect(errors.filter((e) => e.row === 4)).toEqual([
      { row: 4, column: MIR_HEADERS.name, message: 'es obligatorio' },
      { row: 4, column: MIR_HEADERS.level, message: 'Componente 1 ya aparece en la fila 2' },
    ]);
  });

  it('takes accumulation and factor from their optional columns', () => {
    const { indicators, errors } = mapMirRows(table([{ ...valid, accumulation: 'Nivel', factor: '1000' }]));
    expect(errors).toEqual([]);
    expect(indicators[0].indicator).toMatchObject({ accumulation: 'stock', factor: 1000 });
    expect(indicators[0].notes).toEqual([]);
  });

  it('lists every problem with its row and column, in Spanish, and yields no draft for those rows', () => {
    const rows = [
      valid,
      { ...valid, level: 'Subactividad 1', name: '', type: 'Táctico', q2: 'mucho', baselineYear: '22' },
      { ...valid, level: 'Componente 1', frequency: 'Bienal', direction: '', unitOfMeasure: 'Taller', q1: '5%', q2: '2', q3: '3', q4: '4', baselineValue: '3', baselineYear: '' },
      { ...valid, level: 'Actividad 2.3' },
    ];
    const { indicators, errors } = mapMirRows(table(rows, { level: 'Nivel MIR', q2: 'Meta T2' }));
    expect(indicators.map((i) => i.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, column: 'Nivel MIR', message: '"Subactividad 1" no es un nivel de la MIR; use Fin, Propósito, Componente N o Actividad N.M' },
      { row: 3, column: MIR_HEADERS.name, message: 'es obligatorio' },
      { row: 3, column: MIR_HEADERS.type, message: '"Táctico" no es válido; use Estratégico o De gestión' },
      { row: 3, column: 'Meta T2', message: '"mucho" no es un número' },
      { row: 3, column: MIR_HEADERS.baselineYear, message: '"22" no es un año (AAAA, entre 2000 y 2100)' },
      { row: 4, column: MIR_HEADERS.frequency, message: '"Bienal" no es válido; use Mensual, Trimestral, Semestral o Anual' },
      { row: 4, column: MIR_HEADERS.direction, message: 'es obligatorio' },
      { row: 4, column: MIR_HEADERS.q1, message: '"5%" es un porcentaje, pero la unidad de medida es "Taller"' },
      { row: 4, column: MIR_HEADERS.baselineYear, message: 'indique el año de la línea base' },
      { row: 5, column: 'Nivel MIR', message: 'Actividad 2.3 ya aparece en la fila 2' },
    ]);
  });

  it('applies the indicators\' own schema (lengths, ranges) and names the column of the file', () => {
    const { indicators, errors } = mapMirRows(table([{ ...valid, name: 'x'.repeat(501), unitOfMeasure: `Porcentaje ${'u'.repeat(100)}` }], { name: 'Nombre del indicador' }));
    expect(indicators).toEqual([]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Nombre del indicador'],
      [2, MIR_HEADERS.unitOfMeasure],
    ]);
  });

  it.each([
    ['targets.q3', 'q3'],
    ['baseline.year', 'baselineYear'],
    ['baseline', 'baselineValue'],
    ['activityNumber', 'level'],
    ['formula.numerator', 'method'],
    ['responsibleUnitId', 'responsibleUnit'],
    ['meansOfVerification', 'meansOfVerification'],
  ])('reports an error on the field %s in the column %s', (field, column) => {
    expect(columnForField(field)).toBe(column);
  });

  it('refuses negative numbers and a zero or percent factor', () => {
    const { errors } = mapMirRows(table([{ ...valid, q3: '-5%', factor: '0' }]));
    expect(errors).toEqual([
      { row: 2, column: MIR_HEADERS.q3, message: 'no puede ser negativo' },
      { row: 2, column: MIR_HEADERS.factor, message: 'debe ser un número mayor que 0 (100 para porcentajes)' },
    ]);
  });

  describe('MIR design warnings of the dry run (imported as the report has them, to correct afterwards)', () => {
    const share = { ...valid, q1: '25%', q2: '25%', q3: '25%', q4: '25%', cumulativeTarget: '1' };
    const headers = { cumulativeTarget: 'Acumulado *' };
    // Quarters that do not add up to 100%: a flow, which needs no constant denominator.
    const flow = { ...valid, q4: '50%' };

    it('an annual indicator with four targets, and a share of the annual goal without a constant denominator, break the API rules', () => {
      const { indicators, errors, warnings } = mapMirRows(table([{ ...share, level: 'Fin', type: 'Estratégico', frequency: 'Anual' }], headers));
      expect(errors).toEqual([]);
      expect(indicators).toHaveLength(1);
      expect(warnings).toEqual([
        { row: 2, column: MIR_HEADERS.method, message: expect.stringMatching(/^con acumulación "parte de la meta anual" el denominador es la meta anual: debe ser una constante .*corríjalo después de importar$/) },
        { row: 2, column: MIR_HEADERS.frequency, message: expect.stringMatching(/^un indicador de frecuencia anual lleva meta en un solo trimestre .*tiene 4: q1, q2, q3, q4; .*corríjalo después de importar$/) },
      ]);
    });

    it('no design warning for a flow indicator measured quarterly, of a distinct method', () => {
      const { warnings } = mapMirRows(table([flow, { ...flow, level: 'Actividad 2.4', method: 'sesiones celebradas / sesiones programadas' }]));
      expect(warnings).toEqual([]);
    });

    it('an Actividad typed Estratégico, and two rows with the same calculation method (spacing and case aside)', () => {
      const { warnings } = mapMirRows(
        table([
          { ...flow, type: 'Estratégico' },
          { ...flow, level: 'Actividad 2.4', method: ' (Talleres realizados / talleres programados)*100 ' },
        ]),
      );
      expect(warnings).toEqual([
        { row: 2, column: MIR_HEADERS.type, message: 'una Actividad mide la gestión de un proceso: su tipo suele ser De gestión, no Estratégico' },
        { row: 3, column: MIR_HEADERS.method, message: 'el mismo método de cálculo que Actividad 2.3 (fila 2): dos indicadores que miden lo mismo' },
      ]);
    });

    it('a value taken left of its column (a shifted row of the printed report) is a warning on that column', () => {
      const { indicators, warnings } = mapMirRows({ headers: {}, ignoredColumns: [], rows: [{ row: 7, cells: flow, shifted: ['meansOfVerification'] }] });
      expect(indicators).toHaveLength(1);
      expect(warnings).toEqual([{ row: 7, column: MIR_HEADERS.meansOfVerification, message: expect.stringMatching(/^leído más a la izquierda que su columna/) }]);
    });
  });
});
