import { describe, expect, it } from 'vitest';
import { attribution, tally } from './measure.ts';
import { itemProblems, rank, ruleOf, totals, trends } from './rubric.ts';

describe('a rubric item as stored', () => {
  it('reads its rule from the fields of its kind, decimals given as text', () => {
    expect(ruleOf({ rule_kind: 'at_least', min: 10, per: '0.5', threshold: null, target: null, bands: null })).toEqual({
      kind: 'at_least',
      min: 10,
      per: 0.5,
    });
    expect(
      ruleOf({ rule_kind: 'rate_bands', min: null, per: null, threshold: null, target: null, bands: '[{"at_least":95,"points":2}]' }),
    ).toEqual({
      kind: 'rate_bands',
      bands: [{ at_least: 95, points: 2 }],
    });
  });

  it.each([
    [{ rule_kind: 'at_least', full: 5, min: 10, per: 0.5, metric: 'activity_records' }, []],
    [{ rule_kind: 'manual', full: 3 }, []],
    [{ rule_kind: 'at_least', full: 5, min: 10, per: 0.5 }, ['计算得分的考评内容须选择统计指标']],
    [{ rule_kind: 'at_least', full: 5, min: 10, per: 0.5, metric: 'no_such' }, ['统计指标“no_such”不存在']],
    [
      { rule_kind: 'rate_at_least', full: 2, threshold: 95, metric: 'activity_records' },
      ['统计指标“工作活动记录条数”是计数，与评分方式不符'],
    ],
    [{ rule_kind: 'per_occurrence', full: 2, per: 0.5, metric: 'dispute_resolution' }, [expect.stringContaining('是比率')]],
    [{ rule_kind: 'per_occurrence', full: 2, per: 0.1, metric: 'service_categories_missing' }, [expect.stringContaining('每缺一项扣分')]],
    [{ rule_kind: 'per_occurrence', full: 2, cap: -1, per: 0.5, metric: 'late_receipts' }, ['最多扣分应为不小于0的数']],
    [{ rule_kind: 'at_least', full: 5, metric: 'activity_records' }, ['最少数量应为正整数', '每少一个扣分应为大于0的数']],
    [{ rule_kind: 'eval', full: 5 }, [expect.stringContaining('评分方式应为以下之一')]],
    [{ rule_kind: 'manual', full: '5; DROP TABLE' }, ['满分应为大于0的数']],
  ])('%j → %j', (row, problems) => {
    expect(itemProblems(row as never)).toEqual(problems);
  });
});

describe('a unit’s total and the ranking', () => {
  const sections = [
    { id: 1, code: null, name: '日常办公', points: '12' },
    { id: 2, code: null, name: '安全保密', points: 3 },
  ];
  const score = (section: number, points: number) => ({ item: 0, section, full: 5, points, deducted: 0, reason: '' });

  it('sums items into sections and a total, to 0.1', () => {
    expect(totals([score(1, 3.5), score(1, 2.3), score(2, 0.1)], sections)).toEqual({
      total: 5.9,
      sections: [
        { section: 1, points: 5.8, full: 12 },
        { section: 2, points: 0.1, full: 3 },
      ],
    });
  });

  it('ranks the highest first, equal totals sharing a rank', () => {
    expect(rank([{ total: 80 }, { total: 95 }, { total: 80 }, { total: 70 }]).map((r) => [r.total, r.rank])).toEqual([
      [95, 1],
      [80, 2],
      [80, 2],
      [70, 4],
    ]);
  });
});

describe('measuring for the assessed units', () => {
  const streets = [
    { id: 1, path: '/320111/S01/', name: '江浦街道' },
    { id: 2, path: '/320111/S02/', name: '泰山街道' },
  ];

  it('attributes a record to the unit it lies under, a grid’s to its street, and none outside', () => {
    const of = attribution(streets);
    expect(of('/320111/S01/C001/G01/')?.id).toBe(1);
    expect(of('/320111/S02/')?.id).toBe(2);
    expect(of('/320111/S010/')).toBeUndefined();
    expect(of('/320111/')).toBeUndefined();
  });

  it('counts, keeps the ids in order as evidence, and gives every unit a measure', () => {
    const rows = [
      { id: 9, path: '/320111/S01/C001/' },
      { id: 3, path: '/320111/S01/' },
      { id: 5, path: '/320111/S03/' },
    ];
    const m = tally({ kind: 'count' }, streets, rows);
    expect(m.get(1)).toEqual({ value: 2, evidence: [3, 9], more: 0 });
    expect(m.get(2)).toEqual({ value: 0, evidence: [], more: 0 });
  });

  it('takes a rate’s numerator from the hits and keeps the misses as evidence', () => {
    const rows = [1, 2, 3, 4].map((id) => ({ id, path: '/320111/S01/C002/', hit: id === 4 ? 0 : 1 }));
    expect(tally({ kind: 'rate' }, streets, rows).get(1)).toEqual({ value: 3, of: 4, evidence: [4], more: 0 });
  });

  it('names what no record stands for', () => {
    const rows = [
      { id: 1, path: '/320111/S01/C001/', item: 'drug' },
      { id: 2, path: '/320111/S01/C002/', item: 'drug' },
    ];
    const m = tally({ kind: 'missing', expected: { drug: '吸毒人员', cult: '邪教人员', hiv: '艾滋病危险人员' } }, streets, rows);
    expect(m.get(1)).toMatchObject({ value: 2, missing: ['邪教人员', '艾滋病危险人员'], evidence: [1, 2] });
    expect(m.get(2)).toMatchObject({ value: 3 });
  });
});

describe('trends', () => {
  it('gives each unit its change from the period before and its totals, the latest run of a period standing', () => {
    const past = [
      { run: 1, period: '2026-09', unit: 7, total: 80.04 },
      { run: 2, period: '2026-10', unit: 7, total: 85 },
      { run: 3, period: '2026-10', unit: 7, total: 86.5 },
      { run: 3, period: '2026-10', unit: 8, total: 70 },
    ];
    const t = trends(
      [
        { unit: 7, total: 88 },
        { unit: 8, total: 65.2 },
        { unit: 9, total: 90 },
      ],
      past,
      ['2026-08', '2026-09', '2026-10'],
    );
    expect(t.get(7)).toEqual({ previous: 86.5, change: 1.5, trend: [null, 80, 86.5, 88] });
    expect(t.get(8)).toEqual({ previous: 70, change: -4.8, trend: [null, null, 70, 65.2] });
    // Scored for the first time: no change to show.
    expect(t.get(9)).toEqual({ previous: null, change: null, trend: [null, null, null, 90] });
  });
});
