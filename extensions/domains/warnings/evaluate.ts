// Evaluating a warning rule (预警研判): which of the units it watches the rule holds
// for now, each with its value, a sentence saying why, and the records behind it.
// Threshold, trend and deadline rules read the statistics' figures (the same
// queries, the same jurisdiction); silence and cluster rules read the records they
// listen to. Every query stays under the rule's office: nothing of another
// jurisdiction is read.

import type { Knex } from 'knex';
import { dateOnly, instant } from '../../kernel/db-values.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import { type Calendar, isWorkingDay } from '../../kernel/working-days.ts';
import { type Assessed, attribution, EVIDENCE_LIMIT, tally } from '../assessment/measure.ts';
import type { MetricScope } from '../assessment/metrics.ts';
import { localDay, type Period, periodOf, previous } from '../assessment/period.ts';
import { FIGURES } from '../statistics/figures.ts';
import {
  COMPARATORS,
  crosses,
  DEFAULTS,
  type Finding,
  formatNumber,
  judgeTrend,
  SILENCE_SOURCES,
  type WarningRule,
  workingDaysBefore,
} from './rules.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A stretch of time ending now, as the figures read a period. */
function window(start: Date, end: Date): Period {
  return { type: 'month', key: 'window', first: localDay(start), last: localDay(new Date(end.getTime() - 1)), start, end, label: '' };
}

const ids = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b).slice(0, EVIDENCE_LIMIT);

export interface Watched extends Assessed {
  parent: number | null;
}

/** The units a rule watches: offices of its level under the rule's office. */
export async function watchedUnits(db: Knex, rule: Pick<WarningRule, 'unit_path' | 'applies_to'>): Promise<Watched[]> {
  return (await db('units')
    .where('path', 'like', `${rule.unit_path}%`)
    .where({ level: rule.applies_to, kind: OFFICE_KIND })
    .orderBy('path')
    .select('id', 'path', 'name', 'parent')) as Watched[];
}

export interface Evaluation {
  db: Knex;
  client: string;
  calendar: Calendar;
  now: Date;
}

type FigureKey = keyof typeof FIGURES;

async function thresholdFindings(rule: WarningRule, units: Watched[], e: Evaluation): Promise<Finding[]> {
  const figure = FIGURES[rule.figure as FigureKey];
  const days = rule.window_days ?? DEFAULTS.window_days;
  const scope = scopeOf(rule, e, window(new Date(e.now.getTime() - days * DAY), e.now));
  const rows = (await figure.rows(scope)) as { id: unknown; path: unknown; hit?: unknown }[];
  const measured = tally({ kind: figure.kind === 'rate' ? 'rate' : 'count' }, units, rows);
  const out: Finding[] = [];
  const bound = rule.threshold ?? 0;
  const comparator = rule.comparator ?? 'below';
  for (const u of units) {
    const m = measured.get(u.id)!;
    const rate = figure.kind === 'rate';
    if (rate && (m.of ?? 0) < Math.max(rule.min_base ?? DEFAULTS.rate_min, 1)) continue;
    const value = rate ? Math.round((1000 * m.value) / m.of!) / 10 : m.value;
    if (!crosses(value, comparator, bound)) continue;
    const unitOf = rate ? '%' : '';
    out.push({
      unit: u.id,
      key: '',
      value,
      summary: `${u.name}近${days}天${shortLabel(figure.label)}${formatNumber(value)}${unitOf}，${COMPARATORS[comparator]}${formatNumber(bound)}${unitOf}${rate ? `（共${m.of}件）` : ''}`,
      evidence: { collection: figure.evidence, ids: m.evidence },
    });
  }
  return out;
}

async function trendFindings(rule: WarningRule, units: Watched[], e: Evaluation): Promise<Finding[]> {
  const figure = FIGURES[rule.figure as FigureKey];
  const month = periodOf('month', e.now);
  const count = async (period: Period, cutoff: Date) => {
    const rows = (await figure.rows(scopeOf(rule, e, period, cutoff))) as { id: unknown; path: unknown }[];
    return tally({ kind: 'count' }, units, rows);
  };
  const current = await count(month, e.now);
  const history = await Promise.all(previous(month, rule.months ?? DEFAULTS.months).map((p) => count(p, p.end)));
  const sigma = rule.sigma ?? DEFAULTS.sigma;
  const out: Finding[] = [];
  for (const u of units) {
    const now = current.get(u.id)!;
    const past = history.map((h) => h.get(u.id)!.value);
    const judged = judgeTrend(past, now.value, sigma, rule.min_base ?? DEFAULTS.trend_min);
    if (!judged.fires) continue;
    out.push({
      unit: u.id,
      key: month.key,
      value: now.value,
      summary: `${u.name}本月${shortLabel(figure.label)}${now.value}，高于前${past.length}个月均值${formatNumber(judged.mean)}加${formatNumber(sigma)}倍标准差（${formatNumber(judged.bound)}）`,
      evidence: { collection: figure.evidence, ids: now.evidence },
    });
  }
  return out;
}

/** Units without a patrol or activity record for `days` days (counted back from now). */
async function quietUnits(rule: WarningRule, units: Watched[], e: Evaluation): Promise<Finding[]> {
  const days = rule.days ?? 7;
  const [table, column] = rule.source === 'patrols' ? ['patrol_records', 'started_at'] : ['activity_records', 'occurred_on'];
  const latest = (await e
    .db(table)
    .where('unit_path', 'like', `${rule.unit_path}%`)
    .groupBy('unit_path')
    .select('unit_path as path', e.db.raw(`max(${column}) as last`))) as { path: string; last: unknown }[];
  const of = attribution(units);
  const last = new Map<number, string>();
  for (const row of latest) {
    const unit = of(row.path);
    // Patrols carry an instant, activities a date: each read as the day it stands for.
    const day = row.last === null ? null : rule.source === 'patrols' ? localDay(instant(row.last)!) : dateOnly(row.last);
    if (unit && day && day > (last.get(unit.id) ?? '')) last.set(unit.id, day);
  }
  // A record of the day `days` days ago or later breaks the silence (days, not hours: activities carry a date only).
  const since = localDay(new Date(e.now.getTime() - days * DAY));
  return units
    .filter((u) => !(last.get(u.id) && last.get(u.id)! >= since))
    .map((u) => ({
      unit: u.id,
      key: '',
      value: null,
      summary: `${u.name}已连续${days}天没有${SILENCE_SOURCES[rule.source!]}${last.get(u.id) ? `（最近一次：${last.get(u.id)}）` : ''}`,
      evidence: { collection: table, ids: [] },
    }));
}

/** Terminals in use whose holder has not logged in on that kind of terminal on any of the last `days` working days. */
async function silentTerminals(rule: WarningRule, units: Watched[], e: Evaluation): Promise<Finding[]> {
  const days = rule.days ?? 3;
  const workdays = workingDaysBefore(localDay(e.now), days, (d) => isWorkingDay(e.calendar, d));
  if (workdays.length < days) return [];
  const terminals = (await e
    .db('terminals as t')
    .where('t.unit_path', 'like', `${rule.unit_path}%`)
    .where('t.status', 'in_use')
    .whereNotNull('t.holder')
    .whereNotExists((q) =>
      q.from('login_days as l').whereIn(
        'l.key',
        workdays.map((d) => e.db.raw(`t.holder || '.' || ? || '.' || t.kind`, [d])),
      ),
    )
    .orderBy('t.id')
    .select('t.id', 't.unit_path as path', 't.asset_number', 't.kind')) as {
    id: number;
    path: string;
    asset_number: string;
    kind: string;
  }[];
  const of = attribution(units);
  const out: Finding[] = [];
  for (const t of terminals) {
    const unit = of(t.path);
    if (!unit) continue;
    out.push({
      unit: unit.id,
      key: `terminal-${t.id}`,
      value: days,
      summary: `${unit.name}的${t.kind === 'phone' ? '手机' : '电脑'}终端 ${t.asset_number} 已连续${days}个工作日没有登录（${workdays.at(-1)}至${workdays[0]}）`,
      evidence: { collection: 'terminals', ids: [t.id] },
    });
  }
  return out;
}

/** Matters of one category reported under one unit within the last hours, when at least `count` of them. */
async function clusterFindings(rule: WarningRule, units: Watched[], e: Evaluation): Promise<Finding[]> {
  const hours = rule.hours ?? 72;
  const rows = (await e
    .db('matters as m')
    .leftJoin('matter_categories as c', 'c.id', 'm.category')
    .where('m.unit_path', 'like', `${rule.unit_path}%`)
    .where('m.date_created', '>=', new Date(e.now.getTime() - hours * HOUR))
    .where('m.date_created', '<=', e.now)
    .modify((q) => (rule.category ? q.where('m.category', rule.category) : q))
    .select('m.id', 'm.unit_path as path', 'm.category', 'c.name as category_name')) as {
    id: number;
    path: string;
    category: number | null;
    category_name: string | null;
  }[];
  const of = attribution(units);
  const groups = new Map<string, { unit: Assessed; category: string; ids: number[] }>();
  for (const r of rows) {
    const unit = of(r.path);
    if (!unit) continue;
    const key = `${unit.id}:${r.category ?? ''}`;
    const g = groups.get(key) ?? { unit, category: r.category_name ?? '未分类', ids: [] as number[] };
    g.ids.push(r.id);
    groups.set(key, g);
  }
  const least = rule.count ?? 2;
  return [...groups.entries()]
    .filter(([, g]) => g.ids.length >= least)
    .map(([key, g]) => ({
      unit: g.unit.id,
      key: `category-${key.split(':')[1]}`,
      value: g.ids.length,
      summary: `${g.unit.name}${hours}小时内上报“${g.category}”类事项${g.ids.length}件，可能形成群体性事件`,
      evidence: { collection: 'matters', ids: ids(g.ids) },
    }));
}

async function deadlineFindings(rule: WarningRule, units: Watched[], e: Evaluation): Promise<Finding[]> {
  const figure = FIGURES.matters_overdue;
  const scope = scopeOf(rule, e, window(new Date(e.now.getTime() - DAY), e.now));
  const measured = tally({ kind: 'count' }, units, (await figure.rows(scope)) as { id: unknown; path: unknown }[]);
  const least = rule.threshold ?? DEFAULTS.deadline_min;
  return units
    .filter((u) => measured.get(u.id)!.value >= least)
    .map((u) => {
      const m = measured.get(u.id)!;
      return {
        unit: u.id,
        key: '',
        value: m.value,
        summary: `${u.name}有${m.value}件事项已超过办结时限仍未办结`,
        evidence: { collection: 'matters', ids: m.evidence },
      };
    });
}

function scopeOf(rule: WarningRule, e: Evaluation, period: Period, cutoff = e.now): MetricScope {
  return { db: e.db, client: e.client, period, under: rule.unit_path, cutoff, calendar: e.calendar };
}

/** A figure's label without the explanation in brackets. */
const shortLabel = (label: string) => label.replace(/（.*?）/g, '');

/** What the rule finds now among the units it watches. */
export async function findings(rule: WarningRule, e: Evaluation): Promise<Finding[]> {
  const units = await watchedUnits(e.db, rule);
  if (!units.length) return [];
  switch (rule.kind) {
    case 'threshold':
      return thresholdFindings(rule, units, e);
    case 'trend':
      return trendFindings(rule, units, e);
    case 'silence':
      return rule.source === 'logins' ? silentTerminals(rule, units, e) : quietUnits(rule, units, e);
    case 'cluster':
      return clusterFindings(rule, units, e);
    case 'deadline':
      return deadlineFindings(rule, units, e);
  }
}
