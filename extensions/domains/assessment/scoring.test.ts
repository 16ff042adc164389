// Each rule with the district's own numbers, worked by hand (考评办法第六至十一条).

import { describe, expect, it } from 'vitest';
import { adjust, type Item, ruleProblems, scoreItem } from './scoring.ts';

const activity: Item = { full: 5, rule: { kind: 'at_least', min: 10, per: 0.5 } };
const lateReceipts: Item = { full: 3, rule: { kind: 'per_occurrence', per: 0.5 } };
const serviceObjects: Item = { full: 4, rule: { kind: 'per_missing', per: 0.1 } };
const gridStaff: Item = { full: 1, rule: { kind: 'per_missing', per: 0.1 } };
const resolution: Item = { full: 2, rule: { kind: 'rate_at_least', threshold: 95 } };
const serviceRate: Item = { full: 2, rule: { kind: 'rate_per_point', target: 100, per: 0.2 } };
const feedback: Item = { full: 6, cap: 6, rule: { kind: 'per_occurrence', per: 1 } };

describe('scoring an item', () => {
  it.each([
    ['活动记录 12 条', activity, 12, 5, 0],
    ['活动记录 10 条', activity, 10, 5, 0],
    ['活动记录 7 条：少 3 条 × 0.5', activity, 7, 3.5, 1.5],
    ['活动记录 0 条：扣完为止', activity, 0, 0, 5],
    ['超时收文 1 次', lateReceipts, 1, 2.5, 0.5],
    ['超时收文 7 次：3.5 封顶 3', lateReceipts, 7, 0, 3],
    ['服务对象少 3 类 × 0.1', serviceObjects, 3, 3.7, 0.3],
    ['一长四员少 12 人：封顶 1', gridStaff, 12, 0, 1],
    ['一长四员齐全', gridStaff, 0, 1, 0],
    ['没有及时反馈 2 次 × 1', feedback, 2, 4, 2],
  ])('%s', (_name, item, value, points, deducted) => {
    expect(scoreItem(item, { value })).toMatchObject({ points, deducted });
  });

  it.each([
    ['化解率 19/20 = 95 %', resolution, 19, 20, 2],
    ['化解率 18/20 = 90 %', resolution, 18, 20, 0],
    ['无纠纷：不扣分', resolution, 0, 0, 2],
    ['服务率 100 %', serviceRate, 40, 40, 2],
    ['服务率 39/40 = 97.5 %：低 3 个点 × 0.2', serviceRate, 39, 40, 1.4],
    ['服务率 199/200 = 99.5 %：低 1 个点', serviceRate, 199, 200, 1.8],
    ['服务率 80 %：封顶 2', serviceRate, 8, 10, 0],
  ])('%s', (_name, item, value, of, points) => {
    expect(scoreItem(item, { value, of }).points).toBe(points);
  });

  it('gives points by band, the highest band reached', () => {
    const item: Item = {
      full: 3,
      rule: {
        kind: 'rate_bands',
        bands: [
          { at_least: 60, points: 1 },
          { at_least: 90, points: 3 },
          { at_least: 80, points: 2 },
        ],
      },
    };
    expect(scoreItem(item, { value: 85, of: 100 }).points).toBe(2);
    expect(scoreItem(item, { value: 95, of: 100 }).points).toBe(3);
    expect(scoreItem(item, { value: 50, of: 100 })).toMatchObject({ points: 0, deducted: 3 });
  });

  it('rounds to 0.1 as the tables do', () => {
    expect(scoreItem({ full: 1, rule: { kind: 'per_missing', per: 0.1 } }, { value: 3 })).toMatchObject({ points: 0.7, deducted: 0.3 });
  });

  it('caps a deduction below the item’s points when the rubric says so', () => {
    expect(scoreItem({ full: 4, cap: 2, rule: { kind: 'per_occurrence', per: 1 } }, { value: 5 })).toMatchObject({
      points: 2,
      deducted: 2,
    });
  });

  it('says the deduction in words', () => {
    expect(scoreItem(activity, { value: 7 }).reason).toBe('7条，少于10条，差3条，扣1.5分');
    expect(scoreItem(serviceRate, { value: 39, of: 40 }).reason).toBe('比率97.5%，低于100%共3个百分点，扣0.6分');
  });

  it('leaves manual items and missing data to people', () => {
    expect(scoreItem({ full: 3, rule: { kind: 'manual' } }, null)).toMatchObject({ pending: true, points: 0 });
    expect(scoreItem(activity, null)).toMatchObject({ pending: true });
  });
});

describe('settings an administrator enters', () => {
  it.each([
    ['a negative cap', { full: 3, cap: -1, rule: { kind: 'per_occurrence', per: 0.5 } }, '最多扣分应为不小于0的数'],
    ['a cap above the full points', { full: 3, cap: 4, rule: { kind: 'per_occurrence', per: 0.5 } }, '最多扣分不能超过满分'],
    ['a rule without its parameters', { full: 5, rule: { kind: 'at_least' } }, '最少数量应为正整数'],
    ['an unknown kind', { full: 5, rule: { kind: 'constructor' } }, '评分方式应为以下之一'],
    ['no rule', { full: 5 }, '评分方式应为以下之一'],
    ['no full points', { rule: { kind: 'manual' } }, '满分应为大于0的数'],
    ['a rate above 100', { full: 2, rule: { kind: 'rate_at_least', threshold: 120 } }, '达标比率应为0到100之间的百分数'],
    [
      'a band above the full points',
      { full: 2, rule: { kind: 'rate_bands', bands: [{ at_least: 50, points: 3 }] } },
      '分档得分不能超过满分',
    ],
    ['a string where a number belongs', { full: '5', rule: { kind: 'manual' } }, '满分应为大于0的数'],
  ])('refuses %s', (_name, item, problem) => {
    expect(ruleProblems(item).join('；')).toContain(problem);
    expect(() => scoreItem(item as Item, { value: 1 })).toThrow(problem);
  });

  it('accepts the district’s own items', () => {
    for (const item of [activity, lateReceipts, serviceObjects, gridStaff, resolution, serviceRate, feedback])
      expect(ruleProblems(item)).toEqual([]);
  });
});

describe('adjusting by hand', () => {
  it('keeps the computed reason and adds the assessor’s', () => {
    const computed = scoreItem(activity, { value: 7 });
    expect(adjust(computed, activity, 4, '补录的3条活动记录经核实')).toEqual({
      points: 4,
      deducted: 1,
      reason: '7条，少于10条，差3条，扣1.5分；评分单位调整为4分：补录的3条活动记录经核实',
    });
  });

  it('replaces an earlier adjustment rather than adding to it', () => {
    const once = adjust(scoreItem(activity, { value: 7 }), activity, 4, '补录的3条活动记录经核实');
    expect(adjust(once, activity, 4.5, '又核实1条').reason).toBe('7条，少于10条，差3条，扣1.5分；评分单位调整为4.5分：又核实1条');
    const manual = adjust(scoreItem({ full: 3, rule: { kind: 'manual' } }, null), { full: 3 }, 2, '典型案例入围');
    expect(adjust(manual, { full: 3 }, 3, '典型案例获奖').reason).toBe('评分单位调整为3分：典型案例获奖');
  });

  it.each([
    [6, '理由充分', '分数应在0到5分之间'],
    [-1, '理由充分', '分数应在0到5分之间'],
    [3, '', '调整分数须说明理由'],
    ['3', '理由充分', '分数应为数字'],
  ])('refuses %j with %j', (points, reason, problem) => {
    expect(() => adjust(scoreItem(activity, { value: 7 }), activity, points, reason)).toThrow(problem);
  });
});
