// Every assessment metric (考评指标) on records made for it, on both databases: a
// community and a grid made for this file under 江浦街道, another under another
// street, January 2018 (no other test writes there). Each metric's records are
// made, measured for the community under its street, checked for the value and the
// ids behind it — nothing of the other street's counted — and taken away again, so
// that the metrics that read the present state (terminals, grids, registers) see
// only what their own case made. A metric added without a case here fails the last test.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Assessed, measure } from '../../extensions/domains/assessment/measure.ts';
import { type Metric, METRICS, type MetricKey } from '../../extensions/domains/assessment/metrics.ts';
import { daysEnded, parsePeriod } from '../../extensions/domains/assessment/period.ts';
import { loadCalendar } from '../../extensions/kernel/calendar.ts';
import { storedDate } from '../../extensions/kernel/db-values.ts';
import { isWorkingDay } from '../../extensions/kernel/working-days.ts';
import { insertRow, systemDatabase } from '../database.ts';
import { loginAdmin, officeUnit, type Session, unitIds, removeUnits } from '../http.ts';

const STAMP = Date.now().toString(36).toUpperCase();
const period = parsePeriod('2018-01')!;
const at = (local: string) => new Date(`${local}+08:00`);

let admin: Session;
let db: ReturnType<typeof systemDatabase>;
let client: string;
/** 考评测试社区 under 江浦街道 (ours) and its grid; the same under 泰山街道 (theirs). */
const made = {
  district: { id: 0, path: '/320111/' },
  ours: { id: 0, path: '' },
  ourGrid: { id: 0, path: '' },
  theirs: { id: 0, path: '' },
  theirGrid: { id: 0, path: '' },
};
const users: string[] = [];
/** What a case made, taken away (newest first) once it is measured. */
let trail: [string, number][] = [];

async function insert(table: string, row: Record<string, unknown>): Promise<number> {
  const value = await insertRow(db, table, row);
  trail.push([table, value]);
  return value;
}
const where = (unit: { id: number; path: string }) => ({ unit: unit.id, unit_path: unit.path });
const day = (date: string) => storedDate(client, date);

async function makeUser(unit: { id: number; path: string }) {
  const id = randomUUID();
  await db('directus_users').insert({ id, email: `metric-${id.slice(0, 8)}@pukou.gov.cn`, status: 'active', ...where(unit) });
  users.push(id);
  return id;
}

interface Expected {
  value: number;
  of?: number;
  evidence: number[];
  missing?: string[];
  /** Ids of the other street's records, which must not be among ours. */
  theirs: number[];
  cutoff?: Date;
}

/** Each metric's case: makes its records, says what the community should measure. */
const CASES: Partial<Record<MetricKey, () => Promise<Expected>>> = {
  async activity_records() {
    const activity = (unit: { id: number; path: string }, occurred: string, type = 'patrol') =>
      insert('activity_records', { ...where(unit), activity_type: type, occurred_on: day(occurred), title: `指标测试 ${STAMP}` });
    const a = await activity(made.ours, '2018-01-03');
    const b = await activity(made.ourGrid, '2018-01-31', 'meeting');
    await activity(made.ours, '2018-02-01');
    await activity(made.ours, '2017-12-31');
    return { value: 2, evidence: [a, b], theirs: [await activity(made.theirs, '2018-01-10')] };
  },
  async trainings() {
    const training = await insert('activity_records', {
      ...where(made.ourGrid),
      activity_type: 'training',
      occurred_on: day('2018-01-09'),
      title: '培训',
    });
    await insert('activity_records', { ...where(made.ours), activity_type: 'meeting', occurred_on: day('2018-01-09'), title: '会议' });
    const theirs = await insert('activity_records', {
      ...where(made.theirs),
      activity_type: 'training',
      occurred_on: day('2018-01-09'),
      title: '培训',
    });
    return { value: 1, evidence: [training], theirs: [theirs] };
  },
  async meetings() {
    const meeting = await insert('activity_records', {
      ...where(made.ours),
      activity_type: 'meeting',
      occurred_on: day('2018-01-09'),
      title: '会议',
    });
    await insert('activity_records', { ...where(made.ours), activity_type: 'visit', occurred_on: day('2018-01-09'), title: '走访' });
    const theirs = await insert('activity_records', {
      ...where(made.theirs),
      activity_type: 'meeting',
      occurred_on: day('2018-01-09'),
      title: '会议',
    });
    return { value: 1, evidence: [meeting], theirs: [theirs] };
  },
  async patrol_records() {
    const route = await insert('patrol_routes', { ...where(made.ours), name: `线路 ${STAMP}`, schedule: '每日19:00' });
    const patrol = (unit: { id: number; path: string }, start: string) =>
      insert('patrol_records', { ...where(unit), route, patrollers: '张三', started_at: at(start), ended_at: at(start) });
    const a = await patrol(made.ourGrid, '2018-01-05T19:00:00');
    await patrol(made.ourGrid, '2018-02-01T00:30:00');
    return { value: 1, evidence: [a], theirs: [await patrol(made.theirs, '2018-01-05T19:00:00')] };
  },
  async service_categories_missing() {
    const drug = await insert('service_objects', { ...where(made.ours), category: 'drug' });
    const cult = await insert('service_objects', { ...where(made.ourGrid), category: 'cult' });
    // Released before the month ended: no longer under management on its last day.
    await insert('service_objects', { ...where(made.ours), category: 'released', valid_to: day('2018-01-15') });
    const theirs = await insert('service_objects', { ...where(made.theirs), category: 'released' });
    return { value: 6, evidence: [drug, cult], missing: expect.not.arrayContaining(['吸毒人员']) as never, theirs: [theirs] };
  },
  async assistance_groups_missing() {
    const helped = await insert('service_objects', { ...where(made.ours), category: 'drug' });
    const alone = await insert('service_objects', { ...where(made.ourGrid), category: 'drug' });
    await insert('assistance_groups', { ...where(made.ours), service_object: helped, name: '帮教小组' });
    const theirs = await insert('service_objects', { ...where(made.theirs), category: 'drug' });
    return { value: 1, evidence: [alone], theirs: [theirs] };
  },
  async terminals_without_agreement() {
    const [signed, unsigned, other] = [await makeUser(made.ours), await makeUser(made.ours), await makeUser(made.theirs)];
    const terminal = (unit: { id: number; path: string }, holder: string | null, status = 'in_use') =>
      insert('terminals', { ...where(unit), kind: 'pc', asset_number: `ZD${STAMP}${trail.length}`, holder, status });
    await insert('confidentiality_agreements', { ...where(made.ours), signer: signed, signed_on: day('2017-06-01') });
    await terminal(made.ours, signed);
    const bare = await terminal(made.ourGrid, unsigned);
    await terminal(made.ours, null);
    await terminal(made.ours, unsigned, 'retired');
    return { value: 1, evidence: [bare], theirs: [await terminal(made.theirs, other)] };
  },
  async late_project_submissions() {
    const project = await insert('special_projects', { ...where(made.district), title: `专项 ${STAMP}`, due_on: day('2018-01-20') });
    const onTime = await insert('special_projects', { ...where(made.district), title: `专项 ${STAMP}`, due_on: day('2018-01-25') });
    const submission = (unit: { id: number; path: string }, status: string, of = project) =>
      insert('project_submissions', { ...where(unit), project: of, status });
    const late = await submission(made.ours, 'late');
    const pending = await submission(made.ourGrid, 'pending');
    await submission(made.ours, 'submitted', onTime);
    return { value: 2, evidence: [late, pending], theirs: [await submission(made.theirs, 'late')] };
  },
  async daily_checks_missed() {
    const template = (await db('daily_task_templates').orderBy('id').first('id')).id;
    const [mine, other] = [await makeUser(made.ourGrid), await makeUser(made.theirGrid)];
    const check = (unit: { id: number; path: string }, user: string, date: string, done: boolean) =>
      insert('daily_checks', { ...where(unit), key: `${user}.${date}.${STAMP}`, user, day: day(date), template, done });
    const missed = await check(made.ourGrid, mine, '2018-01-05', false);
    await check(made.ourGrid, mine, '2018-01-06', true);
    await check(made.ourGrid, mine, '2018-02-01', false);
    return { value: 1, evidence: [missed], theirs: [await check(made.theirGrid, other, '2018-01-05', false)] };
  },
  async dispute_resolution() {
    const dispute = (unit: { id: number; path: string }, status: string, due = '2018-01-10T17:00:00') =>
      insert('disputes', {
        ...where(unit),
        title: `纠纷 ${STAMP}`,
        dispute_type: 'neighbourhood',
        risk_level: 'low',
        parties: '甲、乙',
        description: '邻里纠纷',
        discovered_on: day('2018-01-05'),
        status,
        mediation_due_at: at(due),
      });
    await dispute(made.ours, 'resolved');
    const unresolved = await dispute(made.ourGrid, 'unresolved');
    const overdue = await dispute(made.ours, 'mediating');
    // Still within its time at the month's end: counted neither way yet.
    await dispute(made.ours, 'mediating', '2018-02-10T17:00:00');
    return { value: 1, of: 3, evidence: [overdue, unresolved], theirs: [await dispute(made.theirs, 'unresolved')] };
  },
  async incidents_entered_late() {
    const incident = (unit: { id: number; path: string }, before: boolean, erupted = '2018-01-12T08:00:00') =>
      insert('petition_incidents', {
        ...where(unit),
        kind: 'mass_incident',
        title: `事件 ${STAMP}`,
        description: '聚集',
        discovered_at: at('2018-01-12T09:00:00'),
        erupted_at: at(erupted),
        entered_before_eruption: before,
      });
    const late = await incident(made.ourGrid, false);
    await incident(made.ours, true);
    await incident(made.ours, false, '2018-02-02T08:00:00');
    return { value: 1, evidence: [late], theirs: [await incident(made.theirs, false)] };
  },
  async late_loss_reports() {
    const terminal = (unit: { id: number; path: string }) =>
      insert('terminals', { ...where(unit), kind: 'phone', asset_number: `SJ${STAMP}${trail.length}`, status: 'lost' });
    const loss = async (unit: { id: number; path: string }, within: boolean) =>
      insert('terminal_losses', {
        ...where(unit),
        terminal: await terminal(unit),
        lost_at: at('2018-01-08T10:00:00'),
        within_24_hours: within,
      });
    const late = await loss(made.ours, false);
    await loss(made.ourGrid, true);
    return { value: 1, evidence: [late], theirs: [await loss(made.theirs, false)] };
  },
  async rectification_campaigns() {
    const campaign = (unit: { id: number; path: string }, starts: string) =>
      insert('rectification_campaigns', {
        ...where(unit),
        problem: `整治 ${STAMP}`,
        measures: '巡逻',
        starts_on: day(starts),
        due_on: day('2018-03-01'),
      });
    const a = await campaign(made.ours, '2018-01-15');
    await campaign(made.ours, '2017-12-15');
    return { value: 1, evidence: [a], theirs: [await campaign(made.theirs, '2018-01-15')] };
  },
  async stability_assessments() {
    const assessment = (unit: { id: number; path: string }) =>
      insert('stability_assessments', {
        ...where(unit),
        subject: `评估 ${STAMP}`,
        subject_kind: 'project',
        risk_points: '征地',
        assessed_on: day('2018-01-18'),
        risk_level: 'low',
        conclusion: 'proceed',
      });
    const a = await assessment(made.ourGrid);
    return { value: 1, evidence: [a], theirs: [await assessment(made.theirs)] };
  },
  async login_days_rate() {
    const [holder, other] = [await makeUser(made.ourGrid), await makeUser(made.theirGrid)];
    const terminal = (unit: { id: number; path: string }, who: string) =>
      insert('terminals', { ...where(unit), kind: 'pc', asset_number: `DL${STAMP}${trail.length}`, holder: who, status: 'in_use' });
    const pc = await terminal(made.ourGrid, holder);
    const theirs = await terminal(made.theirGrid, other);
    const login = (unit: { id: number; path: string }, user: string, date: string, channel: string) =>
      insert('login_days', { ...where(unit), key: `${user}.${date}.${channel}`, user, day: day(date), channel, logins: 1 });
    await login(made.ourGrid, holder, '2018-01-02', 'pc');
    // A phone login does not stand for the PC; the 5th is not over at the cut-off.
    await login(made.ourGrid, holder, '2018-01-03', 'phone');
    await login(made.ourGrid, holder, '2018-01-05', 'pc');
    await login(made.theirGrid, other, '2018-01-03', 'pc');
    const cutoff = at('2018-01-05T10:00:00');
    const calendar = await loadCalendar(db);
    const workdays = daysEnded(period, cutoff, (d) => isWorkingDay(calendar, d));
    return { value: 1, of: workdays.length, evidence: [pc], theirs: [theirs], cutoff };
  },
  async inspections_missed() {
    const facility = (unit: { id: number; path: string }) =>
      insert('security_facilities', { ...where(unit), name: `监控 ${STAMP}`, facility_type: 'camera' });
    const inspected = await facility(made.ours);
    const missed = await facility(made.ourGrid);
    const inspect = (unit: { id: number; path: string }, f: number, month: string) =>
      insert('facility_inspections', { ...where(unit), facility: f, month, inspected_on: day(`${month}-20`), condition: 'normal' });
    await inspect(made.ours, inspected, '2018-01');
    await inspect(made.ourGrid, missed, '2017-12');
    return { value: 1, evidence: [missed], theirs: [await facility(made.theirs)] };
  },
  async grid_staff_missing() {
    const post = (unit: { id: number; path: string }, role: string, until?: string) =>
      insert('grid_staff', { ...where(unit), role, name: `网格人员 ${STAMP}`, ...(until ? { valid_to: day(until) } : {}) });
    await post(made.ourGrid, 'head');
    await post(made.ourGrid, 'grid_worker');
    // Left before the month ended: the post is empty again.
    await post(made.ourGrid, 'police', '2017-12-31');
    // Three of the grid's five posts empty; their grid, with none, is theirs.
    return { value: 3, evidence: [made.ourGrid.id], theirs: [made.theirGrid.id] };
  },
  async registers_missing() {
    await insert('compounds', { ...where(made.ourGrid), name: `小区 ${STAMP}` });
    await insert('social_units', { ...where(made.theirs), name: `单位 ${STAMP}` });
    return { value: 2, evidence: [made.ourGrid.id], missing: ['社会单位', '社会组织'], theirs: [made.theirs.id] };
  },
};

/** Measured in their own files' cases (assessment.test.ts), on records of the same month. */
const MEASURED_ELSEWHERE: MetricKey[] = ['late_receipts', 'late_feedback', 'service_rate', 'services_overdue'];

describe('every assessment metric on records made for it', () => {
  beforeAll(async () => {
    admin = await loginAdmin();
    db = systemDatabase();
    client = inject('database') === 'pg' ? 'pg' : 'sqlite3';
    const ids = await unitIds(admin);
    made.district.id = ids.get('/320111/')!;
    const code = `KM${STAMP.slice(-6)}`;
    made.ours = await officeUnit(admin, '指标测试社区', code, 'community', ids.get('/320111/S01/')!);
    made.ourGrid = await officeUnit(admin, '指标测试网格', 'G01', 'grid', made.ours.id);
    made.theirs = await officeUnit(admin, '指标测试社区（泰山）', code, 'community', ids.get('/320111/S02/')!);
    made.theirGrid = await officeUnit(admin, '指标测试网格（泰山）', 'G01', 'grid', made.theirs.id);
  });

  afterAll(async () => {
    await db('directus_users').whereIn('id', users).del();
    await removeUnits(admin, [made.theirGrid, made.theirs, made.ourGrid, made.ours]);
    await db.destroy();
  });

  it.each(Object.keys(CASES) as MetricKey[])('%s', async (key) => {
    trail = [];
    try {
      const expected = await CASES[key]!();
      const metric = METRICS[key];
      const scope = { db, client, period, cutoff: expected.cutoff ?? period.end, calendar: await loadCalendar(db) };
      const community: Assessed = { id: made.ours.id, path: made.ours.path, name: '指标测试社区' };
      const ours = (await measure(metric, { ...scope, under: '/320111/S01/' }, [community])).get(community.id)!;
      expect(ours).toMatchObject({
        value: expected.value,
        evidence: [...expected.evidence].sort((a, b) => a - b),
        ...(expected.of !== undefined ? { of: expected.of } : {}),
        ...(expected.missing ? { missing: expected.missing } : {}),
      });
      // Measured from the district down, theirs is still not ours; and theirs is counted for them.
      const whole = await measure(metric, { ...scope, under: '/320111/' }, [
        community,
        { id: made.theirs.id, path: made.theirs.path, name: '泰山' },
      ]);
      expect(whole.get(community.id)!.evidence).toEqual(ours.evidence);
      for (const id of expected.theirs) expect(whole.get(made.theirs.id)!.evidence).toContain(id);
      // Where the metric also counts in one pass, the counts are the rows' counts, path by path.
      const counts = (metric as Metric).counts;
      if (counts) {
        const fromRows = new Map<string, { n: number; hits: number }>();
        for (const row of (await metric.rows({ ...scope, under: '/320111/' })) as { path: string; hit: unknown }[]) {
          const c = fromRows.get(row.path) ?? { n: 0, hits: 0 };
          fromRows.set(row.path, { n: c.n + 1, hits: c.hits + (Number(row.hit) === 1 ? 1 : 0) });
        }
        const counted = (await counts({ ...scope, under: '/320111/' })) as { path: string; n: unknown; hits: unknown }[];
        expect(new Map(counted.map((c) => [c.path, { n: Number(c.n), hits: Number(c.hits) }]))).toEqual(fromRows);
      }
    } finally {
      for (const [table, id] of trail.reverse()) await db(table).where({ id }).del();
    }
  });

  it('leaves no metric without a case', () => {
    expect(Object.keys(METRICS).filter((k) => !(k in CASES) && !MEASURED_ELSEWHERE.includes(k as MetricKey))).toEqual([]);
  });
});
