// How one rubric item is scored (考评办法第六至十一条), as typed templates an
// administrator fills in a form: no expressions for the common cases. Pure: the
// item's settings and the metric values in, the points and the deduction in
// words out. The rubric itself is data (collections of the assessment); this
// module only knows the shapes of the rules.
//
// Every item is worth `full` points and never scores below zero (扣完为止): the
// deduction is capped at `cap` (the item's own points where no cap is named), and
// points are rounded to 0.1 as the district's tables give them.

/** Kinds of rule, each with the parameters its form asks for. */
export type Rule =
  /** 每月不少于 min 条，少一条扣 per 分 (活动记录每月不少于10条, 少一条扣0.5分). */
  | { kind: 'at_least'; min: number; per: number }
  /** 每发生一次扣 per 分 (超时收文每次扣0.5分; 没有及时反馈的每发现一次扣1分). */
  | { kind: 'per_occurrence'; per: number }
  /** 每缺一个扣 per 分 (8类服务对象少一个扣0.1分; 一长四员少一个扣0.1分). */
  | { kind: 'per_missing'; per: number }
  /** 比率达到 threshold（百分数）得满分，否则不得分 (化解率达95%以上). */
  | { kind: 'rate_at_least'; threshold: number }
  /** 比率低于 target 时每低一个百分点扣 per 分 (服务率100%，低一个点扣0.2分). */
  | { kind: 'rate_per_point'; target: number; per: number }
  /** 比率分档得分：达到 at_least 的最高一档得 points 分 (bands from the highest). */
  | { kind: 'rate_bands'; bands: { at_least: number; points: number }[] }
  /** 按公式计分：统计指标的公式给出得分 (where no template fits; formula.ts). */
  | { kind: 'formula'; formula: string }
  /** 评分单位据实打分，附理由和佐证 (典型案例评比, 领导带头). */
  | { kind: 'manual' };

export const RULE_KINDS: Record<Rule['kind'], string> = {
  at_least: '不少于规定数量，每少一个扣分',
  per_occurrence: '每发生一次扣分',
  per_missing: '每缺一项扣分',
  rate_at_least: '比率达到标准得分',
  rate_per_point: '比率每低一个百分点扣分',
  rate_bands: '比率分档得分',
  formula: '按公式计分（统计指标的公式）',
  manual: '人工评分（附理由和佐证）',
};

export interface Item {
  /** 满分 */
  full: number;
  /** 最多扣分: at most this much is taken; defaults to the full points. */
  cap?: number | null;
  rule: Rule;
}

/** What the metric behind an item measured for a unit and period. */
export interface Measure {
  /** A count (records, occurrences, missing things) or, for rates, the numerator. */
  value: number;
  /** For rates: the denominator (a rate of nothing is not measured). */
  of?: number;
  /** For a formula: each metric it reads, by name (a rate as its percentage). */
  inputs?: Record<string, number>;
}

export interface Score {
  points: number;
  deducted: number;
  /** The deduction in words, as the unit's scorecard shows it. */
  reason: string;
  /** Manual items wait for the assessing unit; no points yet. */
  pending?: boolean;
}

import { FULL, parseFormula } from './formula.ts';

export const round1 = (x: number) => Math.round((x + Number.EPSILON) * 10) / 10;
const fmt = (x: number) => String(round1(x));

/** What is wrong with an item's settings, in Chinese, before it is saved; empty when none. */
export function ruleProblems(item: unknown): string[] {
  const problems: string[] = [];
  const it = (item ?? {}) as Partial<Item> & { rule?: Partial<Rule> & Record<string, unknown> };
  const positive = (value: unknown, name: string, allowZero = false) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
      problems.push(`${name}应为${allowZero ? '不小于0' : '大于0'}的数`);
  };
  positive(it.full, '满分');
  if (it.cap !== undefined && it.cap !== null) {
    positive(it.cap, '最多扣分', true);
    if (typeof it.cap === 'number' && typeof it.full === 'number' && it.cap > it.full) problems.push('最多扣分不能超过满分');
  }
  const rule = it.rule;
  if (!rule || typeof rule !== 'object' || typeof rule.kind !== 'string' || !Object.hasOwn(RULE_KINDS, rule.kind)) {
    problems.push(`评分方式应为以下之一：${Object.values(RULE_KINDS).join('、')}`);
    return problems;
  }
  const percent = (value: unknown, name: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) problems.push(`${name}应为0到100之间的百分数`);
  };
  switch (rule.kind) {
    case 'at_least':
      if (!Number.isInteger(rule.min) || (rule.min as number) < 1) problems.push('最少数量应为正整数');
      positive(rule.per, '每少一个扣分');
      break;
    case 'per_occurrence':
      positive(rule.per, '每次扣分');
      break;
    case 'per_missing':
      positive(rule.per, '每缺一项扣分');
      break;
    case 'rate_at_least':
      percent(rule.threshold, '达标比率');
      break;
    case 'rate_per_point':
      percent(rule.target, '目标比率');
      positive(rule.per, '每低一个百分点扣分');
      break;
    case 'rate_bands': {
      const bands = rule.bands;
      if (!Array.isArray(bands) || !bands.length) {
        problems.push('分档至少要有一档');
        break;
      }
      for (const band of bands as unknown[]) {
        const b = (band ?? {}) as { at_least?: unknown; points?: unknown };
        percent(b.at_least, '分档比率');
        positive(b.points, '分档得分', true);
        if (typeof b.points === 'number' && typeof it.full === 'number' && b.points > it.full) problems.push('分档得分不能超过满分');
      }
      break;
    }
    case 'formula': {
      // Its names are checked against the metrics where the rubric is read (rubric.ts itemProblems).
      const formula = parseFormula(rule.formula, () => true);
      if (!formula.ok) problems.push(...formula.problems);
      break;
    }
  }
  return problems;
}

/** The rate in percent, or null when there is nothing to divide by. */
export function rateOf(measure: Measure): number | null {
  if (!measure.of || measure.of <= 0) return null;
  return (100 * measure.value) / measure.of;
}

/** Scores an item from its measure. Throws on settings that `ruleProblems` refuses. */
export function scoreItem(item: Item, measure: Measure | null): Score {
  const problems = ruleProblems(item);
  if (problems.length) throw new Error(problems.join('；'));
  const { rule, full } = item;
  const cap = Math.min(item.cap ?? full, full);
  const take = (raw: number, words: string): Score => {
    const deducted = round1(Math.min(Math.max(raw, 0), cap));
    return { points: round1(full - deducted), deducted, reason: deducted > 0 ? `${words}，扣${fmt(deducted)}分` : words };
  };
  if (rule.kind === 'manual') return { points: 0, deducted: 0, reason: '待评分单位评分', pending: true };
  if (!measure) return { points: 0, deducted: 0, reason: '缺少数据，待核实', pending: true };

  switch (rule.kind) {
    case 'at_least': {
      const short = Math.max(rule.min - measure.value, 0);
      return take(
        short * rule.per,
        short ? `${fmt(measure.value)}条，少于${rule.min}条，差${short}条` : `${fmt(measure.value)}条，达到${rule.min}条`,
      );
    }
    case 'per_occurrence':
      return take(measure.value * rule.per, measure.value ? `发生${measure.value}次，每次扣${fmt(rule.per)}分` : '未发生');
    case 'per_missing':
      return take(measure.value * rule.per, measure.value ? `缺${measure.value}项，每项扣${fmt(rule.per)}分` : '齐全');
    case 'rate_at_least': {
      const rate = rateOf(measure);
      if (rate === null) return { points: full, deducted: 0, reason: '本期无应计数，不扣分' };
      const met = rate >= rule.threshold;
      return met
        ? { points: full, deducted: 0, reason: `比率${fmt(rate)}%，达到${fmt(rule.threshold)}%` }
        : { points: 0, deducted: full, reason: `比率${fmt(rate)}%，未达到${fmt(rule.threshold)}%，不得分` };
    }
    case 'rate_per_point': {
      const rate = rateOf(measure);
      if (rate === null) return { points: full, deducted: 0, reason: '本期无应计数，不扣分' };
      // Whole points below the target: 99.5 % against 100 % is one point below, as people count it.
      const below = Math.max(Math.ceil(round1(rule.target - rate)), 0);
      return take(
        below * rule.per,
        below ? `比率${fmt(rate)}%，低于${fmt(rule.target)}%共${below}个百分点` : `比率${fmt(rate)}%，达到${fmt(rule.target)}%`,
      );
    }
    case 'formula': {
      const formula = parseFormula(rule.formula, (name) => Object.hasOwn(measure.inputs ?? {}, name));
      const read = Object.entries(measure.inputs ?? {})
        .map(([name, value]) => `${name}=${fmt(value)}`)
        .join('，');
      try {
        if (!formula.ok) throw new Error(formula.problems.join('；'));
        const points = round1(Math.min(Math.max(formula.evaluate({ ...measure.inputs, [FULL]: full }), 0), full));
        return { points, deducted: round1(full - points), reason: `按公式${rule.formula}计分（${read || '无指标'}），得${fmt(points)}分` };
      } catch (error) {
        return { points: 0, deducted: 0, reason: `公式无法计算（${(error as Error).message}），待核实`, pending: true };
      }
    }
    case 'rate_bands': {
      const rate = rateOf(measure);
      if (rate === null) return { points: full, deducted: 0, reason: '本期无应计数，不扣分' };
      const band = [...rule.bands].sort((a, b) => b.at_least - a.at_least).find((b) => rate >= b.at_least);
      const points = round1(Math.min(band?.points ?? 0, full));
      return {
        points,
        deducted: round1(full - points),
        reason: `比率${fmt(rate)}%，${band ? `达到${fmt(band.at_least)}%档` : '未达到最低一档'}，得${fmt(points)}分`,
      };
    }
  }
}

/** How an adjustment begins in a score's words. */
const ADJUSTED = '评分单位调整为';

/**
 * A computed score adjusted by the assessing unit (mixed items; a manual item's score):
 * never above the full points, never below zero, always with a reason.
 */
export function adjust(score: Score, item: Pick<Item, 'full'>, points: unknown, reason: unknown): Score {
  if (typeof reason !== 'string' || reason.trim().length < 2) throw new Error('调整分数须说明理由');
  if (typeof points !== 'number' || !Number.isFinite(points)) throw new Error('分数应为数字');
  if (points < 0 || points > item.full) throw new Error(`分数应在0到${fmt(item.full)}分之间`);
  const p = round1(points);
  // A score adjusted before keeps its computed words, not the earlier adjustment's.
  const computed = score.pending ? '' : score.reason.split(ADJUSTED)[0]!.replace(/；$/, '');
  return {
    points: p,
    deducted: round1(item.full - p),
    reason: `${computed ? `${computed}；` : ''}${ADJUSTED}${fmt(p)}分：${reason.trim()}`,
  };
}
