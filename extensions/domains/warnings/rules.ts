// Early-warning rules (预警规则) as data: what an administrator may ask for, of five
// kinds, and the pure decisions each kind makes on the figures the evaluator reads.
// - threshold: a unit's figure (a rate in percent, or a count) over the last days
//   below or above a bound — 按期办结率 below 85 %;
// - trend: a unit's count this month above the mean + kσ of its previous months —
//   a grid's disputes above the mean + 2σ of its last six months;
// - silence: no record of a kind for some days — no patrol in a grid for 7 days,
//   a phone not logged in for 3 working days;
// - cluster: N reports of one category under one unit within some hours — a
//   possible mass incident;
// - deadline: matters past their deadline and still open (the matters' red light).
// Pure: the evaluator (evaluate.ts) keeps the queries.

import { FIGURES } from '../statistics/figures.ts';

export const WARNING_KINDS = {
  threshold: '阈值预警',
  trend: '趋势预警',
  silence: '静默预警',
  cluster: '聚集预警',
  deadline: '超期预警',
} as const;
export type WarningKind = keyof typeof WARNING_KINDS;

/** The four colours of the national early-warning scale, mildest first. */
export const WARNING_LEVELS = { blue: '蓝色（一般）', yellow: '黄色（较重）', orange: '橙色（严重）', red: '红色（特别严重）' } as const;
export type WarningLevel = keyof typeof WARNING_LEVELS;

export const COMPARATORS = { below: '低于', above: '高于' } as const;
export type Comparator = keyof typeof COMPARATORS;

/** What a silence rule listens for. */
export const SILENCE_SOURCES = { patrols: '巡逻记录', activity: '工作活动记录', logins: '终端登录' } as const;
export type SilenceSource = keyof typeof SILENCE_SOURCES;

/** The levels a rule may watch (the district itself is watched by no one above it). */
export const WATCHED_LEVELS = { street: '街道', community: '社区', grid: '网格' } as const;
export type WatchedLevel = keyof typeof WATCHED_LEVELS;

export interface WarningRule {
  id: number;
  name: string;
  /** The office that made the rule: it watches the units under it. */
  unit_path: string;
  kind: WarningKind;
  level: WarningLevel;
  applies_to: WatchedLevel;
  active: boolean;
  /** threshold, trend: the statistics figure. */
  figure: string | null;
  /** threshold: below or above the bound. */
  comparator: Comparator | null;
  /** threshold: the bound (a rate in percent, or a count); deadline: overdue matters at least (1 when empty). */
  threshold: number | null;
  /** threshold: the days before now the figure is counted over (30 when empty). */
  window_days: number | null;
  /** trend: the months before this one it compares with (6 when empty). */
  months: number | null;
  /** trend: how many standard deviations above the mean (2 when empty). */
  sigma: number | null;
  /** threshold on a rate: the rows needed before a rate is judged; trend: the count needed at least (3 when empty). */
  min_base: number | null;
  /** silence: what it listens for. */
  source: SilenceSource | null;
  /** silence: days without a record (working days for logins). */
  days: number | null;
  /** cluster: one matter category only (its id), or every category. */
  category: number | null;
  /** cluster: reports at least. */
  count: number | null;
  /** cluster: within this many hours. */
  hours: number | null;
}

/** The parameters each kind reads, besides name, level and the watched level. */
export const KIND_PARAMS: Record<WarningKind, readonly (keyof WarningRule)[]> = {
  threshold: ['figure', 'comparator', 'threshold', 'window_days', 'min_base'],
  trend: ['figure', 'months', 'sigma', 'min_base'],
  silence: ['source', 'days'],
  cluster: ['category', 'count', 'hours'],
  deadline: ['threshold'],
};

export const DEFAULTS = { window_days: 30, months: 6, sigma: 2, trend_min: 3, rate_min: 1, deadline_min: 1 } as const;

/** The figures a threshold may watch (counts and rates), and a trend (counts of what happened, not of a state). */
export const THRESHOLD_FIGURES = Object.entries(FIGURES)
  .filter(([, f]) => f.kind === 'count' || f.kind === 'rate')
  .map(([k]) => k);
export const TREND_FIGURES = Object.entries(FIGURES)
  .filter(([, f]) => f.kind === 'count' && !('state' in f && f.state))
  .map(([k]) => k);

const whole = (x: unknown, min: number, max: number) => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const number = (x: unknown, min: number, max: number) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max;
const given = (x: unknown) => x !== null && x !== undefined;

/** Why a rule cannot be evaluated (Chinese), or nothing. The hook checks every save with it. */
export function ruleProblems(rule: Partial<Record<keyof WarningRule, unknown>>): string[] {
  const problems: string[] = [];
  if (typeof rule.name !== 'string' || !rule.name.trim()) problems.push('请填写规则名称');
  if (!Object.hasOwn(WARNING_KINDS, String(rule.kind))) return [...problems, '请选择预警类型'];
  if (!Object.hasOwn(WARNING_LEVELS, String(rule.level))) problems.push('请选择预警等级');
  if (!Object.hasOwn(WATCHED_LEVELS, String(rule.applies_to))) problems.push('请选择预警对象层级（街道、社区或网格）');
  const kind = rule.kind as WarningKind;
  if (kind === 'threshold') {
    if (!THRESHOLD_FIGURES.includes(String(rule.figure))) problems.push('阈值预警须选择统计项（数量或比率）');
    if (!Object.hasOwn(COMPARATORS, String(rule.comparator))) problems.push('阈值预警须选择“低于”或“高于”');
    const rate = FIGURES[rule.figure as keyof typeof FIGURES]?.kind === 'rate';
    if (!number(rule.threshold, 0, rate ? 100 : 1_000_000)) problems.push(rate ? '阈值应为0到100之间的百分数' : '阈值应为不小于0的数');
    if (given(rule.window_days) && !whole(rule.window_days, 1, 366)) problems.push('统计天数应为1到366之间的整数');
    if (given(rule.min_base) && !whole(rule.min_base, 0, 100_000)) problems.push('最少样本数应为不小于0的整数');
  }
  if (kind === 'trend') {
    if (!TREND_FIGURES.includes(String(rule.figure))) problems.push('趋势预警须选择一个计数的统计项（如矛盾纠纷数）');
    if (given(rule.months) && !whole(rule.months, 2, 24)) problems.push('对比月数应为2到24之间的整数');
    if (given(rule.sigma) && !number(rule.sigma, 0, 10)) problems.push('标准差倍数应为0到10之间的数');
    if (given(rule.min_base) && !whole(rule.min_base, 0, 100_000)) problems.push('最少数量应为不小于0的整数');
  }
  if (kind === 'silence') {
    if (!Object.hasOwn(SILENCE_SOURCES, String(rule.source))) problems.push('静默预警须选择监测内容（巡逻记录、工作活动记录或终端登录）');
    if (!whole(rule.days, 1, 365)) problems.push('静默天数应为1到365之间的整数');
  }
  if (kind === 'cluster') {
    if (given(rule.category) && !whole(rule.category, 1, Number.MAX_SAFE_INTEGER)) problems.push('事项类别无效');
    if (!whole(rule.count, 2, 10_000)) problems.push('聚集预警的事项数应为不小于2的整数');
    if (!whole(rule.hours, 1, 24 * 90)) problems.push('聚集时段应为1到2160之间的小时数');
  }
  if (kind === 'deadline' && given(rule.threshold) && !whole(rule.threshold, 1, 100_000)) problems.push('超期事项数应为不小于1的整数');
  return problems;
}

/** Whether a value crosses the bound. */
export function crosses(value: number, comparator: Comparator, bound: number): boolean {
  return comparator === 'below' ? value < bound : value > bound;
}

export interface TrendJudgement {
  fires: boolean;
  mean: number;
  sd: number;
  /** The value above which it fires: mean + kσ. */
  bound: number;
}

/** A count against the mean + kσ of its history (population standard deviation); at least `min` to fire at all. */
export function judgeTrend(history: readonly number[], current: number, sigma: number, min: number): TrendJudgement {
  const n = history.length;
  const mean = n ? history.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n ? Math.sqrt(history.reduce((a, b) => a + (b - mean) ** 2, 0) / n) : 0;
  const bound = mean + sigma * sd;
  return { fires: current >= min && current > bound, mean, sd, bound };
}

/** The `n` working days that ended before `today` (YYYY-MM-DD), newest first. */
export function workingDaysBefore(today: string, n: number, isWorking: (day: string) => boolean): string[] {
  const out: string[] = [];
  let t = Date.parse(`${today}T00:00:00Z`);
  // A year back at most: a calendar of holidays only cannot hold n working days further away.
  for (let i = 0; out.length < n && i < 366; i++) {
    t -= 86_400_000;
    const day = new Date(t).toISOString().slice(0, 10);
    if (isWorking(day)) out.push(day);
  }
  return out;
}

/** One thing found: a unit (and a key within it — a category, a terminal) for which the rule holds now. */
export interface Finding {
  unit: number;
  /** What distinguishes several episodes of one rule at one unit (a category, a terminal); '' when one. */
  key: string;
  value: number | null;
  summary: string;
  evidence: { collection: string; ids: number[] };
}

/** The episode a finding belongs to: a warning is raised once per episode and not again while it lasts. */
export const episodeKey = (rule: number, f: Pick<Finding, 'unit' | 'key'>) => `${rule}:${f.unit}:${f.key}`;

/**
 * What an evaluation changes: findings without an open episode raise a warning; open episodes
 * found again are kept (their figures refreshed); open episodes not found end (the warning stays,
 * its episode is over, and the next finding raises a new one).
 */
export function reconcile<W extends { id: number; open_key: string }>(
  open: readonly W[],
  rule: number,
  findings: readonly Finding[],
): { raise: Finding[]; keep: { warning: W; finding: Finding }[]; end: W[] } {
  const openByKey = new Map(open.map((w) => [w.open_key, w]));
  const found = new Set<string>();
  const raise: Finding[] = [];
  const keep: { warning: W; finding: Finding }[] = [];
  for (const f of findings) {
    const key = episodeKey(rule, f);
    if (found.has(key)) continue;
    found.add(key);
    const warning = openByKey.get(key);
    if (warning) keep.push({ warning, finding: f });
    else raise.push(f);
  }
  return { raise, keep, end: open.filter((w) => !found.has(w.open_key)) };
}

/** A figure as a summary writes it: whole numbers as they are, others to one decimal. */
export const formatNumber = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
