// The figures of 统计研判: each one named query over the records, in the shape of
// the assessment's metrics (rows with `id`, `path` — the unit path the row counts
// for — and for a rate `hit`), with the columns it is broken down by. The same
// queries serve the assessment where they overlap (activity, dispute resolution,
// logins): those are the assessment's own metrics, not copies. Counted per child
// unit and in all by statistics.ts; a row outside the unit asked for is never read.

import type { Knex } from 'knex';
import { storedDate } from '../../kernel/db-values.ts';
import { METRICS, type Metric, type MetricScope, within } from '../assessment/metrics.ts';
import type { ACTIONS } from '../matters/transitions.ts';

/** The step a sign-for leaves (transitions.ts): the 签收及时率 reads when each matter was signed for. */
const SIGN_FOR: (typeof ACTIONS)[number] = 'sign_for';

export interface Figure {
  /** What it counts, in Chinese. */
  label: string;
  /** count: rows; rate: rows with `hit` of rows; duration: rows' `started` to `ended`, in hours (median, p90). */
  kind: 'count' | 'rate' | 'duration';
  /** The collection the ids belong to (the drill-down's list). */
  evidence: string;
  /** The row columns it is broken down by (type, status …), each with its words. */
  by?: Record<string, string>;
  /** A figure of the state at the span's end (registers), not of what happened in it. */
  state?: boolean;
  rows(scope: MetricScope): Knex.QueryBuilder;
  /** The rows counted per unit path in one pass, where a metric offers it (Metric.counts). */
  counts?(scope: MetricScope): Knex.QueryBuilder;
}

const OPEN = ['pending_acceptance', 'pending_sign', 'handling', 'replied', 'pending_verification', 'returned'];
const during = (q: Knex.QueryBuilder, column: string, s: MetricScope) =>
  q.where(column, '>=', s.period.start).where(column, '<', s.period.end);

/** Matters closed in the span, counted for the unit that handled them. */
const closedIn = (s: MetricScope) =>
  during(
    s
      .db('matters as m')
      .join('units as u', 'u.id', 'm.handler_unit')
      .where(...within('u.path', s))
      .where('m.status', 'closed'),
    'm.closed_at',
    s,
  );

/** A register's records under the unit now (a count of the state, not of the span). */
const register = (label: string, collection: string, by?: Record<string, string>): Figure => ({
  label,
  kind: 'count',
  evidence: collection,
  state: true,
  ...(by ? { by } : {}),
  rows: (s) =>
    s
      .db(collection)
      .where(...within('unit_path', s))
      .select('id', 'unit_path as path', ...Object.keys(by ?? {})),
});

/** An assessment metric as a figure (the same query, the same words). */
const metric = (m: Metric): Figure => ({
  label: m.label,
  kind: m.kind === 'rate' ? 'rate' : 'count',
  evidence: m.evidence,
  rows: m.rows,
  ...(m.counts ? { counts: m.counts } : {}),
});

export const FIGURES = {
  matters: {
    label: '事项数（上报与交办）',
    kind: 'count',
    evidence: 'matters',
    by: { type: '类型', category: '类别', source: '来源', status: '状态' },
    rows: (s) =>
      during(s.db('matters').where(...within('unit_path', s)), 'date_created', s).select(
        'id',
        'unit_path as path',
        'type',
        'category',
        'source',
        'status',
      ),
  },
  matters_signed_on_time: {
    label: '签收及时率（签收在签收时限内的比例）',
    kind: 'rate',
    evidence: 'matters',
    rows: (s) =>
      during(
        s
          .db('matter_steps as st')
          .join('matters as m', 'm.id', 'st.matter')
          .join('units as u', 'u.id', 'st.actor_unit')
          .where(...within('u.path', s))
          .where('st.action', SIGN_FOR)
          .whereNotNull('m.sign_due_at'),
        'st.date_created',
        s,
      ).select('m.id', 'u.path as path', s.db.raw('CASE WHEN st.date_created <= m.sign_due_at THEN 1 ELSE 0 END as hit')),
  },
  matters_closed_on_time: {
    label: '按期办结率（本期办结的事项中在办理时限内办结的比例）',
    kind: 'rate',
    evidence: 'matters',
    rows: (s) =>
      closedIn(s).select(
        'm.id',
        'u.path as path',
        s.db.raw('CASE WHEN m.due_at IS NULL OR m.closed_at <= m.due_at THEN 1 ELSE 0 END as hit'),
      ),
  },
  matters_handling_hours: {
    label: '事项办理用时（本期办结的事项从上报到办结，小时）',
    kind: 'duration',
    evidence: 'matters',
    rows: (s) => closedIn(s).select('m.id', 'u.path as path', 'm.date_created as started', 'm.closed_at as ended'),
  },
  matters_overdue: {
    label: '超期未办结事项数（截至统计时点）',
    kind: 'count',
    evidence: 'matters',
    state: true,
    rows: (s) =>
      s
        .db('matters as m')
        .join('units as u', 'u.id', 'm.handler_unit')
        .where(...within('u.path', s))
        .whereIn('m.status', OPEN)
        .where('m.due_at', '<', s.cutoff)
        .select('m.id', 'u.path as path'),
  },
  disputes: {
    label: '矛盾纠纷数（本期排查登记）',
    kind: 'count',
    evidence: 'disputes',
    by: { dispute_type: '纠纷类型', scale: '规模', status: '状态' },
    rows: (s) =>
      s
        .db('disputes')
        .where(...within('unit_path', s))
        .whereBetween('discovered_on', [storedDate(s.client, s.period.first), storedDate(s.client, s.period.last)])
        .select('id', 'unit_path as path', 'dispute_type', 'scale', 'status'),
  },
  dispute_resolution: metric(METRICS.dispute_resolution),
  petition_incidents: {
    label: '信访突出问题、群体性事件数（本期发现）',
    kind: 'count',
    evidence: 'petition_incidents',
    by: { kind: '类别' },
    rows: (s) =>
      during(s.db('petition_incidents').where(...within('unit_path', s)), 'discovered_at', s).select('id', 'unit_path as path', 'kind'),
  },
  receipts_on_time: {
    label: '公文按时签收率（本期到期的收文中按时签收的比例）',
    kind: 'rate',
    evidence: 'document_recipients',
    rows: (s) =>
      during(
        s
          .db('document_recipients as r')
          .join('documents as d', 'd.id', 'r.document')
          .where(...within('r.unit_path', s)),
        'd.sign_due_at',
        s,
      ).select('r.id', 'r.unit_path as path', s.db.raw("CASE WHEN r.status = 'signed' THEN 1 ELSE 0 END as hit")),
  },
  activity_records: metric(METRICS.activity_records),
  login_days_rate: metric(METRICS.login_days_rate),
  daily_checks_done: {
    label: '每日必办完成率',
    kind: 'rate',
    evidence: 'daily_checks',
    rows: (s) =>
      s
        .db('daily_checks')
        .where(...within('unit_path', s))
        .whereBetween('day', [storedDate(s.client, s.period.first), storedDate(s.client, s.period.last)])
        .select('id', 'unit_path as path', s.db.raw('CASE WHEN done THEN 1 ELSE 0 END as hit')),
  },
  people: register('实有人口数', 'people'),
  service_objects: register('服务对象数（8类）', 'service_objects', { category: '类别' }),
  rental_houses: register('出租房屋数', 'rental_houses'),
  key_areas: register('治安重点地区数', 'key_areas'),
} satisfies Record<string, Figure>;

export type FigureKey = keyof typeof FIGURES;

export function figureOf(key: unknown): Figure | null {
  return typeof key === 'string' && Object.hasOwn(FIGURES, key) ? (FIGURES as Record<string, Figure>)[key]! : null;
}
