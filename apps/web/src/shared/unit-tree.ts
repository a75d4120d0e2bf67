import type { UnitKind } from '../api/types';

type UnitLike = { id: string; parentId: string | null; name: string; kind?: UnitKind; sortOrder?: number };

export type UnitTreeNode<U extends UnitLike> = {
  key: string;
  value: string;
  title: string;
  unit: U;
  children: UnitTreeNode<U>[];
};

/**
 * Builds the unit tree from the flat list the API returns. A unit whose parent is missing from the
 * list (e.g. outside the caller's scope) becomes a root rather than disappearing.
 */
export function buildUnitTree<U extends UnitLike>(units: U[]): UnitTreeNode<U>[] {
  const nodes = new Map<string, UnitTreeNode<U>>();
  for (const unit of units) nodes.set(unit.id, { key: unit.id, value: unit.id, title: unit.name, unit, children: [] });
  const roots: UnitTreeNode<U>[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: UnitTreeNode<U>[]) => {
    list.sort((a, b) => (a.unit.sortOrder ?? 0) - (b.unit.sortOrder ?? 0));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** Ids of a unit and everything under it. */
export function descendantIds<U extends UnitLike>(units: U[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}
