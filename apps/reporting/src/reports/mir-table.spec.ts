import { IndicatorDefinition, ProgramSnapshot } from '@tequio/contracts';
import { ManualCapture } from '../captures/captures.repository';
import { ConsolidationService } from './consolidation.service';
import { declaredValueAgrees, declaredValueWarning } from './mir-table';

describe('declaredValueAgrees', () => {
  it.each([
    [25, 25, true],
    [25, 25.49, true],
    [25, 24.5, true],
    [25, 25.5, false],
    [25, 30.769231, false],
    [30.8, 30.769231, true],
    [30.77, 30.769231, true],
    [30.7, 30.769231, false],
    [0, 0.4, true],
    [0, 0.6, false],
  ])('declared %p against computed %p: %p', (declared, computed, agrees) => {
    expect(declaredValueAgrees(declared, computed)).toBe(agrees);
  });
});

describe('declaredValueWarning', () => {
  it('names the quarter, the declared value and what the pair gives', () => {
    expect(declaredValueWarning(2, 25, { numerator: 4, denominator: 13, achieved: 30.769231 }, 100)).toBe(
      'la captura del trimestre 2 declara 25, pero su numerador y denominador dan 4 / 13 × 100 = 30.77; el informe usa el valor calculado',
    );
  });

  it('says nothing when the declared value agrees, or there is nothing to compare', () => {
    expect(declaredValueWarning(2, 25, { numerator: 13, denominator: 52, achieved: 25 }, 100)).toBeNull();
    expect(declaredValueWarning(2, null, { numerator: 4, denominator: 13, achieved: 30.769231 }, 100)).toBeNull();
    expect(declaredValueWarning(2, 25, { numerator: 4, denominator: 0, achieved: null }, 100)).toBeNull();
  });
});

describe('the MIR table of a program with captures that declare a value', () => {
  const program = {
    programId: '3d0f8a1b-6c2e-4f7a-8b9d-1e2f3a4b5c6d',
    code: '04',
    name: 'Gobierno participativo',
    label: 'P.P. 04',
    year: 2023,
    ownerUnitCode: '304',
    objectiveIds: [],
  } as unknown as ProgramSnapshot;
  const indicator = (levelLabel: string, id: string, level: IndicatorDefinition['level']): IndicatorDefinition => ({
    indicatorId: id,
    programId: program.programId,
    year: 2023,
    level,
    componentNumber: level === 'componente' ? 1 : null,
    activityNumber: null,
    parentId: null,
    levelLabel,
    name: `Indicador ${levelLabel}`,
    definition: 'd',
    calculationMethod: 'a / b × 100',
    unitOfMeasure: 'Porcentaje',
    type: 'gestion',
    dimension: 'eficacia',
    frequency: 'trimestral',
    direction: 'ascendente',
    baseline: null,
    accumulation: 'flow',
    factor: 100,
    meansOfVerification: null,
    responsibleUnitId: '6f1c2a9e-8a53-4c1e-9c31-2f0a2b7d4e10',
    responsibleUnitCode: '304',
    targets: { q1: 25, q2: 25, q3: 25, q4: 25 },
    formula: { numerator: { kind: 'manual' }, denominator: { kind: 'manual' } },
    version: 1,
  });
  const fin = indicator('Fin', '00000000-0000-4000-8000-000000000001', 'fin');
  const component = indicator('Componente 1', '00000000-0000-4000-8000-000000000002', 'componente');
  const capture = (indicatorId: string, quarter: number, figures: Pick<ManualCapture, 'value' | 'numerator' | 'denominator'>): ManualCapture => ({
    indicatorId,
    programId: program.programId,
    year: 2023,
    quarter,
    ...figures,
    justification: 'informe',
    evidence: [{ documentId: 'SG/1', description: 'informe' }],
    capturedBy: 'planeacion',
    capturedAt: new Date('2023-07-05T17:00:00Z'),
    version: 1,
    attachments: 0,
  });

  async function tableWith(captures: ManualCapture[]) {
    const snapshots = {
      indicatorsOfProgram: jest.fn(async () => [fin, component]),
      plans: jest.fn(async () => []),
      semaphore: jest.fn(async () => undefined),
    };
    const facts = { total: jest.fn(), breakdown: jest.fn() };
    const repository = { ofProgram: jest.fn(async () => captures) };
    const service = new ConsolidationService(snapshots as never, facts as never, repository as never);
    return service.table('oaxaca', program, 2023, 2);
  }

  it('computes the value from numerator and denominator and notes the declared value that does not match', async () => {
    const table = await tableWith([
      capture(fin.indicatorId, 1, { value: 25, numerator: 13, denominator: 52 }),
      capture(fin.indicatorId, 2, { value: 25, numerator: 4, denominator: 13 }),
      capture(component.indicatorId, 2, { value: 40, numerator: null, denominator: null }),
    ]);
    const [finRow, componentRow] = table.indicators;
    expect(finRow.indicatorId).toBe(fin.indicatorId);
    expect(finRow.evaluation.quarters.map((q) => q.achieved)).toEqual([25, 30.769231]);
    expect(finRow.evaluation.quarters[1]).toMatchObject({ numerator: 4, denominator: 13 });
    // A value captured alone is still the quarter's value.
    expect(componentRow.indicatorId).toBe(component.indicatorId);
    expect(componentRow.evaluation.quarters[1].achieved).toBe(40);
    expect(table.warnings.filter((w) => w.code === 'valor_declarado_no_cuadra')).toEqual([
      {
        code: 'valor_declarado_no_cuadra',
        indicatorId: fin.indicatorId,
        message: 'Fin: la captura del trimestre 2 declara 25, pero su numerador y denominador dan 4 / 13 × 100 = 30.77; el informe usa el valor calculado',
      },
    ]);
  });

  it('notes nothing when every declared value matches its pair within rounding', async () => {
    const table = await tableWith([
      capture(fin.indicatorId, 1, { value: 25, numerator: 13, denominator: 52 }),
      capture(fin.indicatorId, 2, { value: 30.8, numerator: 4, denominator: 13 }),
    ]);
    expect(table.warnings.map((w) => w.code)).not.toContain('valor_declarado_no_cuadra');
  });
});
