// Flows as code and our own flow operations, on both databases. The four operations
// (工作日期限, 通知单位, 派发事项, 预警) are listed by the server and bundled into Studio
// with their Chinese names; the shipped flows fire on their events and tell exactly the
// people they should (a major dispute: the street's leaders; a terminal loss: the
// district's system administrators; a key person's status change: the assistance
// group's unit, with the visit deadline on the working-day calendar); an administrator's
// own flow made through the REST API survives schema apply run twice, which changes
// nothing the second time; the operations raise a matter in the right unit and a warning
// through their domains; bad options fail with a Chinese reason and store nothing.

import type { Knex } from 'knex';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deadlineResult } from '../../extensions/flow-operations/src/options.ts';
import { loadCalendar } from '../../extensions/kernel/calendar.ts';
import { addDuration } from '../../extensions/kernel/working-days.ts';
import { FLOWS, flowId, operationId } from '../../flows/index.ts';
import { stableId } from '../../schema/ids.ts';
import { applySchema } from '../../schema/apply.ts';
import { login as adminClient } from '../../scripts/lib/directus.ts';
import { BROWSER_TESTS, launch, screenshot, studioPage } from '../browser/chromium.ts';
import { systemDatabase } from '../database.ts';
import { type Answer, errorMessage, loginAdmin, officeUnit, removeUnits, type Session, unitIds, waitFor } from '../http.ts';
import { userAt } from '../office-helpers.ts';

const STAMP = Date.now().toString(36).toUpperCase();
const AS_STARTED = { enforceTfa: false };

let admin: Session, staff: Session;
let db: Knex;
let ids: Map<string, number>;
const made = { c: { id: 0, path: '' }, g: { id: 0, path: '' } };
const users: string[] = [];
const adminFlows: string[] = [];
const cleanup: (() => Promise<unknown>)[] = [];

/** Who was told in the app about an item (since the test began). */
async function toldAbout(collection: string, item: number | string): Promise<string[]> {
  return (await db('directus_notifications')
    .where({ collection, item: String(item) })
    .orderBy('recipient')
    .pluck('recipient')) as string[];
}
/** The active users of units, with jobs if given: exactly those a notice should reach. */
async function activeUsers(units: number[], jobs?: string[]): Promise<string[]> {
  const q = db('directus_users').whereIn('unit', units).where({ status: 'active' });
  if (jobs) q.whereIn('job', jobs);
  return ((await q.orderBy('id').pluck('id')) as string[]).sort();
}

/** A webhook flow of the administrator's own with one operation; returns the flow's id and the operation's. */
async function adminFlow(name: string, type: string, options: Record<string, unknown>): Promise<{ flow: string; operation: string }> {
  const flow = await admin.post('/flows', {
    name: `${name} ${STAMP}`,
    status: 'active',
    trigger: 'webhook',
    accountability: 'all',
    options: { method: 'POST', return: '$last', error_on_reject: true },
  });
  expect(flow.status, JSON.stringify(flow.body)).toBe(200);
  adminFlows.push(flow.body.data.id);
  const operation = await admin.post('/operations', {
    flow: flow.body.data.id,
    name,
    key: 'step',
    type,
    position_x: 19,
    position_y: 1,
    options,
  });
  expect(operation.status, JSON.stringify(operation.body)).toBe(200);
  expect((await admin.patch(`/flows/${flow.body.data.id}`, { operation: operation.body.data.id })).status).toBe(200);
  return { flow: flow.body.data.id, operation: operation.body.data.id };
}
const run = (flow: string, body: unknown = {}) => admin.post(`/flows/trigger/${flow}`, body);

/** A session whose requests answered 503 (the database busy: nothing was done) are sent again. */
function patient(session: Session): Session {
  const retried =
    <A extends unknown[]>(call: (...args: A) => Promise<Answer>) =>
    async (...args: A): Promise<Answer> => {
      for (let i = 1; ; i++) {
        const answer = await call(...args);
        if (answer.status !== 503 || i >= 8) return answer;
        await new Promise((r) => setTimeout(r, 500 * i));
      }
    };
  return {
    ...session,
    get: retried(session.get),
    post: retried(session.post),
    patch: retried(session.patch),
    delete: retried(session.delete),
  };
}

/**
 * Setting up and clearing away beside other work on the same server: on SQLite a write
 * may meet the worker's or another request's write lock (SQLITE_BUSY, 503); tried again.
 */
async function again<T>(work: () => Promise<T>, tries = 8): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= tries || !/SQLITE_BUSY|503|locked/.test(String((error as Error).message))) throw error;
      await new Promise((r) => setTimeout(r, 500 * i));
    }
  }
}

beforeAll(async () => {
  admin = patient(await loginAdmin());
  db = systemDatabase();
  ids = await unitIds(admin);
  made.c = await officeUnit(admin, '流程测试社区', `LC${STAMP.slice(-6)}`, 'community', ids.get('/320111/S01/')!);
  made.g = await officeUnit(admin, '流程测试网格', 'G01', 'grid', made.c.id);
  staff = await userAt(
    admin,
    new Map([[made.c.path, made.c.id]]),
    `flow-staff-${STAMP.toLowerCase()}@pukou.gov.cn`,
    'community-staff',
    made.c.path,
  );
  users.push((await staff.get('/users/me?fields=id')).body.data.id);
});

afterAll(async () => {
  for (const step of cleanup.reverse()) await again(step);
  for (const flow of adminFlows) await again(() => admin.delete(`/flows/${flow}`));
  for (const table of ['directus_sessions', 'directus_notifications', 'login_days', 'phone_messages'])
    await again(() =>
      db(table)
        .whereIn(['directus_notifications', 'phone_messages'].includes(table) ? 'recipient' : 'user', users)
        .del(),
    );
  await again(() => db('directus_users').whereIn('id', users).del());
  await again(() => removeUnits(admin, [made.g, made.c]));
  await db.destroy();
});

describe('our operations', () => {
  it('are listed by the server and bundled into Studio with their Chinese names', async () => {
    const listed = await admin.get('/extensions');
    expect(listed.status).toBe(200);
    const bundle = (
      listed.body.data as { bundle: string | null; schema: { name?: string; type?: string } | null; meta: { enabled: boolean } }[]
    )
      .filter((e) => e.schema?.type === 'operation')
      .map((e) => e.schema!.name);
    expect(bundle).toEqual(expect.arrayContaining(['workday-deadline', 'notify-unit', 'dispatch-matter', 'raise-warning']));
    // Studio loads every app extension from one bundle Directus builds at start (no build step of ours).
    const source = await fetch(`${inject('directus').url}/extensions/sources/index.js`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(source.status).toBe(200);
    const code = await source.text();
    for (const name of ['工作日期限', '通知单位', '派发事项', '预警', '只通知这些岗位', '承办单位']) expect(code).toContain(name);
  });

  it('工作日期限 counts working days on the district calendar', async () => {
    const { flow } = await adminFlow('期限测试', 'workday-deadline', { start: '2026-12-30T10:00:00+08:00', days: 3 });
    const answer = await run(flow);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const start = new Date('2026-12-30T10:00:00+08:00');
    const expected = deadlineResult(start, addDuration(await loadCalendar(db), start, { amount: 3, unit: 'working_days' }), 3);
    expect(answer.body).toEqual(expected);
  });

  it('派发事项 raises a task to the unit named, from the unit above it, through the matters service', async () => {
    const { flow } = await adminFlow('派发测试', 'dispatch-matter', {
      unit: String(made.g.id),
      category: 'MDJF',
      title: `流程派发 ${STAMP}`,
      description: '请核实并化解',
      urgency: 'urgent',
    });
    const answer = await run(flow);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const matter = answer.body.id as number;
    cleanup.push(async () => {
      for (const table of ['matter_reminders', 'matter_steps', 'matter_participants']) await db(table).where({ matter }).del();
      await db('directus_notifications')
        .where({ collection: 'matters', item: String(matter) })
        .del();
      await db('matters').where({ id: matter }).del();
    });
    const row = (await admin.get(`/items/matters/${matter}?fields=type,status,unit,handler_unit,urgency,number,due_at,title`)).body.data;
    expect(row).toMatchObject({ type: 'task', status: 'pending_sign', unit: made.c.id, handler_unit: made.g.id, urgency: 'urgent' });
    expect(row.number).toMatch(/^RW/);
    expect(row.due_at).not.toBeNull();
    // A task only goes down to a direct child: the same rule as POST /matters/report.
    const { flow: sideways } = await adminFlow('派发越级', 'dispatch-matter', {
      unit: String(made.g.id),
      from_unit: String(ids.get('/320111/S01/')),
      category: 'MDJF',
      title: `流程越级 ${STAMP}`,
      description: '越级派发',
    });
    const refused = await run(sideways);
    expect(refused.status).toBe(400);
    expect(errorMessage(refused)).toContain('派发事项：任务只能分派给本单位的直属下级单位');
    expect(
      await db('matters')
        .where({ title: `流程越级 ${STAMP}` })
        .count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
    expect(
      Number(
        (
          await db('matters')
            .where({ title: `流程越级 ${STAMP}` })
            .count({ n: '*' })
        )[0]!.n,
      ),
    ).toBe(0);
  });

  it('预警 raises a warning for the unit under a rule, told to the unit and the one above', async () => {
    const rule = await admin.post('/items/warning_rules', {
      unit: ids.get('/320111/S01/'),
      name: `流程预警 ${STAMP}`,
      kind: 'deadline',
      level: 'yellow',
      applies_to: 'community',
      active: false,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(200);
    const ruleId = rule.body.data.id as number;
    cleanup.push(async () => {
      const raised = (await db('warnings').where({ rule: ruleId }).pluck('id')) as number[];
      await db('directus_notifications').where({ collection: 'warnings' }).whereIn('item', raised.map(String)).del();
      await db('warnings').where({ rule: ruleId }).del();
      await db('warning_rules').where({ id: ruleId }).del();
    });
    const { flow } = await adminFlow('预警测试', 'raise-warning', {
      rule: String(ruleId),
      unit: String(made.c.id),
      summary: '流程发现重大矛盾纠纷',
      level: 'orange',
    });
    const answer = await run(flow);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const warning = (await db('warnings').where({ id: answer.body.id }).first('unit', 'status', 'level', 'open_key', 'title')) as Record<
      string,
      unknown
    >;
    expect(warning).toMatchObject({ unit: made.c.id, status: 'raised', level: 'orange', open_key: null });
    expect(warning.title).toBe(`【橙色预警】流程预警 ${STAMP}：流程发现重大矛盾纠纷`);
    expect(await toldAbout('warnings', answer.body.id)).toEqual(await activeUsers([made.c.id, ids.get('/320111/S01/')!]));
    // A unit outside the rule's office is refused, and nothing is raised.
    const { flow: outside } = await adminFlow('预警越界', 'raise-warning', {
      rule: String(ruleId),
      unit: String(ids.get('/320111/S02/')),
      summary: '越界',
    });
    const refused = await run(outside);
    expect(refused.status).toBe(400);
    expect(errorMessage(refused)).toContain('预警：被预警单位');
    expect(await db('warnings').where({ rule: ruleId }).pluck('id')).toEqual([answer.body.id]);
  });

  it('bad options fail with a clear Chinese reason, kept in the flow’s log, and store nothing', async () => {
    const subject = `坏选项 ${STAMP}`;
    const { flow } = await adminFlow('坏选项', 'notify-unit', { unit: 'abc', jobs: ['boss'], subject, message: '' });
    const answer = await run(flow);
    expect(answer.status).toBe(400);
    const reason = errorMessage(answer);
    expect(reason).toContain('通知单位：');
    expect(reason).toContain('通知的单位“abc”不是有效的单位编号');
    expect(reason).toContain('岗位“boss”无效');
    expect(reason).toContain('请填写通知内容');
    expect(Number((await db('directus_notifications').where({ subject }).count({ n: '*' }))[0]!.n)).toBe(0);
    // The flow's log (a revision of its run) keeps the reason.
    const logged = await waitFor(
      async () =>
        (await admin.get(`/revisions?filter[collection][_eq]=directus_flows&filter[item][_eq]=${flow}&fields=data&limit=1&sort=-id`)).body
          .data,
      (rows: { data: unknown }[]) => rows.length > 0,
      5_000,
    );
    expect(JSON.stringify(logged[0]?.data)).toContain('通知的单位“abc”不是有效的单位编号');

    const { flow: noCategory } = await adminFlow('坏分类', 'dispatch-matter', {
      unit: String(made.g.id),
      category: 'NOSUCH',
      title: `坏分类 ${STAMP}`,
      description: '不应派发',
    });
    const refused = await run(noCategory);
    expect(refused.status).toBe(400);
    expect(errorMessage(refused)).toBe('派发事项：事项分类“NOSUCH”不存在');
    expect(
      Number(
        (
          await db('matters')
            .where({ title: `坏分类 ${STAMP}` })
            .count({ n: '*' })
        )[0]!.n,
      ),
    ).toBe(0);

    const { flow: noDays } = await adminFlow('坏期限', 'workday-deadline', { days: 0, start: '明天' });
    const late = await run(noDays);
    expect(late.status).toBe(400);
    expect(errorMessage(late)).toContain('工作日期限：起算时间“明天”无效');
    expect(errorMessage(late)).toContain('工作日数应为1到250之间的整数');
  });
});

describe('shipped flows', () => {
  it('are stored under their stable ids, active', async () => {
    for (const spec of FLOWS) {
      const flow = (await admin.get(`/flows/${flowId(spec.key)}?fields=name,status,operation`)).body.data;
      expect(flow).toEqual({ name: spec.name, status: 'active', operation: operationId(spec.key, spec.operations[0]!.key) });
    }
  });

  it('a dispute marked major tells the leaders of its street, and no one else', async () => {
    const dispute = (risk: string, title: string) =>
      staff.post('/items/disputes', {
        title,
        dispute_type: 'neighbourhood',
        risk_level: risk,
        parties: '张某、李某',
        description: '流程测试纠纷',
        discovered_on: '2026-11-20',
      });
    const major = await dispute('high', `重大纠纷 ${STAMP}`);
    expect(major.status, JSON.stringify(major.body)).toBe(200);
    const minor = await dispute('low', `一般纠纷 ${STAMP}`);
    expect(minor.status).toBe(200);
    cleanup.push(() => db('disputes').whereIn('id', [major.body.data.id, minor.body.data.id]).del());
    cleanup.push(() =>
      db('directus_notifications')
        .where({ collection: 'disputes' })
        .whereIn('item', [String(major.body.data.id), String(minor.body.data.id)])
        .del(),
    );
    const leaders = await activeUsers([ids.get('/320111/S01/')!], ['leader']);
    expect(leaders.length).toBeGreaterThan(0);
    expect(
      await waitFor(
        () => toldAbout('disputes', major.body.data.id),
        (told) => told.length >= leaders.length,
      ),
    ).toEqual(leaders);
    const notice = await db('directus_notifications')
      .where({ collection: 'disputes', item: String(major.body.data.id) })
      .first('subject', 'message');
    expect(notice).toEqual({ subject: '重大矛盾纠纷', message: expect.stringContaining('高风险（重大）') });
    // Raised to high later: told again; a low one never.
    expect((await staff.patch(`/items/disputes/${minor.body.data.id}`, { risk_level: 'high' })).status).toBe(200);
    expect(
      await waitFor(
        () => toldAbout('disputes', minor.body.data.id),
        (told) => told.length >= leaders.length,
      ),
    ).toEqual(leaders);
    expect((await staff.patch(`/items/disputes/${major.body.data.id}`, { description: '补充情况' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(await toldAbout('disputes', major.body.data.id)).toEqual(leaders);
  });

  it('a terminal loss tells the district’s system administrators, and no one else', async () => {
    const me = users[0]!;
    const terminal = await staff.post('/items/terminals', {
      kind: 'phone',
      asset_number: `T-FLOW-${STAMP}`,
      model: '华为 nova',
      holder: me,
    });
    expect(terminal.status, JSON.stringify(terminal.body)).toBe(200);
    const tid = terminal.body.data.id as number;
    const lost = await staff.post(`/office/terminals/${tid}/loss`, {
      lost_at: new Date(Date.now() - 3_600_000).toISOString(),
      circumstances: '流程测试遗失',
    });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    const loss = (await db('terminal_losses').where({ terminal: tid }).first('id')) as { id: number };
    cleanup.push(async () => {
      await db('directus_notifications')
        .where({ collection: 'terminal_losses', item: String(loss.id) })
        .del();
      await db('terminal_losses').where({ terminal: tid }).del();
      await db('terminals').where({ id: tid }).del();
    });
    const sysadmins = await activeUsers([ids.get('/320111/')!], ['sysadmin']);
    expect(sysadmins.length).toBeGreaterThan(0);
    expect(
      await waitFor(
        () => toldAbout('terminal_losses', loss.id),
        (told) => told.length >= sysadmins.length,
      ),
    ).toEqual(sysadmins);
    const phoned = (await db('phone_messages')
      .whereIn('recipient', sysadmins)
      .where('body', 'like', '%有终端报告丢失%')
      .pluck('recipient')) as string[];
    const withPhones = (await db('directus_users')
      .whereIn('id', sysadmins)
      .whereNotNull('phone')
      .whereNot('phone', '')
      .pluck('id')) as string[];
    expect([...new Set(phoned)].sort()).toEqual(withPhones.sort());
  });

  it('a key person’s status change asks the assistance group for a visit within the working days', async () => {
    // A seeded key person whose assistance group sits at a unit with staff to tell.
    const group = (await db('assistance_groups as g')
      .join('service_objects as s', 's.id', 'g.service_object')
      .whereExists(db('directus_users as u').whereRaw('u.unit = g.unit').where('u.status', 'active'))
      .orderBy('g.id')
      .first('g.service_object', 'g.unit', 's.state', 's.situation')) as {
      service_object: number;
      unit: number;
      state: string;
      situation: string | null;
    };
    expect(group).toBeDefined();
    const groupUnits = ((await db('assistance_groups').where({ service_object: group.service_object }).pluck('unit')) as number[]).map(
      Number,
    );
    const next = group.state === 'ended' ? 'in_force' : 'ended';
    const before = new Date();
    const changed = await admin.patch(`/items/service_objects/${group.service_object}`, { state: next });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const expected = await activeUsers([...new Set(groupUnits)]);
    const told = await waitFor(
      () =>
        db('directus_notifications')
          .where({ collection: 'service_objects', item: String(group.service_object), subject: '重点人员走访' })
          .where('timestamp', '>=', before)
          .orderBy('recipient')
          .select('recipient', 'message'),
      (rows) => rows.length >= expected.length,
    );
    cleanup.push(async () => {
      await admin.patch(`/items/service_objects/${group.service_object}`, { state: group.state, situation: group.situation });
      await new Promise((r) => setTimeout(r, 2000));
      await db('directus_notifications')
        .where({ collection: 'service_objects', item: String(group.service_object), subject: '重点人员走访' })
        .del();
    });
    expect(told.map((r) => r.recipient).sort()).toEqual(expected);
    const deadline = deadlineResult(before, addDuration(await loadCalendar(db), before, { amount: 3, unit: 'working_days' }), 3);
    expect(told[0]!.message).toContain(`于${deadline.text}前完成走访`);
    // A change of something else asks for nothing.
    const count = Number(
      (
        await db('directus_notifications')
          .where({ collection: 'service_objects', item: String(group.service_object) })
          .count({ n: '*' })
      )[0]!.n,
    );
    expect((await admin.patch(`/items/service_objects/${group.service_object}`, { situation: `流程测试 ${STAMP}` })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      Number(
        (
          await db('directus_notifications')
            .where({ collection: 'service_objects', item: String(group.service_object) })
            .count({ n: '*' })
        )[0]!.n,
      ),
    ).toBe(count);
  });
});

describe('schema apply', () => {
  it('leaves an administrator’s own flow alone, brings a changed shipped flow back, and changes nothing the second time', async () => {
    const { url, adminEmail, adminPassword } = inject('directus');
    const client = await adminClient(url, adminEmail, adminPassword);
    const own = await adminFlow('管理员自建', 'workday-deadline', { days: 2 });
    const ownBefore = (await admin.get(`/flows/${own.flow}?fields=*,operations.*`)).body.data;
    // An administrator switches a shipped flow off and edits one of its operations.
    const dispute = flowId('major-dispute');
    const tell = operationId('major-dispute', 'tell');
    expect((await admin.patch(`/flows/${dispute}`, { status: 'inactive' })).status).toBe(200);
    expect((await admin.patch(`/operations/${tell}`, { options: { unit: '{{$trigger}}', subject: '改过', message: '改过' } })).status).toBe(
      200,
    );
    try {
      const first = await applySchema(client, AS_STARTED);
      // Of flows, only the shipped operation edited by hand is brought back (other files may leave other changes to apply).
      const ofFlows = (changes: string[]) => changes.filter((c) => /^(flow|operation) /.test(c));
      expect(ofFlows(first.updated)).toEqual([`operation ${FLOWS[0]!.name}.tell`]);
      expect(ofFlows(first.created)).toEqual([]);
      expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
      expect((await admin.get(`/flows/${own.flow}?fields=*,operations.*`)).body.data).toEqual(ownBefore);
      // Switched off stays off: the status is the administrator's.
      expect((await admin.get(`/flows/${dispute}?fields=status`)).body.data.status).toBe('inactive');
      expect((await admin.get(`/operations/${tell}?fields=options`)).body.data.options).toEqual(FLOWS[0]!.operations[1]!.options);
    } finally {
      expect((await admin.patch(`/flows/${dispute}`, { status: 'active' })).status).toBe(200);
    }
  });
});

describe('schema apply, after code retired a shipped operation or flow', () => {
  it('deletes them, keeps an administrator’s operation hung after the retired one, and touches no flow of an administrator', async () => {
    const { url, adminEmail, adminPassword } = inject('directus');
    const client = await adminClient(url, adminEmail, adminPassword);
    // As an earlier version of the code left them: an operation of ours at the end of a shipped
    // flow, an administrator's operation hung after it, and a whole shipped flow since dropped.
    const spec = FLOWS.find((f) => f.key === 'terminal-loss')!;
    const last = operationId(spec.key, spec.operations.at(-1)!.key);
    const retired = stableId(`flow:${spec.key}:operation:retired-${STAMP}`);
    const make = (body: Record<string, unknown>) => admin.post('/operations', { position_x: 60, position_y: 1, ...body });
    expect(
      (await make({ id: retired, flow: flowId(spec.key), key: `retired_${STAMP}`, type: 'log', options: { message: 'old' } })).status,
    ).toBe(200);
    const hung = await make({
      flow: flowId(spec.key),
      key: `admins_${STAMP}`,
      type: 'log',
      position_y: 20,
      options: { message: '管理员的' },
    });
    expect(hung.status).toBe(200);
    expect((await admin.patch(`/operations/${retired}`, { resolve: hung.body.data.id })).status).toBe(200);
    expect((await admin.patch(`/operations/${last}`, { resolve: retired })).status).toBe(200);
    const droppedFlow = stableId(`flow:dropped-${STAMP}`);
    expect(
      (await admin.post('/flows', { id: droppedFlow, name: `已取消 ${STAMP}`, status: 'active', trigger: 'manual', options: {} })).status,
    ).toBe(200);
    const own = await adminFlow('管理员自建（保留）', 'workday-deadline', { days: 1 });
    try {
      await applySchema(client, AS_STARTED);
      expect((await admin.get(`/operations/${retired}`)).status).toBe(403);
      expect((await admin.get(`/flows/${droppedFlow}`)).status).toBe(403);
      // The administrator's operation now follows ours directly; their own flow is untouched.
      expect((await admin.get(`/operations/${last}?fields=resolve`)).body.data.resolve).toBe(hung.body.data.id);
      expect((await admin.get(`/flows/${own.flow}?fields=status`)).body.data.status).toBe('active');
      expect(await applySchema(client, AS_STARTED)).toEqual({ created: [], updated: [], deleted: [], skipped: [] });
    } finally {
      await admin.patch(`/operations/${last}`, { resolve: null });
      await admin.delete(`/operations/${hung.body.data.id}`);
    }
  });
});

// Studio's flow editor, in a real browser (the browser suites run in the sqlite project only).
describe.runIf(inject('database') === 'sqlite')('Studio’s flow editor', BROWSER_TESTS, () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('offers the four operations with their Chinese names and options', async () => {
    const { adminEmail, adminPassword } = inject('directus');
    const { context, page } = await studioPage(browser!, adminEmail, adminPassword);
    try {
      // A shipped flow's 通知单位 step, opened for editing: our description and our options, in Chinese.
      await page.goto(`/admin/settings/flows/${flowId('terminal-loss')}/${operationId('terminal-loss', 'tell')}`);
      await page.getByText('只通知这些岗位').first().waitFor({ state: 'visible', timeout: 60_000 });
      await page.getByText('不选即单位全部在岗人员').first().waitFor({ state: 'visible' });
      // A new step: the drawer lists every operation type, ours among them.
      await page.goto(`/admin/settings/flows/${flowId('terminal-loss')}/+`);
      for (const name of ['工作日期限', '通知单位', '派发事项', '预警'])
        await page.getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
    } finally {
      await screenshot(page, 'flows-studio-operations');
      await context.close();
    }
  });
});
