import { describe, expect, it } from 'vitest';
import { childPath } from '../../extensions/kernel/unit-path.ts';
import { DEMO_UNITS } from './test-input.ts';
import { COMMUNITIES_PER_STREET, extendTree, GRIDS_PER_COMMUNITY } from './tree.ts';

describe('the unit tree at the district’s size', () => {
  const added = extendTree(DEMO_UNITS, 1000, 7);
  const all = [...DEMO_UNITS, ...added];

  it('has about 150 communities and 1,500 grids under the nine real streets, the demo units kept', () => {
    const communities = all.filter((u) => u.level === 'community');
    expect(communities).toHaveLength(150);
    expect(all.filter((u) => u.level === 'grid')).toHaveLength(150 * GRIDS_PER_COMMUNITY);
    for (const street of all.filter((u) => u.level === 'street'))
      expect(communities.filter((c) => c.parent === street.id)).toHaveLength(COMMUNITIES_PER_STREET[street.code]!);
    expect(added.some((u) => u.level === 'street' || u.kind !== 'office')).toBe(false);
    expect(added.every((u) => u.id >= 1000)).toBe(true);
  });

  it('derives every path with the jurisdiction rule’s function, codes and names unique', () => {
    const byId = new Map(all.map((u) => [u.id, u]));
    for (const u of added) expect(u.path).toBe(childPath(byId.get(u.parent!)!.path, u.code));
    expect(new Set(all.map((u) => u.path)).size).toBe(all.length);
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
    const communities = all.filter((u) => u.level === 'community');
    expect(new Set(communities.map((c) => c.code)).size).toBe(communities.length);
    expect(new Set(communities.map((c) => c.name)).size).toBe(communities.length);
  });

  it('is the same for the same seed, and adds nothing to a tree already grown', () => {
    expect(extendTree(DEMO_UNITS, 1000, 7)).toEqual(added);
    expect(extendTree(all, 5000, 7)).toEqual([]);
  });
});
