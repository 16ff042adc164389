import { describe, expect, it } from 'vitest';
import { cardLayout, valueAt } from './list-cards.ts';

const plain = (n: number) => Array.from({ length: n }, () => ({ actions: false }));

describe('a phone card of a list', () => {
  it('takes the first column as title, the next three as fields and the actions column at the bottom', () => {
    expect(cardLayout([...plain(6), { actions: true }])).toEqual({ title: 0, fields: [1, 2, 3], extra: null, actions: 6 });
    expect(cardLayout(plain(2))).toEqual({ title: 0, fields: [1], extra: null, actions: null });
  });

  it('follows the list’s own choice, leaving the chosen extra out of the fields', () => {
    expect(cardLayout(plain(8), { title: 1, extra: 7 })).toEqual({ title: 1, fields: [0, 2, 3], extra: 7, actions: null });
    expect(cardLayout(plain(8), { title: 1, fields: [0, 4, 6], extra: 7 })).toEqual({
      title: 1,
      fields: [0, 4, 6],
      extra: 7,
      actions: null,
    });
    expect(cardLayout([{ actions: true }, ...plain(2)], { actions: null })).toEqual({ title: 1, fields: [2], extra: null, actions: null });
  });

  it('reads a value by a name or a path, and nothing through a missing or plain value', () => {
    const row = { title: '噪音', handler_unit: { name: '求雨山社区' }, count: 0, empty: null };
    expect(valueAt(row, 'title')).toBe('噪音');
    expect(valueAt(row, ['handler_unit', 'name'])).toBe('求雨山社区');
    expect(valueAt(row, 'count')).toBe(0);
    expect(valueAt(row, ['empty', 'name'])).toBeUndefined();
    expect(valueAt(row, ['title', 'length'])).toBeUndefined();
    expect(valueAt(row, undefined)).toBeUndefined();
  });
});
