import { check, report } from './consistency';

describe('consistency check', () => {
  it('reports a breakdown that does not add up to its total, with the difference', () => {
    const appeals = check('appeals.byRequesterCategory', 'Recursos por categoría', 5, { hombre: 2, mujer: 2, no_identificado: 2 });
    const requests = check('requests.byMonth', 'Solicitudes por mes', 71, [{ count: 26 }, { count: 13 }, { count: 32 }]);
    const result = report([requests, appeals]);
    expect(requests).toMatchObject({ consistent: true, breakdownTotal: 71, difference: 0 });
    expect(result.consistent).toBe(false);
    expect(result.inconsistencies).toEqual([
      { name: 'appeals.byRequesterCategory', label: 'Recursos por categoría', total: 5, breakdownTotal: 6, consistent: false, difference: 1 },
    ]);
  });

  it('is consistent when every breakdown adds up', () => {
    expect(report([check('a', 'A', 3, [1, 2]), check('b', 'B', 0, {})])).toMatchObject({ consistent: true, inconsistencies: [] });
  });
});
