// The monthly supervision bulletin (督查通报, 工作制度 二): the district's for its
// streets and each street's for its communities, over the eight things the rules
// name, each unit's shortfalls named from the system's own records (the assessment's
// metrics and the statistics' figures — the same queries, the same jurisdiction)
// and from the assessment's deductions of the month. This module gathers the
// figures; bulletin-docx.ts lays them out as the Word file the offices print.

import type { Knex } from 'knex';
import { loadCalendar } from '../../kernel/calendar.ts';
import { OFFICE_KIND } from '../../kernel/unit-path.ts';
import { type Assessed, type Measured, measure } from '../assessment/measure.ts';
import { METRICS, type Metric, type MetricScope } from '../assessment/metrics.ts';
import type { Period } from '../assessment/period.ts';
import { FIGURES } from '../statistics/figures.ts';

/** How one measure names a shortfall: a count that should be nought, one that should not be, a rate below a bound. */
type Judge = { bad: 'any' } | { bad: 'none' } | { bad: 'rate_below'; bound: number };

interface Measure {
  key: string;
  /** The column heading in the bulletin's table. */
  head: string;
  source: Pick<Metric, 'kind' | 'rows'> & { expected?: Metric['expected'] };
  judge: Judge;
  /** How a shortfall is written: the unit's value in words. */
  says: (m: Measured) => string;
}

const metric = (key: keyof typeof METRICS) => METRICS[key];
const figure = (key: keyof typeof FIGURES) => {
  const f = FIGURES[key];
  return { kind: f.kind === 'rate' ? ('rate' as const) : ('count' as const), rows: f.rows };
};
const percent = (m: Measured) => (m.of ? Math.round((1000 * m.value) / m.of) / 10 : null);

/** The eight things the bulletin covers (工作制度 二、督查通报制度 1), each with what it is judged on. */
export const BULLETIN_ITEMS: { key: string; title: string; measures: Measure[] }[] = [
  {
    key: 'todos',
    title: '首页待办事项完成情况',
    measures: [
      {
        key: 'daily',
        head: '每日必办未完成',
        source: metric('daily_checks_missed'),
        judge: { bad: 'any' },
        says: (m) => `每日必办未完成${m.value}项`,
      },
      {
        key: 'overdue',
        head: '超期未办结事项',
        source: figure('matters_overdue'),
        judge: { bad: 'any' },
        says: (m) => `${m.value}件事项超期未办结`,
      },
    ],
  },
  {
    key: 'registers',
    title: '各模块信息数据录入和服务情况',
    measures: [
      {
        key: 'registers',
        head: '未建立的台账',
        source: metric('registers_missing'),
        judge: { bad: 'any' },
        says: (m) => `${m.missing?.join('、') ?? `${m.value}类`}台账未建立`,
      },
      {
        key: 'visits',
        head: '到期未走访人次',
        source: metric('services_overdue'),
        judge: { bad: 'any' },
        says: (m) => `服务对象到期未走访${m.value}人次`,
      },
    ],
  },
  {
    key: 'matters',
    title: '各类事项上报、办理和反馈情况',
    measures: [
      { key: 'reported', head: '上报交办事项', source: figure('matters'), judge: { bad: 'none' }, says: () => '本月没有上报事项' },
      {
        key: 'closed',
        head: '按期办结率',
        source: figure('matters_closed_on_time'),
        judge: { bad: 'rate_below', bound: 90 },
        says: (m) => `按期办结率${percent(m)}%`,
      },
      {
        key: 'feedback',
        head: '未及时反馈',
        source: metric('late_feedback'),
        judge: { bad: 'any' },
        says: (m) => `${m.value}次未及时反馈`,
      },
    ],
  },
  {
    key: 'phones',
    title: '手机终端运用情况',
    measures: [
      {
        key: 'logins',
        head: '工作日登录率',
        source: metric('login_days_rate'),
        judge: { bad: 'rate_below', bound: 95 },
        says: (m) => `终端工作日登录率${percent(m)}%`,
      },
      {
        key: 'losses',
        head: '丢失逾期报告',
        source: metric('late_loss_reports'),
        judge: { bad: 'any' },
        says: (m) => `终端丢失未在24小时内报告${m.value}次`,
      },
    ],
  },
  {
    key: 'security',
    title: '系统安全保密执行情况',
    measures: [
      {
        key: 'agreements',
        head: '未签保密协议终端',
        source: metric('terminals_without_agreement'),
        judge: { bad: 'any' },
        says: (m) => `${m.value}部终端持有人未签订安全保密协议`,
      },
    ],
  },
  {
    key: 'documents',
    title: '公文签收、流转情况',
    measures: [
      {
        key: 'receipts',
        head: '超时收文',
        source: metric('late_receipts'),
        judge: { bad: 'any' },
        says: (m) => `超时签收公文${m.value}次`,
      },
      {
        key: 'projects',
        head: '专项逾期报送',
        source: metric('late_project_submissions'),
        judge: { bad: 'any' },
        says: (m) => `专项工作逾期报送${m.value}次`,
      },
    ],
  },
  {
    key: 'modules',
    title: '各模块实际运用情况',
    measures: [
      { key: 'patrols', head: '巡逻记录', source: metric('patrol_records'), judge: { bad: 'none' }, says: () => '本月没有巡逻记录' },
      {
        key: 'disputes',
        head: '纠纷化解率',
        source: metric('dispute_resolution'),
        judge: { bad: 'rate_below', bound: 90 },
        says: (m) => `矛盾纠纷化解率${percent(m)}%`,
      },
      {
        key: 'incidents',
        head: '事件补录',
        source: metric('incidents_entered_late'),
        judge: { bad: 'any' },
        says: (m) => `${m.value}起事件发生后才补录`,
      },
    ],
  },
  {
    key: 'activity',
    title: '工作活动记录和分析研判情况',
    measures: [
      {
        key: 'activity',
        head: '工作活动记录',
        source: metric('activity_records'),
        judge: { bad: 'none' },
        says: () => '本月没有工作活动记录',
      },
      { key: 'meetings', head: '研判会议', source: metric('meetings'), judge: { bad: 'none' }, says: () => '本月没有召开分析研判会议' },
    ],
  },
];

/** Whether a unit's measure is a shortfall. Pure. */
export function isShort(judge: Judge, m: Measured): boolean {
  if (judge.bad === 'any') return m.value > 0;
  if (judge.bad === 'none') return m.value === 0;
  const p = percent(m);
  return p !== null && p < judge.bound;
}

/** What a cell of the bulletin's table shows for a unit's measure. Pure. */
export function cellOf(source: Measure['source'], m: Measured): string {
  if (source.kind === 'rate') return m.of ? `${percent(m)}%` : '—';
  return String(m.value);
}

export interface BulletinUnit {
  id: number;
  name: string;
  /** Per item, per measure: the cell, and the shortfall in words (null when none). */
  items: Record<string, Record<string, { cell: string; short: string | null }>>;
  /** The month's assessment total and its deductions, where the issuing office's rubric scored it. */
  assessment: { total: number; deductions: { code: string | null; name: string; deducted: number; reason: string | null }[] } | null;
}

export interface Bulletin {
  issuer: { id: number; name: string; level: string };
  period: Period;
  units: BulletinUnit[];
  /** When it was made. */
  at: Date;
}

/** The figures of the bulletin the office `issuer` makes for the offices right below it, for a month. */
export async function gatherBulletin(
  db: Knex,
  issuer: { id: number; name: string; path: string; level: string },
  period: Period,
  now: Date,
): Promise<Bulletin> {
  const client = String(db.client.config.client);
  const units = (await db('units')
    .where({ parent: issuer.id, kind: OFFICE_KIND })
    .orderBy('path')
    .select('id', 'name', 'path')) as Assessed[];
  const cutoff = period.end < now ? period.end : now;
  const scope: MetricScope = { db, client, period, under: issuer.path, cutoff, calendar: await loadCalendar(db) };
  const out = new Map<number, BulletinUnit>(units.map((u) => [u.id, { id: u.id, name: u.name, items: {}, assessment: null }]));
  for (const item of BULLETIN_ITEMS)
    for (const m of item.measures) {
      const measured = await measure({ label: m.head, evidence: '', ...m.source } as Metric, scope, units);
      for (const u of units) {
        const value = measured.get(u.id)!;
        const entry = out.get(u.id)!;
        entry.items[item.key] ??= {};
        entry.items[item.key]![m.key] = { cell: cellOf(m.source, value), short: isShort(m.judge, value) ? m.says(value) : null };
      }
    }
  await addAssessment(db, issuer, period, out);
  return { issuer: { id: issuer.id, name: issuer.name, level: issuer.level }, period, units: [...out.values()], at: now };
}

/** The month's run of the issuer's rubric (the newest), its totals and deductions per unit. */
async function addAssessment(db: Knex, issuer: { id: number }, period: Period, out: Map<number, BulletinUnit>): Promise<void> {
  const run = (await db('assessment_runs').where({ unit: issuer.id, period: period.key }).orderBy('id', 'desc').first('id')) as
    | { id: number }
    | undefined;
  if (!run) return;
  const scores = (await db('assessment_scores as s')
    .join('assessment_items as i', 'i.id', 's.item')
    .where('s.run', run.id)
    .orderBy(['s.unit', 's.item_code'])
    .select('s.unit', 's.item_code', 'i.name', 's.points', 's.deducted', 's.reason')) as {
    unit: number;
    item_code: string | null;
    name: string;
    points: unknown;
    deducted: unknown;
    reason: string | null;
  }[];
  for (const s of scores) {
    const entry = out.get(s.unit);
    if (!entry) continue;
    entry.assessment ??= { total: 0, deductions: [] };
    entry.assessment.total = Math.round((entry.assessment.total + Number(s.points ?? 0)) * 10) / 10;
    if (Number(s.deducted ?? 0) > 0)
      entry.assessment.deductions.push({ code: s.item_code, name: s.name, deducted: Number(s.deducted), reason: s.reason });
  }
}
