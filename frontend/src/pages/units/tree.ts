// The unit tree as far as a user may read it, built from the units' paths
// (`/320111/S01/C001/`): a unit hangs under the nearest unit whose path starts its
// own. Parents the user cannot read are skipped, so the tree starts at the user's
// own unit. Pure, tested beside this file; the unit browser, the matters filter and
// the user administration draw it.

export interface UnitRow {
  id: number;
  name: string;
  path: string;
  level?: string | null;
  kind?: string | null;
}

export interface UnitNode {
  key: number;
  value: number;
  title: string;
  path: string;
  level: string | null;
  kind: string | null;
  children: UnitNode[];
}

export function unitTree(rows: UnitRow[]): UnitNode[] {
  const sorted = [...rows]
    .filter((r) => typeof r.path === 'string' && r.path !== '')
    .sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
  const byPath = new Map<string, UnitNode>();
  const roots: UnitNode[] = [];
  for (const row of sorted) {
    const node: UnitNode = {
      key: row.id,
      value: row.id,
      title: row.name,
      path: row.path,
      level: row.level ?? null,
      kind: row.kind ?? null,
      children: [],
    };
    byPath.set(row.path, node);
    // Nearest readable ancestor: drop one segment at a time.
    let parent: UnitNode | undefined;
    for (let p = parentPath(row.path); p && !parent; p = parentPath(p)) parent = byPath.get(p);
    (parent ? parent.children : roots).push(node);
  }
  const order = (nodes: UnitNode[]) => {
    nodes.sort((a, b) => a.path.localeCompare(b.path));
    for (const n of nodes) order(n.children);
  };
  order(roots);
  return roots;
}

/** `/a/b/c/` → `/a/b/`; the root's parent is null. */
export function parentPath(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : null;
}

/** A node and every node below it. */
export function descendants(node: UnitNode): UnitNode[] {
  return [node, ...node.children.flatMap(descendants)];
}

/** The node with this id anywhere in the tree. */
export function findUnit(nodes: UnitNode[], id: number | null | undefined): UnitNode | null {
  for (const n of nodes) {
    if (n.key === id) return n;
    const below = findUnit(n.children, id);
    if (below) return below;
  }
  return null;
}
