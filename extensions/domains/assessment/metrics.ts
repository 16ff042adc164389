// The metrics a rubric item is scored on (考评指标): each one named aggregate over
// the records the system already keeps. A metric says which rows count for a
// period under a part of the unit tree, and, for a rate, which of them count in
// the numerator; the engine (measure.ts) attributes every row to the assessed unit
// whose path it lies under, counts, and keeps the rows' ids as the evidence.
// A metric added here plugs in without touching the engine: its key appears as a
// choice of assessment_items.metric.

import type { Knex } from 'knex';
import { storedDate } from '../../kernel/db-values.ts';
import { type Calendar, isWorkingDay } from '../../kernel/working-days.ts';
import { GRID_ROLES } from '../../../schema/collections/organisations.ts';
import { SERVICE_CATEGORIES } from '../../../schema/collections/service-objects.ts';
import { daysEnded, monthsEnded, type Period } from './period.ts';

export interface MetricScope {
  db: Knex;
  client: string;
  period: Period;
  /** The part of the tree measured: a unit path prefix (the assessing unit's). */
  under: string;
  /** Data up to this instant: the period's end, or now while the period runs. */
  cutoff: Date;
  /** The working-day calendar (holidays and make-up working days). */
  calendar: Calendar;
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
  /**
   * The same rows already counted per unit path (`path`, `n` rows, `hits` of them hits), where
   * counting them in one pass is much cheaper than listing them (statistics use it; the rows stay
   * the rule, and a test holds the two to the same counts).
   */
  counts?(scope: MetricScope): Knex.QueryBuilder;
}

/** A unit path column under the part of the tree measured. */
export const within = (column: string, scope: MetricScope) => [column, 'like', `${scope.under}%`] as const;
const days = (scope: MetricScope): [string | number, string | number] => [
  storedDate(scope.client, scope.period.first),
  storedDate(scope.client, scope.period.last),
];
/** The local day of the cut-off, for date columns: a deadline on that day has not passed yet. */
const cutoffDay = (scope: MetricScope) =>
  storedDate(scope.client, new Date(scope.cutoff.getTime() + 8 * 3_600_000).toISOString().slice(0, 10));

/**
 * One query for each of a list of values (days, months, roles), their rows added
 * together; a list with nothing in it yields no rows.
 */
function eachOf(values: readonly string[], query: (value: string) => Knex.QueryBuilder): Knex.QueryBuilder {
  if (!values.length) return query('').whereRaw('1 = 0');
  const [first, ...rest] = values;
  return rest.length ? query(first!).unionAll(rest.map((v) => query(v))) : query(first!);
}

/** The units that keep at least one record of a register (the evidence: the units, not the records). */
const register = (s: MetricScope, collection: string) =>
  s
    .db('units as u')
    .where(...within('u.path', s))
    .whereExists((q) => q.from(`${collection} as r`).whereRaw('r.unit_path = u.path'))
    .select('u.id', 'u.path as path', s.db.raw('? as item', [collection]));

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
  login_days_rate: {
    label: '终端工作日登录率（在用PC和手机终端的持有人每个工作日登录的比例）',
    kind: 'rate',
    evidence: 'terminals',
    // Each terminal in use with a holder, on each working day ended: logged in on that kind of terminal that day?
    rows: (s) => {
      const workdays = daysEnded(s.period, s.cutoff, (d) => isWorkingDay(s.calendar, d));
      const list = workdays.length ? workdays : [''];
      // The period's login days joined once (a hash join on PostgreSQL), not looked up per terminal and day.
      const logged = s.db('login_days').whereBetween('day', days(s)).select('key').as('l');
      return s
        .db('terminals as t')
        .joinRaw(`cross join (${list.map(() => 'select ? as day').join(' union all ')}) as d`, list)
        .leftJoin(logged, 'l.key', s.db.raw("t.holder || '.' || d.day || '.' || t.kind"))
        .where(...within('t.unit_path', s))
        .where('t.status', 'in_use')
        .whereNotNull('t.holder')
        .modify((q) => (workdays.length ? q : q.whereRaw('1 = 0')))
        .select('t.id', 't.unit_path as path', s.db.raw('CASE WHEN l.key IS NULL THEN 0 ELSE 1 END as hit'));
    },
    // Counted: each terminal stands for one row per working day, and its hits are the working days its
    // holder logged in on that kind of terminal (login days are one per user, day and kind).
    counts: (s) => {
      const workdays = daysEnded(s.period, s.cutoff, (d) => isWorkingDay(s.calendar, d));
      const logged = s
        .db('login_days')
        .whereIn(
          'day',
          workdays.map((d) => storedDate(s.client, d)),
        )
        .groupBy('user', 'channel')
        .select('user', 'channel', s.db.raw('count(*) as days'))
        .as('c');
      return s
        .db('terminals as t')
        .leftJoin(logged, (on) => on.on('c.user', 't.holder').andOn('c.channel', 't.kind'))
        .where(...within('t.unit_path', s))
        .where('t.status', 'in_use')
        .whereNotNull('t.holder')
        .modify((q) => (workdays.length ? q : q.whereRaw('1 = 0')))
        .groupBy('t.unit_path')
        .select('t.unit_path as path', s.db.raw('count(*) * ? as n', [workdays.length]), s.db.raw('sum(coalesce(c.days, 0)) as hits'));
    },
  },
  inspections_missed: {
    label: '治安设施未按月巡检次数',
    kind: 'count',
    evidence: 'security_facilities',
    // Each facility, for each month of the period that is over, without an inspection of that month.
    rows: (s) =>
      eachOf(monthsEnded(s.period, s.cutoff), (month) =>
        s
          .db('security_facilities as f')
          .where(...within('f.unit_path', s))
          .whereNotExists((q) => q.from('facility_inspections as i').whereRaw('i.facility = f.id').where('i.month', month))
          .select('f.id', 'f.unit_path as path'),
      ),
  },
  grid_staff_missing: {
    label: '一长四员缺少人数（每个网格网格长及四员）',
    kind: 'count',
    evidence: 'units',
    // Each grid, for each of its five posts no one holds on the period's last day (or the cut-off's).
    rows: (s) => {
      const on = days(s)[1];
      return eachOf(Object.keys(GRID_ROLES), (role) =>
        s
          .db('units as g')
          .where(...within('g.path', s))
          .where('g.level', 'grid')
          .whereNotExists((q) =>
            q
              .from('grid_staff as gs')
              .whereRaw('gs.unit_path = g.path')
              .where('gs.role', role)
              .where((w) => w.whereNull('gs.valid_from').orWhere('gs.valid_from', '<=', on))
              .where((w) => w.whereNull('gs.valid_to').orWhere('gs.valid_to', '>=', on)),
          )
          .select('g.id', 'g.path as path'),
      );
    },
  },
  registers_missing: {
    label: '未录入的基础信息类别数（小区、社会单位、社会组织）',
    kind: 'missing',
    expected: { compounds: '小区信息', social_units: '社会单位', social_organisations: '社会组织' },
    evidence: 'units',
    rows: (s) => register(s, 'compounds').unionAll([register(s, 'social_units'), register(s, 'social_organisations')]),
  },
  rectification_campaigns: recorded('治安重点地区排查整治记录数', 'rectification_campaigns', 'starts_on'),
  stability_assessments: recorded('社会稳定风险评估记录数', 'stability_assessments', 'assessed_on'),
} satisfies Record<string, Metric>;

export type MetricKey = keyof typeof METRICS;

export function metricOf(key: unknown): Metric | null {
  return typeof key === 'string' && Object.hasOwn(METRICS, key) ? (METRICS as Record<string, Metric>)[key]! : null;
}

/**
 * Where a changed row of a table the metrics read counts (考评变更标记): its own unit
 * path column, or a unit id column whose unit's path it is. A change marks that path,
 * and the worker scores the units it lies under again (schedule.ts, live). Tables left
 * out move a score through time alone (a document's deadline passing, a project's due
 * day) and are caught by the periodic whole scoring.
 */
export const METRIC_SOURCES: readonly { table: string; column: string; unit?: true }[] = [
  ...[
    'activity_records',
    'patrol_records',
    'service_objects',
    'service_records',
    'assistance_groups',
    'terminals',
    'confidentiality_agreements',
    'document_recipients',
    'project_submissions',
    'daily_checks',
    'disputes',
    'petition_incidents',
    'terminal_losses',
    'rectification_campaigns',
    'stability_assessments',
    'login_days',
    'security_facilities',
    'facility_inspections',
    'grid_staff',
    'compounds',
    'social_units',
    'social_organisations',
  ].map((table) => ({ table, column: 'unit_path' })),
  { table: 'units', column: 'path' },
  { table: 'matters', column: 'handler_unit', unit: true },
  { table: 'matter_steps', column: 'actor_unit', unit: true },
];

/**
 * The deadlines that move a score when they pass with no record changing — a receipt not
 * signed by its deadline, a matter not replied by its own, a dispute not mediated by its
 * own — that passed in (from, to]: the units they count for. (The day-bound ones — 每日必办,
 * visits, project due days, logins, monthly inspections — move when the day turns, when
 * the live scoring scores everything again.)
 */
export async function deadlinesPassed(db: Knex, from: Date, to: Date): Promise<{ paths: string[]; units: number[] }> {
  const receipts = await db('document_recipients as r')
    .join('documents as d', 'd.id', 'r.document')
    .whereIn('r.status', ['unread', 'read'])
    .where('d.sign_due_at', '>', from)
    .where('d.sign_due_at', '<=', to)
    .distinct('r.unit_path as path');
  const disputes = await db('disputes')
    .where('status', 'mediating')
    .where('mediation_due_at', '>', from)
    .where('mediation_due_at', '<=', to)
    .distinct('unit_path as path');
  const matters = await db('matters')
    .whereIn('status', ['handling', 'pending_sign', 'pending_acceptance'])
    .where('due_at', '>', from)
    .where('due_at', '<=', to)
    .whereNotNull('handler_unit')
    .distinct('handler_unit as unit');
  return { paths: [...receipts, ...disputes].map((r) => String(r.path)), units: matters.map((m) => Number(m.unit)) };
}
