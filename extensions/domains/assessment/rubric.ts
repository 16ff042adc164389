// A rubric as stored (sections, items with a rule kind and its parameters in
// fields of their own) read into the shapes scoring.ts scores, and a unit's
// item scores summed into sections and a total, and units ranked. Pure.

import { parseFormula } from './formula.ts';
import { metricOf } from './metrics.ts';
import { type Item, type Rule, round1, RULE_KINDS, ruleProblems, type Score } from './scoring.ts';

/** An assessment_items row as the database gives it (decimals may come back as text). */
export interface ItemRow {
  id: number;
  section: number;
  code: string | null;
  name: string;
  full: unknown;
  cap: unknown;
  rule_kind: string;
  min: unknown;
  per: unknown;
  threshold: unknown;
  target: unknown;
  bands: unknown;
  formula?: string | null;
  metric: string | null;
  sort?: number | null;
}

export interface SectionRow {
  id: number;
  code: string | null;
  name: string;
  points: unknown;
  sort?: number | null;
}

const num = (value: unknown) => (value === null || value === undefined || value === '' ? undefined : Number(value));

/** The item's rule from its fields; the parameters a kind does not use are ignored. */
export function ruleOf(row: Pick<ItemRow, 'rule_kind' | 'min' | 'per' | 'threshold' | 'target' | 'bands' | 'formula'>): Rule {
  const bands = typeof row.bands === 'string' ? safeJson(row.bands) : row.bands;
  switch (row.rule_kind) {
    case 'at_least':
      return { kind: 'at_least', min: num(row.min) as number, per: num(row.per) as number };
    case 'per_occurrence':
    case 'per_missing':
      return { kind: row.rule_kind, per: num(row.per) as number };
    case 'rate_at_least':
      return { kind: 'rate_at_least', threshold: num(row.threshold) as number };
    case 'rate_per_point':
      return { kind: 'rate_per_point', target: num(row.target) as number, per: num(row.per) as number };
    case 'rate_bands':
      return { kind: 'rate_bands', bands: bands as { at_least: number; points: number }[] };
    case 'formula':
      return { kind: 'formula', formula: row.formula as string };
    default:
      return { kind: row.rule_kind as 'manual' };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function itemOf(row: ItemRow): Item {
  return { full: num(row.full) as number, cap: num(row.cap) ?? null, rule: ruleOf(row) };
}

/**
 * What is wrong with an item as an administrator saved it, in Chinese: its rule
 * (scoring.ts) and its metric (a computed rule needs one that exists, of the kind
 * it scores: a rate for the rate rules, a count for the others).
 */
export function itemProblems(row: Partial<ItemRow>): string[] {
  const item = itemOf({ ...row, rule_kind: row.rule_kind ?? 'manual' } as ItemRow);
  const problems = ruleProblems(item);
  if (item.rule.kind === 'manual' || !Object.hasOwn(RULE_KINDS, item.rule.kind)) return problems;
  if (item.rule.kind === 'formula') {
    const formula = parseFormula(item.rule.formula, (name) => metricOf(name) !== null);
    return formula.ok || problems.length ? problems : formula.problems;
  }
  const metric = metricOf(row.metric);
  if (!row.metric) problems.push('计算得分的考评内容须选择统计指标');
  else if (!metric) problems.push(`统计指标“${String(row.metric)}”不存在`);
  else if ((metric.kind === 'rate') !== item.rule.kind.startsWith('rate_'))
    problems.push(`统计指标“${metric.label}”是${metric.kind === 'rate' ? '比率' : '计数'}，与评分方式不符`);
  else if (metric.kind === 'missing' && item.rule.kind !== 'per_missing')
    problems.push(`统计指标“${metric.label}”只能按“每缺一项扣分”评分`);
  return problems;
}

export interface ItemScore extends Score {
  item: number;
  section: number;
  full: number;
}

export interface SectionTotal {
  section: number;
  points: number;
  full: number;
}

/** A unit's total and its sections' (manual items still pending count nothing yet). */
export function totals(scores: ItemScore[], sections: SectionRow[]): { total: number; sections: SectionTotal[] } {
  const bySection = sections.map((s) => {
    const mine = scores.filter((x) => x.section === s.id);
    return { section: s.id, points: round1(mine.reduce((sum, x) => sum + x.points, 0)), full: Number(s.points) };
  });
  return { total: round1(bySection.reduce((sum, s) => sum + s.points, 0)), sections: bySection };
}

/** Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4). */
export function rank<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((row) => ({ ...row, rank: sorted.findIndex((r) => r.total === row.total) + 1 }));
}

/** A unit's total in an earlier period (a run's scores summed). */
export interface PastTotal {
  run: number;
  period: string;
  unit: number;
  total: number;
}

/**
 * Each unit's change from the period before and its totals over the periods given
 * (oldest first, this one last; null where it was not scored). Where a period was
 * scored more than once (another rubric), the latest run stands.
 */
export function trends(current: { unit: number; total: number }[], past: PastTotal[], periods: string[]) {
  const latest = new Map<string, number>();
  for (const p of past) latest.set(p.period, Math.max(latest.get(p.period) ?? 0, p.run));
  const totalOf = new Map(past.filter((p) => latest.get(p.period) === p.run).map((p) => [`${p.period}|${p.unit}`, round1(p.total)]));
  return new Map(
    current.map((u) => {
      const trend = [...periods.map((period) => totalOf.get(`${period}|${u.unit}`) ?? null), u.total];
      const before = trend.at(-2) ?? null;
      return [u.unit, { previous: before, change: before === null ? null : round1(u.total - before), trend }];
    }),
  );
}
