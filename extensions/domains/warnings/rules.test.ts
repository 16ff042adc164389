import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crosses, episodeKey, judgeTrend, reconcile, ruleProblems, workingDaysBefore, type Finding } from './rules.ts';

const finding = (unit: number, key = ''): Finding => ({ unit, key, value: 1, summary: '', evidence: { collection: 'matters', ids: [] } });

describe('warning rules', () => {
  it('accepts a rule of each kind with its parameters', () => {
    const base = { name: '规则', level: 'yellow', applies_to: 'grid' };
    expect(ruleProblems({ ...base, kind: 'threshold', figure: 'matters_closed_on_time', comparator: 'below', threshold: 85 })).toEqual([]);
    expect(ruleProblems({ ...base, kind: 'trend', figure: 'disputes', months: 6, sigma: 2 })).toEqual([]);
    expect(ruleProblems({ ...base, kind: 'silence', source: 'patrols', days: 7 })).toEqual([]);
    expect(ruleProblems({ ...base, kind: 'cluster', count: 5, hours: 72 })).toEqual([]);
    expect(ruleProblems({ ...base, kind: 'deadline' })).toEqual([]);
  });

  it('names what a rule lacks or gets wrong, in Chinese', () => {
    const base = { name: '规则', level: 'yellow', applies_to: 'grid' };
    expect(ruleProblems({ ...base, kind: 'threshold', figure: 'matters_closed_on_time', comparator: 'below', threshold: 120 })).toEqual([
      '阈值应为0到100之间的百分数',
    ]);
    // A duration is neither a count nor a rate; a trend needs a count of what happened.
    expect(ruleProblems({ ...base, kind: 'threshold', figure: 'matters_handling_hours', comparator: 'above', threshold: 5 })).toContain(
      '阈值预警须选择统计项（数量或比率）',
    );
    expect(ruleProblems({ ...base, kind: 'trend', figure: 'people' })[0]).toMatch(/趋势预警须选择/);
    expect(ruleProblems({ ...base, kind: 'silence', source: 'patrols', days: 0 })).toEqual(['静默天数应为1到365之间的整数']);
    expect(ruleProblems({ ...base, kind: 'cluster', count: 1, hours: 72 })).toEqual(['聚集预警的事项数应为不小于2的整数']);
    expect(ruleProblems({ ...base, kind: 'nonsense' })).toEqual(['请选择预警类型']);
    expect(ruleProblems({ kind: 'deadline', level: 'pink', applies_to: 'district', name: ' ' })).toEqual([
      '请填写规则名称',
      '请选择预警等级',
      '请选择预警对象层级（街道、社区或网格）',
    ]);
  });

  it('never throws, whatever the values', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'name',
            'kind',
            'level',
            'applies_to',
            'figure',
            'threshold',
            'days',
            'count',
            'hours',
            'sigma',
            'months',
            'source',
            'comparator',
            '__proto__',
            'constructor',
          ),
          fc.anything(),
        ),
        (row) => {
          expect(Array.isArray(ruleProblems(row))).toBe(true);
        },
      ),
    );
  });

  it('compares against a bound', () => {
    expect(crosses(84.9, 'below', 85)).toBe(true);
    expect(crosses(85, 'below', 85)).toBe(false);
    expect(crosses(6, 'above', 5)).toBe(true);
    expect(crosses(5, 'above', 5)).toBe(false);
  });

  it('judges a trend against the mean + kσ of the months before', () => {
    // Mean 2, σ 0.816…: the bound 3.63.
    expect(judgeTrend([1, 2, 3, 1, 2, 3], 4, 2, 3)).toMatchObject({ fires: true, mean: 2 });
    expect(judgeTrend([1, 2, 3, 1, 2, 3], 3, 2, 3).fires).toBe(false);
    // A quiet history: one dispute more is not a trend below the minimum.
    expect(judgeTrend([0, 0, 0, 0, 0, 0], 2, 2, 3).fires).toBe(false);
    expect(judgeTrend([0, 0, 0, 0, 0, 0], 3, 2, 3).fires).toBe(true);
    expect(judgeTrend([], 3, 2, 3)).toMatchObject({ fires: true, mean: 0, sd: 0 });
  });

  it('counts working days back from a day, skipping weekends and holidays', () => {
    const holidays = new Set(['2026-10-01', '2026-10-02']);
    const working = (d: string) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) && !holidays.has(d);
    // Monday 5 October: Friday 2nd and Thursday 1st are holidays.
    expect(workingDaysBefore('2026-10-05', 3, working)).toEqual(['2026-09-30', '2026-09-29', '2026-09-28']);
    expect(workingDaysBefore('2026-10-07', 2, working)).toEqual(['2026-10-06', '2026-10-05']);
    expect(workingDaysBefore('2026-10-07', 2, () => false)).toEqual([]);
  });

  it('raises a warning once per episode', () => {
    const open = [
      { id: 1, open_key: episodeKey(9, finding(10)) },
      { id: 2, open_key: episodeKey(9, finding(11, 'category-3')) },
    ];
    const result = reconcile(open, 9, [finding(10), finding(12), finding(12), finding(11, 'category-4')]);
    expect(result.raise.map((f) => [f.unit, f.key])).toEqual([
      [12, ''],
      [11, 'category-4'],
    ]);
    expect(result.keep.map((k) => k.warning.id)).toEqual([1]);
    expect(result.end.map((w) => w.id)).toEqual([2]);
    expect(reconcile([], 9, [])).toEqual({ raise: [], keep: [], end: [] });
  });
});
