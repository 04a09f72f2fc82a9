/** A unit as a tree node: its own fields plus its dependent units, ordered by code. */
export type TreeNode<T> = T & { children: TreeNode<T>[] };

export interface TreeInput {
  id: string;
  code: string;
  parentId: string | null;
}

/**
 * Nests units under their parents. A unit whose parent is not among the given units (e.g. the parent was not
 * active on the date asked for) is shown as a root; so is any unit caught in a cycle, which is cut there
 * (the catalog refuses cycles; this only keeps a bad row from hiding units).
 */
export function buildTree<T extends TreeInput>(units: readonly T[]): TreeNode<T>[] {
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const nodes = new Map<string, TreeNode<T>>(units.map((unit) => [unit.id, { ...unit, children: [] }]));
  const childrenOf = new Map<string, TreeNode<T>[]>();
  const roots: TreeNode<T>[] = [];
  for (const node of nodes.values()) {
    if (node.parentId !== null && node.parentId !== node.id && nodes.has(node.parentId)) {
      const siblings = childrenOf.get(node.parentId) ?? [];
      siblings.push(node);
      childrenOf.set(node.parentId, siblings);
    } else {
      roots.push(node);
    }
  }
  const placed = new Set<string>();
  const attach = (node: TreeNode<T>) => {
    placed.add(node.id);
    node.children = (childrenOf.get(node.id) ?? []).filter((child) => !placed.has(child.id)).sort(byCode);
    for (const child of node.children) attach(child);
  };
  roots.sort(byCode).forEach(attach);
  // Whatever is still unplaced hangs from a cycle: start a root at its smallest code and attach from there.
  for (const node of [...nodes.values()].sort(byCode)) {
    if (placed.has(node.id)) continue;
    roots.push(node);
    attach(node);
  }
  return roots;
}
