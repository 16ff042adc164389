import { describe, expect, it } from 'vitest';
import { newestFirstSort } from './list-order.ts';

describe('newest first on a large registry', () => {
  it.each([
    ['a community', '/320111/S01/C001/'],
    ['a grid', '/320111/S01/C001/G01/'],
    ['a street', '/320111/S01/'],
  ])('is by creation time, then id, for %s', (_who, path) => expect(newestFirstSort(['-id'], path)).toEqual(['-date_created', '-id']));

  it('keeps the id order for the district and the administrator, whose rows are all the rows', () => {
    expect(newestFirstSort(['-id'], '/320111/')).toBeNull();
    expect(newestFirstSort(['-id'], null)).toBeNull();
  });

  it('leaves every other sort alone', () => {
    for (const sort of [['id'], ['name', 'id'], ['-id', 'name'], ['-date_created'], undefined, '-id'])
      expect(newestFirstSort(sort, '/320111/S01/C001/')).toBeNull();
  });
});
