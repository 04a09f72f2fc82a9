import { buildTree, TreeInput, TreeNode } from './unit-tree';

const unit = (id: string, parentId: string | null, code = id): TreeInput => ({ id, code, parentId });

function flatten<T extends TreeInput>(nodes: TreeNode<T>[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.code}`, ...flatten(node.children, depth + 1)]);
}

describe('buildTree', () => {
  it('nests units under their parents, siblings ordered by code, whatever the input order', () => {
    const units = [unit('111', '110'), unit('200', null), unit('110', '100'), unit('100', null), unit('101', '100'), unit('112', '110')];
    const expected = ['100', '  101', '  110', '    111', '    112', '200'];
    expect(flatten(buildTree(units))).toEqual(expected);
    expect(flatten(buildTree([...units].reverse()))).toEqual(expected);
  });

  it('keeps every field of the unit on its node', () => {
    const [root] = buildTree([{ ...unit('100', null), name: 'Presidencia' }]);
    expect(root).toEqual({ id: '100', code: '100', parentId: null, name: 'Presidencia', children: [] });
  });

  it('shows a unit whose parent is missing (not active that day) as a root', () => {
    expect(flatten(buildTree([unit('111', '110'), unit('100', null)]))).toEqual(['100', '111']);
  });

  it('never loses a unit caught in a cycle, and never loops', () => {
    const tree = buildTree([unit('a', 'b'), unit('b', 'a'), unit('c', 'c'), unit('d', 'a')]);
    const codes = flatten(tree).map((line) => line.trim());
    expect([...codes].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns nothing for no units', () => {
    expect(buildTree([])).toEqual([]);
  });
});
