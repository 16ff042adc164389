// The metrics a rubric item is scored on (考评指标): each one named aggregate over
// the records the system already keeps. A metric says which rows count for a
// period under a part of the unit tree, and, for a rate, which of them count in
// the numerator; the engine (measure.ts) attributes every row to the assessed unit
// whose path it lies under, counts, and keeps the rows' ids as the evidence.
// A metric added here plugs in without touching the engine: its key appears as a
// choice of assessment_items.metric.

import type { Knex } from 'knex';
import { storedDate } from '../../kernel/db-values.ts';
import { SERVICE_CATEGORIES } from '../../../schema/collections/service-objects.ts';
import type { Period } from './period.ts';

export interface MetricScope {
  db: Knex;
  client: string;
  period: Period;
  /** The part of the tree measured: a unit path prefix (the assessing unit's). */
  under: string;
  /** Data up to this instant: the period's end, or now while the period runs. */
  cutoff: Date;
}

export interface Metric {
  /** What it counts, as the scorecard and the rubric form name it. */
  label: string;
  /**
   * count: value = rows; rate: value = rows with `hit`, of = rows; missing: value =
   * how many of `expected` no row stands for (a row names the one it stands for in `item`).
   */
  kind: 'count' | 'rate' | 'missing';
  /** For `missing`: the things each unit should have, with their names. */
  expected?: Readonly<Record<string, string>>;
  /** The collection the evidence ids belong to (the scorecard links into its screen). */
  evidence: string;
  /**
   * The rows that count, each with `id` (evidence), `path` (the unit path it counts
   * for) and, for a rate, `hit` (1 when it counts in the numerator). For a rate the
   * evidence kept is the rows that miss.
   */
  rows(scope: MetricScope): Knex.QueryBuilder;
}

const within = (column: string, scope: MetricScope) => [column, 'like', `${scope.under}%`] as const;
const days = (scope: MetricScope): [string | number, string | number] => [
  storedDate(scope.client, scope.period.first),
  storedDate(scope.client, scope.period.last),
];
/** The local day of the cut-off, for date columns: a deadline on that day has not passed yet. */
const cutoffDay = (scope: MetricScope) =>
  storedDate(scope.client, new Date(scope.cutoff.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));

/** Activity records of the period, optionally of one type (meeting, patrol, visit, publicity, training). */
const activities = (label: string, type?: string): Metric => ({
  label,
  kind: 'count',
  evidence: 'activity_records',
  rows: (s) =>
    s
      .db('activity_records')
      .where(...within('unit_path', s))
      .whereBetween('occurred_on', days(s))
      .modify((q) => (type ? q.where('activity_type', type) : q))
      .select('id', 'unit_path as path'),
});

/** Records of a collection dated in the period by a date column (a register kept: campaigns, assessments). */
const recorded = (label: string, collection: string, dated: string): Metric => ({
  label,
  kind: 'count',
  evidence: collection,
  rows: (s) =>
    s
      .db(collection)
      .where(...within('unit_path', s))
      .whereBetween(dated, days(s))
      .select('id', 'unit_path as path'),
});

export const METRICS = {
  activity_records: activities('工作活动记录条数'),
  trainings: activities('组织培训次数', 'training'),
  meetings: activities('召开会议次数', 'meeting'),
  patrol_records: {
    label: '巡逻记录条数',
    kind: 'count',
    evidence: 'patrol_records',
    rows: (s) =>
      s
        .db('patrol_records')
        .where(...within('unit_path', s))
        .where('started_at', '>=', s.period.start)
        .where('started_at', '<', s.period.end)
        .select('id', 'unit_path as path'),
  },
  service_categories_missing: {
    label: '未录入的服务对象类别数（8类）',
    kind: 'missing',
    expected: SERVICE_CATEGORIES,
    evidence: 'service_objects',
    // Those under management on the period's last day.
    rows: (s) =>
      s
        .db('service_objects')
        .where(...within('unit_path', s))
        .where((w) => w.whereNull('valid_from').orWhere('valid_from', '<=', days(s)[1]))
        .where((w) => w.whereNull('valid_to').orWhere('valid_to', '>=', days(s)[1]))
        .select('id', 'unit_path as path', 'category as item'),
  },
  assistance_groups_missing: {
    label: '未建立帮教小组的服务对象人数',
    kind: 'count',
    evidence: 'service_objects',
    rows: (s) =>
      s
        .db('service_objects as o')
        .where(...within('o.unit_path', s))
        .where((w) => w.whereNull('o.valid_to').orWhere('o.valid_to', '>=', days(s)[1]))
        .whereNotExists((q) => q.from('assistance_groups as g').whereRaw('g.service_object = o.id'))
        .select('o.id', 'o.unit_path as path'),
  },
  services_overdue: {
    label: '服务对象到期未走访人次',
    kind: 'count',
    evidence: 'service_objects',
    // A visit due in the period, not made by its due day (nor since, by the cut-off).
    rows: (s) =>
      s
        .db('service_objects as o')
        .where(...within('o.unit_path', s))
        .whereBetween('o.next_visit_due', days(s))
        .where('o.next_visit_due', '<', cutoffDay(s))
        .whereNotExists((q) =>
          q.from('service_records as r').whereRaw('r.service_object = o.id').where('r.served_at', '>=', s.period.start),
        )
        .select('o.id', 'o.unit_path as path'),
  },
  service_rate: {
    label: '服务对象服务率（本期得到服务的服务对象比例）',
    kind: 'rate',
    evidence: 'service_objects',
    rows: (s) =>
      s
        .db('service_objects as o')
        .where(...within('o.unit_path', s))
        .where((w) => w.whereNull('o.valid_from').orWhere('o.valid_from', '<=', days(s)[1]))
        .where((w) => w.whereNull('o.valid_to').orWhere('o.valid_to', '>=', days(s)[1]))
        .select(
          'o.id',
          'o.unit_path as path',
          s.db.raw(
            'CASE WHEN EXISTS (SELECT 1 FROM service_records r WHERE r.service_object = o.id AND r.served_at >= ? AND r.served_at < ?) THEN 1 ELSE 0 END as hit',
            [s.period.start, s.period.end],
          ),
        ),
  },
  terminals_without_agreement: {
    label: '持有人未签订安全保密协议的终端数',
    kind: 'count',
    evidence: 'terminals',
    rows: (s) =>
      s
        .db('terminals as t')
        .where(...within('t.unit_path', s))
        .where('t.status', 'in_use')
        .whereNotNull('t.holder')
        .whereNotExists((q) => q.from('confidentiality_agreements as c').whereRaw('c.signer = t.holder'))
        .select('t.id', 't.unit_path as path'),
  },
  late_receipts: {
    label: '超时收文次数（逾期签收或逾期未签收）',
    kind: 'count',
    evidence: 'document_recipients',
    rows: (s) =>
      s
        .db('document_recipients as r')
        .join('documents as d', 'd.id', 'r.document')
        .where(...within('r.unit_path', s))
        .where('d.sign_due_at', '>=', s.period.start)
        .where('d.sign_due_at', '<', s.period.end)
        .where((w) =>
          w.where('r.status', 'late').orWhere((u) => u.whereIn('r.status', ['unread', 'read']).where('d.sign_due_at', '<', s.cutoff)),
        )
        .select('r.id', 'r.unit_path as path'),
  },
  late_project_submissions: {
    label: '专项工作逾期报送次数',
    kind: 'count',
    evidence: 'project_submissions',
    rows: (s) =>
      s
        .db('project_submissions as ps')
        .join('special_projects as p', 'p.id', 'ps.project')
        .where(...within('ps.unit_path', s))
        .whereBetween('p.due_on', days(s))
        .where((w) => w.where('ps.status', 'late').orWhere((u) => u.where('ps.status', 'pending').where('p.due_on', '<', cutoffDay(s))))
        .select('ps.id', 'ps.unit_path as path'),
  },
  late_feedback: {
    label: '上报与交办事项没有及时反馈次数',
    kind: 'count',
    evidence: 'matters',
    // A reply after the deadline, or none by the cut-off, counts for the unit that held the matter.
    rows: (s) =>
      s
        .db('matter_steps as st')
        .join('matters as m', 'm.id', 'st.matter')
        .join('units as u', 'u.id', 'st.actor_unit')
        .where(...within('u.path', s))
        .where('st.action', 'reply')
        .where('m.due_at', '>=', s.period.start)
        .where('m.due_at', '<', s.period.end)
        .whereRaw('st.date_created > m.due_at')
        .select('m.id', 'u.path as path')
        .unionAll((q) =>
          q
            .from('matters as m')
            .join('units as u', 'u.id', 'm.handler_unit')
            .where(...within('u.path', s))
            .whereIn('m.status', ['handling', 'pending_sign', 'pending_acceptance'])
            .where('m.due_at', '>=', s.period.start)
            .where('m.due_at', '<', s.period.end)
            .where('m.due_at', '<', s.cutoff)
            .select('m.id', 'u.path as path'),
        ),
  },
  daily_checks_missed: {
    label: '每日必办未完成项数',
    kind: 'count',
    evidence: 'daily_checks',
    rows: (s) =>
      s
        .db('daily_checks')
        .where(...within('unit_path', s))
        .whereBetween('day', days(s))
        .where('day', '<', cutoffDay(s))
        .where('done', false)
        .select('id', 'unit_path as path'),
  },
  dispute_resolution: {
    label: '矛盾纠纷化解率（本期排查登记的纠纷中已化解的比例）',
    kind: 'rate',
    evidence: 'disputes',
    // A dispute still in mediation within its deadline is not yet counted either way.
    rows: (s) =>
      s
        .db('disputes')
        .where(...within('unit_path', s))
        .whereBetween('discovered_on', days(s))
        .whereNot((w) =>
          w.where('status', 'mediating').where((d) => d.whereNull('mediation_due_at').orWhere('mediation_due_at', '>=', s.cutoff)),
        )
        .select('id', 'unit_path as path', s.db.raw("CASE WHEN status = 'resolved' THEN 1 ELSE 0 END as hit")),
  },
  incidents_entered_late: {
    label: '信访突出问题、群体性事件事前未录入次数',
    kind: 'count',
    evidence: 'petition_incidents',
    rows: (s) =>
      s
        .db('petition_incidents')
        .where(...within('unit_path', s))
        .where('erupted_at', '>=', s.period.start)
        .where('erupted_at', '<', s.period.end)
        .where('entered_before_eruption', false)
        .select('id', 'unit_path as path'),
  },
  late_loss_reports: {
    label: '终端丢失超过24小时才报告次数',
    kind: 'count',
    evidence: 'terminal_losses',
    rows: (s) =>
      s
        .db('terminal_losses')
        .where(...within('unit_path', s))
        .where('lost_at', '>=', s.period.start)
        .where('lost_at', '<', s.period.end)
        .where('within_24_hours', false)
        .select('id', 'unit_path as path'),
  },
  rectification_campaigns: recorded('治安重点地区排查整治记录数', 'rectification_campaigns', 'starts_on'),
  stability_assessments: recorded('社会稳定风险评估记录数', 'stability_assessments', 'assessed_on'),
} satisfies Record<string, Metric>;

export type MetricKey = keyof typeof METRICS;

export function metricOf(key: unknown): Metric | null {
  return typeof key === 'string' && Object.hasOwn(METRICS, key) ? (METRICS as Record<string, Metric>)[key]! : null;
}
