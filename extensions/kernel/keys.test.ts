import { describe, expect, it } from 'vitest';
import { isOwnKey, keyOf } from './keys.ts';

describe('keyOf', () => {
  it.each([
    [1, 1],
    ['42', 42],
    [2_147_483_647, 2_147_483_647],
    [2_147_483_648, null],
    [0, null],
    [-1, null],
    [1.5, null],
    [1e300, null],
    ['1e300', null],
    ['abc', null],
    ['', null],
    [' 1', null],
    [null, null],
    [{}, null],
    [9_007_199_254_740_992, null],
  ])('%j → %j', (value, expected) => expect(keyOf(value)).toBe(expected));
});

describe('isOwnKey', () => {
  it('answers only for the table’s own entries', () => {
    const table = { low: '低', high: '高' };
    expect(isOwnKey(table, 'low')).toBe(true);
    for (const key of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'middle', 1, null])
      expect(isOwnKey(table, key)).toBe(false);
  });
});
