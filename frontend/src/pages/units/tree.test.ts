import { describe, expect, it } from 'vitest';
import { descendants, findUnit, parentPath, unitTree } from './tree.ts';

const ROWS = [
  { id: 5, name: '求雨山社区第一网格', path: '/320111/S01/C001/G01/', level: 'grid' },
  { id: 2, name: '江浦街道', path: '/320111/S01/', level: 'street' },
  { id: 3, name: '求雨山社区', path: '/320111/S01/C001/', level: 'community' },
  { id: 4, name: '象山社区', path: '/320111/S01/C002/', level: 'community' },
  { id: 9, name: '泰山街道大华社区第一网格', path: '/320111/S03/C007/G01/', level: 'grid' },
];

describe('the unit tree from paths', () => {
  it('hangs each unit under the nearest unit the user may read', () => {
    const tree = unitTree(ROWS);
    expect(tree.map((n) => n.title)).toEqual(['江浦街道', '泰山街道大华社区第一网格']);
    expect(tree[0]!.children.map((n) => n.title)).toEqual(['求雨山社区', '象山社区']);
    expect(tree[0]!.children[0]!.children.map((n) => n.key)).toEqual([5]);
  });

  it('finds a unit and everything below it', () => {
    const tree = unitTree(ROWS);
    expect(descendants(findUnit(tree, 3)!).map((n) => n.key)).toEqual([3, 5]);
    expect(findUnit(tree, 42)).toBeNull();
  });

  it('reads the parent of a path', () => {
    expect(parentPath('/320111/S01/C001/')).toBe('/320111/S01/');
    expect(parentPath('/320111/')).toBeNull();
  });

  it('ignores units without a path and is empty for none', () => {
    expect(unitTree([{ id: 1, name: 'x', path: '' }])).toEqual([]);
    expect(unitTree([])).toEqual([]);
  });
});
