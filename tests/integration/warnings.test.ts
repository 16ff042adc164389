// 预警 on both databases: a community made for this file under 江浦街道 with two grids,
// and one under 泰山街道. Each kind of rule (set by the administrator for the
// community, watching its grids) gets a history on which it fires for the first grid
// and not for the quiet second; a warning is raised once per episode and again after
// its episode ended; the grid and the community above it are told in the app and by
// phone; the grid acknowledges and handles, the community closes; offices set rules
// for their own unit only, checked as they are saved; nothing is raised for another
// street's units.

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDay, periodOf, previous } from '../../extensions/domains/assessment/period.ts';
import { workingDaysBefore } from '../../extensions/domains/warnings/rules.ts';
import { loadCalendar } from '../../extensions/kernel/calendar.ts';
import { storedDate } from '../../extensions/kernel/db-values.ts';
import { isWorkingDay } from '../../extensions/kernel/working-days.ts';
import { insertRow, systemDatabase } from '../database.ts';
import { errorMessage, login, loginAdmin, officeUnit, type Session, unitIds, removeUnits } from '../http.ts';
import { userAt } from '../office-helpers.ts';

const STAMP = Date.now().toString(36).toUpperCase();
const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

let admin: Session, street: Session, community: Session, leader: Session, gridWorker: Session, otherStreet: Session;
let db: ReturnType<typeof systemDatabase>;
let client: string;
let category: number;
const made = { c: { id: 0, path: '' }, g1: { id: 0, path: '' }, g2: { id: 0, path: '' }, t: { id: 0, path: '' }, tg: { id: 0, path: '' } };
const trail: [string, number][] = [];
const users: string[] = [];
const rules: number[] = [];

async function insert(table: string, row: Record<string, unknown>): Promise<number> {
  const value = await insertRow(db, table, row);
  trail.push([table, value]);
  return value;
}
const where = (unit: { id: number; path: string }) => ({ unit: unit.id, unit_path: unit.path });
const day = (date: string) => storedDate(client, date);

/** A matter as the figures read it (made by hand: its course is not what is tested here). */
function matter(unit: { id: number; path: string }, fields: Record<string, unknown>) {
  return insert('matters', {
    number: `YJ${STAMP}${trail.length}`,
    type: 'event',
    title: `预警测试 ${trail.length}`,
    urgency: 'normal',
    category,
    unit: unit.id,
    unit_path: unit.path,
    handler_unit: unit.id,
    version: 1,
    ...fields,
  });
}

async function rule(fields: Record<string, unknown>): Promise<number> {
  const answer = await admin.post('/items/warning_rules', {
    unit: made.c.id,
    level: 'yellow',
    applies_to: 'grid',
    active: true,
    ...fields,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  rules.push(answer.body.data.id);
  return answer.body.data.id;
}

async function evaluate(ids: number[]) {
  const answer = await admin.post('/warnings/evaluate', { rules: ids });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(answer.body.data.failed).toEqual([]);
  return answer.body.data as { raised: number; kept: number; ended: number; told: number };
}

interface Warning {
  id: number;
  unit: number;
  status: string;
  title: string;
  value: string | number | null;
  evidence: { collection: string; ids: number[] } | string;
  open_key: string | null;
  ended_at: string | null;
}

async function warningsOf(ruleId: number): Promise<Warning[]> {
  const answer = await admin.get(
    `/items/warnings?filter[rule][_eq]=${ruleId}&fields=id,unit,status,title,value,evidence,open_key,ended_at&sort=id&limit=-1`,
  );
  return answer.body.data;
}
const evidenceOf = (w: Warning) => (typeof w.evidence === 'string' ? JSON.parse(w.evidence) : w.evidence);
const ours = (ws: Warning[]) => ws.filter((w) => [made.g1.id, made.g2.id].includes(w.unit));

describe('early warning (预警)', () => {
  beforeAll(async () => {
    admin = await loginAdmin();
    db = systemDatabase();
    client = inject('database') === 'pg' ? 'pg' : 'sqlite3';
    const ids = await unitIds(admin);
    const code = `YJ${STAMP.slice(-6)}`;
    made.c = await officeUnit(admin, '预警测试社区', code, 'community', ids.get('/320111/S01/')!);
    made.g1 = await officeUnit(admin, '预警测试一网格', 'G01', 'grid', made.c.id);
    made.g2 = await officeUnit(admin, '预警测试二网格', 'G02', 'grid', made.c.id);
    made.t = await officeUnit(admin, '预警测试社区（泰山）', code, 'community', ids.get('/320111/S03/')!);
    made.tg = await officeUnit(admin, '预警测试网格（泰山）', 'G01', 'grid', made.t.id);
    const paths = new Map([...Object.values(made).map((u): [string, number] => [u.path, u.id]), ...ids]);
    const tag = STAMP.toLowerCase();
    [street, leader, otherStreet] = await Promise.all([
      login('street-staff@pukou.gov.cn'),
      login('street-leader@pukou.gov.cn'),
      userAt(admin, ids, `yj-other-${tag}@pukou.gov.cn`, 'street-staff', '/320111/S03/'),
    ]);
    gridWorker = await userAt(admin, paths, `yj-grid-${tag}@pukou.gov.cn`, 'grid-grid_worker', made.g1.path);
    community = await userAt(admin, paths, `yj-community-${tag}@pukou.gov.cn`, 'community-staff', made.c.path);
    for (const s of [gridWorker, community]) {
      const me = (await s.get('/users/me?fields=id')).body.data.id as string;
      users.push(me);
      await db('directus_users')
        .where({ id: me })
        .update({ phone: `139${String(users.length).padStart(8, '0')}` });
    }
    category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id')).body.data[0].id;
  });

  afterAll(async () => {
    await db('directus_notifications').where({ collection: 'warnings' }).whereIn('recipient', users).del();
    await db('phone_messages').whereIn('recipient', users).del();
    await db('warnings').whereIn('rule', rules).del();
    await db('warning_rules').whereIn('id', rules).del();
    for (const [table, id] of [...trail].reverse()) await db(table).where({ id }).del();
    // The accounts and the units made here go again (a later file lists the street's communities).
    for (const table of ['login_days', 'directus_sessions', 'directus_notifications'])
      await db(table)
        .whereIn(table === 'login_days' ? 'user' : table === 'directus_sessions' ? 'user' : 'recipient', users)
        .del();
    await db('directus_users').whereIn('id', users).del();
    const units = [made.g2, made.g1, made.tg, made.c, made.t];
    await db('matter_reminders')
      .whereIn(
        'unit',
        units.map((u) => u.id),
      )
      .del();
    await removeUnits(admin, units);
    await db.destroy();
  });

  it('fires a threshold rule for the grid whose on-time rate is below the bound, once per episode', async () => {
    const id = await rule({
      name: `按期办结率 ${STAMP}`,
      kind: 'threshold',
      figure: 'matters_closed_on_time',
      comparator: 'below',
      threshold: 85,
      window_days: 30,
      min_base: 2,
    });
    const closed = (unit: { id: number; path: string }, hoursAgo: number, late: boolean) =>
      matter(unit, {
        status: 'closed',
        date_created: ago(hoursAgo + 48),
        due_at: ago(hoursAgo + (late ? 1 : -1)),
        closed_at: ago(hoursAgo),
      });
    await closed(made.g1, 30, false);
    await closed(made.g1, 40, false);
    const late = await closed(made.g1, 50, true);
    await closed(made.g2, 30, false);
    await closed(made.g2, 60, false);
    // Closed 40 days ago: outside the 30 days counted.
    await closed(made.g2, 40 * 24, true);
    await closed(made.tg, 30, true);

    const first = await evaluate([id]);
    const raised = ours(await warningsOf(id));
    expect(raised.map((w) => w.unit)).toEqual([made.g1.id]);
    expect(Number(raised[0]!.value)).toBe(66.7);
    expect(raised[0]!.title).toContain('低于85%');
    expect(evidenceOf(raised[0]!)).toEqual({ collection: 'matters', ids: [late] });
    expect(first.raised).toBeGreaterThanOrEqual(1);

    // Evaluated again while it lasts: kept, not raised again.
    await evaluate([id]);
    expect(ours(await warningsOf(id))).toHaveLength(1);

    // The late matter gone: the episode ends, the warning stays; late again: a new warning.
    await db('matters')
      .where({ id: late })
      .update({ closed_at: ago(50), due_at: ago(49) });
    await evaluate([id]);
    const ended = ours(await warningsOf(id));
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ open_key: null, status: 'raised' });
    expect(ended[0]!.ended_at).not.toBeNull();
    await db('matters')
      .where({ id: late })
      .update({ due_at: ago(51) });
    await evaluate([id]);
    expect(ours(await warningsOf(id)).map((w) => w.open_key === null)).toEqual([true, false]);
  });

  it('fires a trend rule when this month is above the mean + 2σ of the six before', async () => {
    const id = await rule({
      name: `纠纷趋势 ${STAMP}`,
      kind: 'trend',
      figure: 'disputes',
      months: 6,
      sigma: 2,
      min_base: 3,
      level: 'orange',
    });
    const dispute = (unit: { id: number; path: string }, date: string) =>
      insert('disputes', {
        ...where(unit),
        title: `预警测试纠纷 ${STAMP}`,
        dispute_type: 'neighbourhood',
        risk_level: 'low',
        parties: '甲、乙',
        description: '测试',
        discovered_on: day(date),
        status: 'unresolved',
      });
    const month = periodOf('month', new Date());
    const today = localDay(new Date());
    for (const p of previous(month, 6)) {
      const mid = `${p.key}-15`;
      await dispute(made.g1, mid);
      for (let i = 0; i < 3; i++) await dispute(made.g2, mid);
    }
    // This month: the first grid 3 (its months before: 1 each, σ 0); the second 3, as always.
    const now = [];
    for (let i = 0; i < 3; i++) now.push(await dispute(made.g1, i === 0 ? month.first : today));
    for (let i = 0; i < 3; i++) await dispute(made.g2, today);
    await evaluate([id]);
    const raised = ours(await warningsOf(id));
    expect(raised.map((w) => w.unit)).toEqual([made.g1.id]);
    expect(Number(raised[0]!.value)).toBe(3);
    expect(evidenceOf(raised[0]!).ids).toEqual(now);
    expect(raised[0]!.title).toMatch(/高于前6个月均值1加2倍标准差/);
  });

  it('fires a silence rule for a grid without activity and a terminal not logged in for 3 working days', async () => {
    const quiet = await rule({ name: `活动静默 ${STAMP}`, kind: 'silence', source: 'activity', days: 7, level: 'blue' });
    const activity = (unit: { id: number; path: string }, date: string) =>
      insert('activity_records', { ...where(unit), activity_type: 'patrol', occurred_on: day(date), title: `预警测试 ${STAMP}` });
    await activity(made.g1, localDay(ago(2 * 24)));
    await activity(made.g2, localDay(ago(10 * 24)));
    await evaluate([quiet]);
    const silent = ours(await warningsOf(quiet));
    expect(silent.map((w) => w.unit)).toEqual([made.g2.id]);
    expect(silent[0]!.title).toContain('已连续7天没有工作活动记录');

    const logins = await rule({ name: `终端未登录 ${STAMP}`, kind: 'silence', source: 'logins', days: 3, level: 'blue' });
    const [holderA, holderB] = users as [string, string];
    const terminal = (unit: { id: number; path: string }, holder: string, kind: string) =>
      insert('terminals', { ...where(unit), kind, asset_number: `YJ${STAMP}${trail.length}`, holder, status: 'in_use' });
    await terminal(made.g1, holderA, 'phone');
    const unused = await terminal(made.g2, holderB, 'pc');
    const calendar = await loadCalendar(db);
    const [lastWorkingDay] = workingDaysBefore(localDay(new Date()), 1, (d) => isWorkingDay(calendar, d));
    await insert('login_days', {
      ...where(made.g1),
      key: `${holderA}.${lastWorkingDay}.phone`,
      user: holderA,
      day: day(lastWorkingDay!),
      channel: 'phone',
      logins: 1,
    });
    // A PC login does not stand for the PC holder's phone, nor a phone login for a PC.
    await insert('login_days', {
      ...where(made.g2),
      key: `${holderB}.${lastWorkingDay}.phone`,
      user: holderB,
      day: day(lastWorkingDay!),
      channel: 'phone',
      logins: 1,
    });
    await evaluate([logins]);
    const unlogged = ours(await warningsOf(logins));
    expect(unlogged.map((w) => [w.unit, evidenceOf(w).ids])).toEqual([[made.g2.id, [unused]]]);
    expect(unlogged[0]!.title).toContain('个工作日没有登录');
  });

  it('fires a cluster rule for five reports of one category in one grid within 72 hours', async () => {
    const id = await rule({ name: `事项聚集 ${STAMP}`, kind: 'cluster', count: 3, hours: 72, level: 'red' });
    const report = (unit: { id: number; path: string }, hoursAgo: number) =>
      matter(unit, { status: 'closed', date_created: ago(hoursAgo), closed_at: ago(hoursAgo - 1) });
    const cluster = [await report(made.g1, 10), await report(made.g1, 20), await report(made.g1, 70)];
    await report(made.g2, 10);
    await report(made.g2, 20);
    await report(made.g2, 80);
    await evaluate([id]);
    const raised = ours(await warningsOf(id));
    expect(raised.map((w) => w.unit)).toEqual([made.g1.id]);
    expect(evidenceOf(raised[0]!).ids).toEqual(expect.arrayContaining(cluster));
    expect(raised[0]!.title).toContain('可能形成群体性事件');
  });

  it('fires a deadline rule for a grid with a matter past its deadline, and tells the grid and the community above it', async () => {
    const id = await rule({ name: `超期 ${STAMP}`, kind: 'deadline', threshold: 1 });
    const overdue = await matter(made.g1, { status: 'handling', date_created: ago(100), due_at: ago(2), yellow_at: ago(20) });
    await matter(made.g2, { status: 'handling', date_created: ago(10), due_at: ago(-20), yellow_at: ago(-5) });
    const report = await evaluate([id]);
    const [raised] = ours(await warningsOf(id));
    expect(raised).toMatchObject({ unit: made.g1.id, status: 'raised' });
    expect(evidenceOf(raised!).ids).toEqual([overdue]);
    expect(report.told).toBeGreaterThanOrEqual(2);
    const told = await db('directus_notifications')
      .where({ collection: 'warnings', item: String(raised!.id) })
      .pluck('recipient');
    expect(told).toEqual(expect.arrayContaining(users));
    const phoned = await db('phone_messages').whereIn('recipient', users).where({ body: raised!.title }).pluck('recipient');
    expect(phoned.sort()).toEqual([...users].sort());
    // The grid reads its warning; another street does not.
    expect((await gridWorker.get(`/items/warnings/${raised!.id}`)).status).toBe(200);
    expect((await otherStreet.get(`/items/warnings/${raised!.id}`)).status).toBe(403);
  });

  it('lets the grid acknowledge and handle a warning, and the community above close it', async () => {
    const [rule1] = rules;
    const [warning] = ours(await warningsOf(rule1!)).filter((w) => w.open_key !== null);
    const step = (s: Session, name: string, body: unknown = {}) => s.post(`/warnings/${warning!.id}/steps/${name}`, body);

    const early = await step(gridWorker, 'close');
    expect(early.status).toBe(403);
    expect(errorMessage(early)).toBe('只有被预警单位的上级单位可以核销');
    expect((await step(leader, 'acknowledge')).status).toBe(403);
    expect((await step(otherStreet, 'acknowledge')).status).toBe(403);
    for (const bad of [{ note: { $gt: '' } }, { note: ['数组'] }, { note: 'x'.repeat(5000) }, { __proto__: { note: '原型' } }]) {
      const answer = await step(gridWorker, 'handle', bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
    }
    expect((await step(gridWorker, 'launch')).status).toBe(400);
    expect((await step(gridWorker, 'acknowledge')).status).toBe(200);
    expect((await step(gridWorker, 'acknowledge')).status).toBe(409);
    expect((await step(gridWorker, 'handle', { note: '已督促按期办结' })).status).toBe(200);
    expect((await step(community, 'send_back', { note: '请补充整改情况' })).status).toBe(200);
    expect((await step(gridWorker, 'handle', { note: '已补充整改情况' })).status).toBe(200);
    expect((await step(community, 'close', { note: '核实无误' })).status).toBe(200);
    const stored = (
      await admin.get(`/items/warnings/${warning!.id}?fields=status,acknowledged_by,handled_by,closed_by,handling,closing,history`)
    ).body.data;
    expect(stored).toMatchObject({ status: 'closed', acknowledged_by: users[0], handled_by: users[0], closed_by: users[1] });
    expect(stored.handling).toBe('已补充整改情况');
    expect(stored.history.map((h: { step: string }) => h.step)).toEqual([
      'raised',
      'acknowledge',
      'handle',
      'send_back',
      'handle',
      'close',
    ]);
    // Nobody writes a warning through the items API.
    expect((await gridWorker.patch(`/items/warnings/${warning!.id}`, { status: 'raised' })).status).toBe(403);
    expect(
      (await community.post('/items/warnings', { rule: rule1, unit: made.g1.id, title: '伪造', kind: 'deadline', level: 'red' })).status,
    ).toBe(403);
  });

  it('lets an office set rules for its own unit only, each checked as it is saved', async () => {
    const bad = await street.post('/items/warning_rules', {
      name: '坏规则',
      kind: 'threshold',
      level: 'yellow',
      applies_to: 'community',
      figure: 'matters_closed_on_time',
      comparator: 'below',
      threshold: 150,
    });
    expect(bad.status).toBe(400);
    expect(errorMessage(bad)).toContain('阈值应为0到100之间的百分数');
    for (const body of [
      { name: '类型', kind: 'guess', level: 'red', applies_to: 'grid' },
      { name: ['数组'], kind: 'deadline', level: 'red', applies_to: 'grid' },
      { name: '层级', kind: 'deadline', level: 'red', applies_to: 'district' },
    ])
      expect((await street.post('/items/warning_rules', body)).status, JSON.stringify(body)).toBe(400);
    const good = await street.post('/items/warning_rules', {
      name: `社区巡逻静默 ${STAMP}`,
      kind: 'silence',
      level: 'blue',
      applies_to: 'community',
      source: 'patrols',
      days: 7,
      active: true,
    });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    rules.push(good.body.data.id);
    const streetId = (await unitIds(admin)).get('/320111/S01/');
    expect((await admin.get(`/items/warning_rules/${good.body.data.id}?fields=unit`)).body.data.unit).toBe(streetId);
    // A change that leaves the rule unusable is refused with the stored row in view.
    const patch = await street.patch(`/items/warning_rules/${good.body.data.id}`, { days: 0 });
    expect(patch.status).toBe(400);
    expect(errorMessage(patch)).toContain('静默天数');
    // Its own rules only: not the district's, and a community sets none.
    const districtRule = (await admin.get('/items/warning_rules?filter[unit_path][_eq]=/320111/&fields=id&limit=1')).body.data[0].id;
    expect((await street.patch(`/items/warning_rules/${districtRule}`, { active: false })).status).toBe(403);
    expect(
      (await community.post('/items/warning_rules', { name: '社区规则', kind: 'deadline', level: 'red', applies_to: 'grid' })).status,
    ).toBe(403);
    // Evaluated by the street: its communities without patrols are warned, never another street's.
    const report = await street.post('/warnings/evaluate', { rules: [good.body.data.id] });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.data).toMatchObject({ rules: 1, failed: [] });
    const units = (await warningsOf(good.body.data.id)).map((w) => w.unit);
    expect(units).toContain(made.c.id);
    expect(units).not.toContain(made.t.id);
    expect((await street.post('/warnings/evaluate', { rules: [districtRule] })).status).toBe(403);
    expect((await leader.post('/warnings/evaluate', {})).status).toBe(403);
    expect((await street.post('/warnings/evaluate', { rules: 'all' })).status).toBe(400);
    // A rule that raised warnings is switched off, not deleted.
    const removed = await street.delete(`/items/warning_rules/${good.body.data.id}`);
    expect(removed.status).toBe(400);
    expect(errorMessage(removed)).toContain('可取消“启用”');
    expect((await street.patch(`/items/warning_rules/${good.body.data.id}`, { active: false })).status).toBe(200);
    await street.post('/warnings/evaluate', { rules: [good.body.data.id] });
    expect((await warningsOf(good.body.data.id)).every((w) => w.open_key === null)).toBe(true);
  });
});
