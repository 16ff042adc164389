import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFormula } from './formula.ts';
import { metricOf } from './metrics.ts';
import { itemProblems } from './rubric.ts';
import { scoreItem } from './scoring.ts';

const known = (name: string) => metricOf(name) !== null;

describe('a scoring formula', () => {
  it('reads metrics, full points, arithmetic, comparisons, conditions and the listed functions, and names its inputs', () => {
    const f = parseFormula('full - 0.5 * max(0, 10 - activity_records) - (late_receipts > 2 ? 1 : 0)', known);
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.inputs).toEqual(['activity_records', 'late_receipts']);
    expect(f.evaluate({ full: 3, activity_records: 7, late_receipts: 3 })).toBe(0.5);
    expect(f.evaluate({ full: 3, activity_records: 12, late_receipts: 0 })).toBe(3);
  });

  it.each([
    ['process.exit()', '只能使用函数'],
    ['a = 1', '只能含数字'],
    ['activity_records.constructor', '只能含数字'],
    ['"abc"', '不能含文字'],
    ['[1, 2]', '只能含数字'],
    ['f(x) = x', '只能含数字'],
    ['evaluate("1+1")', '只能使用函数'],
    ['import({})', '只能使用函数'],
    ['__proto__ + 1', '不是考评指标'],
    ['constructor', '不是考评指标'],
    ['unknown_metric * 2', '不是考评指标'],
    ['2 ^ 10', '不能使用运算符'],
    ['1 +', '无法识别'],
    ['', '请填写'],
    [{ formula: 1 }, '请填写'],
    ['1+'.repeat(300), '不能超过500个字符'],
  ])('refuses %j', (text, words) => {
    const f = parseFormula(text, known);
    expect(f.ok).toBe(false);
    if (!f.ok) expect(f.problems.join('；')).toContain(words);
  });

  it('never lets generated text through unless it is made of what is allowed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const f = parseFormula(text, known);
        if (f.ok) for (const name of f.inputs) expect(known(name)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('scores between zero and the full points, rounded to 0.1, and waits when it cannot be computed', () => {
    const item = (formula: string) => ({ full: 2, rule: { kind: 'formula' as const, formula } });
    expect(scoreItem(item('full - 0.13 * late_receipts'), { value: 0, inputs: { late_receipts: 3 } })).toMatchObject({
      points: 1.6,
      deducted: 0.4,
    });
    expect(scoreItem(item('full - 10 * late_receipts'), { value: 0, inputs: { late_receipts: 3 } }).points).toBe(0);
    expect(scoreItem(item('full + late_receipts'), { value: 0, inputs: { late_receipts: 3 } }).points).toBe(2);
    expect(scoreItem(item('full / late_receipts'), { value: 0, inputs: { late_receipts: 0 } })).toMatchObject({ pending: true, points: 0 });
    expect(scoreItem(item('full - late_receipts'), { value: 0, inputs: { late_receipts: 1 } }).reason).toContain('late_receipts=1');
  });

  it('is checked against the metrics when the item is saved', () => {
    const row = { full: 2, rule_kind: 'formula', formula: 'full - nothing_like_it' };
    expect(itemProblems(row)).toEqual(['计分公式中的“nothing_like_it”不是考评指标']);
    expect(itemProblems({ ...row, formula: 'full - service_rate / 50' })).toEqual([]);
    expect(itemProblems({ ...row, formula: null })).toEqual(['请填写计分公式']);
  });
});
