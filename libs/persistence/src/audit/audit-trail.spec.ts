import { diffSnapshots } from './audit-trail';

describe('diffSnapshots', () => {
  it('lists only the fields that changed, with both values', () => {
    expect(diffSnapshots({ name: 'A', code: '402', version: 1 }, { name: 'B', code: '402', version: 2 })).toEqual({ name: { from: 'A', to: 'B' } });
  });

  it('records every field of a creation as coming from null', () => {
    expect(diffSnapshots(null, { code: '402', parentId: null })).toEqual({ code: { from: null, to: '402' } });
  });

  it('compares nested values by content', () => {
    expect(diffSnapshots({ targets: [1, 2] }, { targets: [1, 2] })).toEqual({});
    expect(diffSnapshots({ targets: [1, 2] }, { targets: [1, 3] })).toEqual({ targets: { from: [1, 2], to: [1, 3] } });
  });
});
