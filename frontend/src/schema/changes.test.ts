import { describe, expect, it } from 'vitest';
import { changesOf } from './changes.ts';

describe('what an edit sends', () => {
  it('is the fields changed, compared by value', () => {
    const before = { name: '第一网格', contact_phone: null, boundary: { type: 'Polygon', coordinates: [[[1, 2]]] }, tags: ['a'] };
    expect(
      changesOf(before, {
        name: '第一网格',
        contact_phone: undefined,
        boundary: { type: 'Polygon', coordinates: [[[1, 3]]] },
        tags: ['a'],
        remark: '新',
      }),
    ).toEqual({ boundary: { type: 'Polygon', coordinates: [[[1, 3]]] }, remark: '新' });
    expect(changesOf(before, { ...before })).toEqual({});
    expect(changesOf(before, { contact_phone: '' })).toEqual({ contact_phone: '' });
    expect(changesOf({}, { __proto__: 'x' } as never)).toEqual({});
  });
});
