import { describe, expect, it } from 'vitest';
import { tallyFigure } from './statistics.ts';

const children = [
  { id: 1, path: '/D/S01/', name: '一街' },
  { id: 2, path: '/D/S02/', name: '二街' },
];

describe('a figure tallied for a unit and its children', () => {
  it('counts each row in the whole and in the child it lies under, with the breakdowns', () => {
    const { total, children: byChild } = tallyFigure({ kind: 'count', by: { type: '类型' } }, children, [
      { id: 1, path: '/D/S01/C001/', type: 'event' },
      { id: 2, path: '/D/S01/', type: 'task' },
      { id: 3, path: '/D/S02/C004/G01/', type: 'event' },
      // At the unit itself: in the whole only.
      { id: 4, path: '/D/', type: null },
    ]);
    expect(total).toEqual({ value: 4, groups: { type: { event: 2, task: 1, '': 1 } } });
    expect(byChild.get(1)).toEqual({ value: 2, groups: { type: { event: 1, task: 1 } } });
    expect(byChild.get(2)).toEqual({ value: 1, groups: { type: { event: 1 } } });
  });

  it('rates hits of rows, in percent to 0.1, none where nothing was counted', () => {
    const { total, children: byChild } = tallyFigure({ kind: 'rate' }, children, [
      { id: 1, path: '/D/S01/C001/', hit: 1 },
      { id: 2, path: '/D/S01/C002/', hit: 0 },
      { id: 3, path: '/D/S01/C002/', hit: '1' },
    ]);
    expect(total).toEqual({ value: 2, of: 3, rate: 66.7 });
    expect(byChild.get(2)).toEqual({ value: 0, of: 0, rate: null });
  });
});
