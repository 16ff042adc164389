import { describe, expect, it } from 'vitest';
import { isOwnKey, isUuid, keyOf } from './keys.ts';

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

describe('isUuid', () => {
  it('takes a UUID in either case, and nothing else', () => {
    expect(isUuid('0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(isUuid('0B9F8E1C-3A4D-4E5F-8A9B-0C1D2E3F4A5B')).toBe(true);
    for (const value of [
      '0b9f8e1c3a4d4e5f8a9b0c1d2e3f4a5b',
      '0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5',
      ' 0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      1,
      null,
      {},
      ['0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b'],
    ])
      expect(isUuid(value), JSON.stringify(value)).toBe(false);
  });
});
