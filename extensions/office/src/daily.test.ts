import { describe, expect, it } from 'vitest';
import { checkKey, missedItems } from './daily.ts';

describe('daily must-do', () => {
  const templates = [
    { id: 1, unit_path: '/D/S1/C1/', title: '巡查本网格' },
    { id: 2, unit_path: '/D/S1/', title: '走访独居老人' },
    { id: 3, unit_path: '/D/S1/C2/', title: '检查消防通道' },
  ];
  const workers = [
    { id: 'a', unit: 11, unit_path: '/D/S1/C1/G1/', name: '王伟' },
    { id: 'b', unit: 21, unit_path: '/D/S1/C2/G1/', name: '李静' },
  ];

  it('lists every item a worker had and did not tick, from the community and the units above it', () => {
    const done = new Set([checkKey('a', '2026-11-26', 1), checkKey('b', '2026-11-25', 3)]);
    expect(missedItems(templates, workers, '2026-11-26', done).map((m) => [m.name, m.title])).toEqual([
      ['王伟', '走访独居老人'],
      ['李静', '走访独居老人'],
      ['李静', '检查消防通道'],
    ]);
  });
});
