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

  it('gives a duration’s median and 90th percentile in hours, per child and in all', () => {
    const row = (id: number, path: string, hours: number) => ({
      id,
      path,
      started: '2026-11-02 01:00:00.000',
      ended: new Date(Date.parse('2026-11-02T01:00:00Z') + hours * 3_600_000),
    });
    const { total, children: byChild } = tallyFigure({ kind: 'duration' }, children, [
      row(1, '/D/S01/C001/', 2),
      row(2, '/D/S01/C001/', 4),
      row(3, '/D/S01/C002/', 30),
      row(4, '/D/S02/', 1.25),
    ]);
    expect(total).toEqual({ value: 4, median: 2, p90: 30 });
    expect(byChild.get(1)).toEqual({ value: 3, median: 4, p90: 30 });
    expect(byChild.get(2)).toEqual({ value: 1, median: 1.3, p90: 1.3 });
  });
});
