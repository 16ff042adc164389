// A matter's life with real users on all four levels (R9, R10, R11): a grid
// worker reports with a photo; the community accepts and escalates; the street
// dispatches to another community and transfers a part to a department; replies
// come back; only the grid (the initiator) can close; every step is recorded.

import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, createReadyUser, errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let ids: Map<string, number>;
let admin: Session;
let grid: Session, community: Session, street: Session, otherCommunity: Session, department: Session, leader: Session, stranger: Session;
let category: number;

const GRID = '/320111/S01/C001/G01/',
  COMMUNITY = '/320111/S01/C001/',
  STREET = '/320111/S01/',
  OTHER = '/320111/S01/C002/',
  POLICE = '/320111/GAJ/';

async function upload(session: Session, type: string, bytes: number) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'scene.png');
  const res = await fetch(`${baseUrl()}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${session.token}` } });
  return { status: res.status, body: await res.json() };
}

async function uploadPhoto(session: Session, type = 'image/png', bytes = 256): Promise<string> {
  const answer = await upload(session, type, bytes);
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.body));
  return answer.body.data.id;
}

async function move(session: Session, id: number, action: string, extra: Record<string, unknown> = {}) {
  const { body } = await session.get(`/items/matters/${id}?fields=version`);
  return session.post(`/matters/${id}/transition`, { action, version: body.data.version, ...extra });
}

async function expectMoved(session: Session, id: number, action: string, status: string, extra: Record<string, unknown> = {}) {
  const answer = await move(session, id, action, extra);
  expect(answer.body).toMatchObject({ data: { status } });
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  [grid, community, street, department, leader] = await Promise.all([
    login('grid-gridworker@pukou.gov.cn'),
    login('community-staff@pukou.gov.cn'),
    login('street-staff@pukou.gov.cn'),
    login('department-liaison@pukou.gov.cn'),
    login('street-leader@pukou.gov.cn'),
  ]);
  // Staff of 惠济社区 (C002) and of 顶山街道 (another street), created for this story.
  for (const [email, role, unit] of [
    ['flow-c002@pukou.gov.cn', 'community-staff', OTHER],
    ['flow-s02@pukou.gov.cn', 'street-staff', '/320111/S02/'],
  ] as const) {
    const roles = (
      await admin.get(
        `/roles?filter[name][_eq]=${encodeURIComponent(role === 'community-staff' ? '社区·专职人员' : '街道·专职人员')}&fields=id`,
      )
    ).body.data;
    const existing = (await admin.get(`/users?filter[email][_eq]=${email}`)).body.data;
    if (!existing.length)
      await createReadyUser(admin, { email, password: 'Flow@2026x', role: roles[0].id, unit: ids.get(unit), status: 'active' });
  }
  otherCommunity = await login('flow-c002@pukou.gov.cn', 'Flow@2026x');
  stranger = await login('flow-s02@pukou.gov.cn', 'Flow@2026x');
  category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id')).body.data[0].id;
});

describe('a grid report through all four levels', () => {
  it('goes up, down, sideways and back, and only the initiator closes it', async () => {
    const photo = await uploadPhoto(grid);
    const reported = await grid.post('/matters/report', {
      type: 'event_report',
      title: '邻里噪音纠纷',
      category,
      urgency: 'normal',
      source: 'grid_worker',
      occurred_at: '2026-11-20T21:30:00+08:00',
      address: '求雨山社区3栋',
      latitude: 32.06,
      longitude: 118.63,
      grid: ids.get(GRID),
      people_involved: '3栋201住户、301住户',
      description: '楼上住户夜间噪音，双方多次争吵',
      measures: '已现场劝解，建议社区调解',
      attachments: [photo],
    });
    expect(reported.status).toBe(200);
    const m = reported.body.data;
    expect(m.number).toMatch(/^SJ-\d{8}-\d{4}$/);
    expect(m).toMatchObject({ status: 'pending_acceptance', handler_unit: ids.get(COMMUNITY), version: 1 });
    expect(m.due_at).toBeTruthy();
    // 涉及人员 holds 2,000 characters at every door: the report, and an administrator's edit in Studio (softLength).
    const tooLong = '人'.repeat(2001);
    const refused = await grid.post('/matters/report', {
      type: 'event_report',
      title: '过长',
      category,
      description: 'x',
      people_involved: tooLong,
    });
    expect(refused.status).toBe(400);
    expect(errorMessage(refused)).toContain('涉及人员不能超过2000');
    const edited = await admin.patch(`/items/matters/${m.id}`, { people_involved: tooLong });
    expect(edited.status).toBe(400);
    expect(errorMessage(edited)).toContain('涉及人员');
    expect((await admin.get(`/items/matters/${m.id}?fields=people_involved`)).body.data.people_involved).toBe('3栋201住户、301住户');

    // Not visible to another street, visible to the street above the grid.
    expect((await stranger.get(`/items/matters/${m.id}`)).status).toBe(403);
    expect((await stranger.post(`/matters/${m.id}/transition`, { action: 'accept', version: 1 })).status).toBe(403);
    expect((await street.get(`/items/matters/${m.id}?fields=number`)).body.data.number).toBe(m.number);

    // The community heard of it at once, in the app.
    const heard = (await community.get(`/notifications?filter[item][_eq]=${m.id}&filter[collection][_eq]=matters&fields=subject`)).body
      .data;
    expect(heard).toEqual([{ subject: '新事件上报待受理' }]);

    await expectMoved(community, m.id, 'accept', 'handling');
    await expectMoved(community, m.id, 'escalate', 'pending_acceptance', { target_unit: ids.get(STREET) });
    const streetHeard = (await street.get(`/notifications?filter[item][_eq]=${m.id}&fields=subject`)).body.data;
    expect(streetHeard).toEqual([{ subject: `事项${m.number}上报：待受理` }]);
    await expectMoved(street, m.id, 'accept', 'handling');
    // The community and the reporting grid read who holds it now and who handed it on, though neither may read the street's record.
    const streetName = (await admin.get(`/items/units/${ids.get(STREET)}?fields=name`)).body.data.name;
    for (const below of [community, grid]) {
      expect((await below.get(`/items/units/${ids.get(STREET)}`)).status).toBe(403);
      const named = (await below.get(`/matters/${m.id}/actions`)).body.data;
      expect(named.handler_unit).toBe(ids.get(STREET));
      expect(named.unit_names[String(ids.get(STREET))]).toBe(streetName);
      expect(Object.keys(named.unit_names).map(Number).sort()).toEqual(
        [ids.get(`${COMMUNITY}G01/`), ids.get(COMMUNITY), ids.get(STREET)].sort(),
      );
    }
    await expectMoved(street, m.id, 'dispatch', 'pending_sign', { target_unit: ids.get(OTHER) });
    // Now that it has passed through C002, C002 sees it.
    expect((await otherCommunity.get(`/items/matters/${m.id}?fields=id`)).status).toBe(200);
    await expectMoved(otherCommunity, m.id, 'sign_for', 'handling');
    await expectMoved(otherCommunity, m.id, 'reply', 'replied', { opinion: '已约谈301住户，承诺22点后不再施工' });
    await expectMoved(street, m.id, 'transfer', 'pending_sign', { target_unit: ids.get(POLICE) });
    await expectMoved(department, m.id, 'sign_for', 'handling');
    await expectMoved(department, m.id, 'reply', 'replied', { opinion: '派出所已上门告知噪音管理规定' });
    await expectMoved(street, m.id, 'reply', 'replied', { opinion: '街道已协调处理完毕' });
    await expectMoved(community, m.id, 'reply', 'pending_verification', { opinion: '请网格员回访核实' });

    const byCommunity = await move(community, m.id, 'close');
    expect(byCommunity.status).toBe(403);
    expect(errorMessage(byCommunity)).toBe('只有发起单位可以办结（谁发起、谁办结）');
    const byLeader = await move(leader, m.id, 'close');
    expect(byLeader.status).toBe(403);
    await expectMoved(grid, m.id, 'close', 'closed');

    const steps = (await grid.get(`/items/matter_steps?filter[matter][_eq]=${m.id}&sort=id&fields=action,from_unit,to_unit,status_after`))
      .body.data;
    expect(steps.map((s: { action: string }) => s.action)).toEqual([
      'report',
      'accept',
      'escalate',
      'accept',
      'dispatch',
      'sign_for',
      'reply',
      'transfer',
      'sign_for',
      'reply',
      'reply',
      'reply',
      'close',
    ]);
    expect(steps[4]).toEqual({ action: 'dispatch', from_unit: ids.get(STREET), to_unit: ids.get(OTHER), status_after: 'pending_sign' });
    expect(steps.at(-1)).toEqual({ action: 'close', from_unit: ids.get(GRID), to_unit: ids.get(GRID), status_after: 'closed' });
    const attachments = (await grid.get(`/items/matters/${m.id}?fields=attachments.directus_files_id`)).body.data.attachments;
    expect(attachments).toEqual([{ directus_files_id: photo }]);
  });
});

describe('refusals change nothing', () => {
  let matter: { id: number; version: number };
  beforeAll(async () => {
    matter = (await grid.post('/matters/report', { type: 'help', title: '求助：独居老人', category, description: '独居老人需要帮扶' })).body
      .data;
  });

  const snapshot = async () => ({
    matter: (await admin.get(`/items/matters/${matter.id}?fields=status,version,handler_unit,route`)).body.data,
    steps: (await admin.get(`/items/matter_steps?filter[matter][_eq]=${matter.id}&aggregate[count]=*`)).body.data,
  });

  it('answers a stale version with 409 and lets exactly one of two concurrent transitions win', async () => {
    const before = await snapshot();
    const stale = await community.post(`/matters/${matter.id}/transition`, { action: 'accept', version: 7 });
    expect(stale.status).toBe(409);
    expect(await snapshot()).toEqual(before);

    const both = await Promise.all([
      community.post(`/matters/${matter.id}/transition`, { action: 'accept', version: 1 }),
      community.post(`/matters/${matter.id}/transition`, { action: 'accept', version: 1 }),
    ]);
    expect(both.map((a) => a.status).sort()).toEqual([200, 409]);
    const after = await snapshot();
    expect(after.matter.version).toBe(2);
    expect(Number(after.steps[0].count)).toBe(2);
  });

  it('does a transition sent again with its submission id once, also sent five times at once; the id is no key to another', async () => {
    const fresh = async () =>
      (await grid.post('/matters/report', { type: 'help', title: '求助：重发的办理', category, description: '办理重发测试' })).body.data
        .id as number;
    const steps = async (id: number) =>
      Number((await admin.get(`/items/matter_steps?filter[matter][_eq]=${id}&aggregate[count]=*`)).body.data[0].count);
    const accept = (id: number, ref: string, session = community) =>
      session.post(`/matters/${id}/transition`, { action: 'accept', version: 1, client_ref: ref });
    const once = await fresh();
    const ref = `office-${Date.now()}-once`;
    expect((await accept(once, ref)).status).toBe(200);
    // The answer was lost: the office sends the same again, with the version it had then.
    const again = await accept(once, ref);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.data).toMatchObject({ status: 'handling', version: 2 });
    expect(await steps(once)).toBe(2);

    const burst = await fresh();
    const burstRef = `office-${Date.now()}-burst`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => accept(burst, burstRef)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await admin.get(`/items/matters/${burst}?fields=version`)).body.data.version).toBe(2);
    expect(await steps(burst)).toBe(2);

    // On another matter, or by someone else, the id opens nothing and changes nothing.
    const other = await fresh();
    for (const answer of [await accept(other, ref), await accept(once, ref, street)]) {
      expect(answer.status).toBe(409);
      expect(errorMessage(answer)).toContain('提交编号已用于另一次办理');
    }
    expect(await steps(other)).toBe(1);
    expect(await steps(once)).toBe(2);
  });

  it.each([
    ['a target that is not a child', 'dispatch', { target_unit: '/320111/S02/C004/' }, 400, '下派只能选择本单位的直属下级单位'],
    ['escalating to a unit that is not the parent', 'escalate', { target_unit: '/320111/' }, 400, '上报只能选择本单位的上级单位'],
    ['an unknown target', 'dispatch', { target_unit: 999999 }, 400, '目标单位“999999”不存在'],
    ['a reply without an opinion', 'reply', {}, 400, '回复须填写意见或理由'],
    ['an unknown action', 'teleport', {}, 400, '未知的操作“teleport”'],
    ['no version', 'reply', { version: undefined, opinion: 'x' }, 400, '请提交事项的当前版本号'],
  ])('refuses %s', async (_name, action, extra, status, message) => {
    const before = await snapshot();
    const body: Record<string, unknown> = { action, version: before.matter.version, ...extra };
    if (typeof body.target_unit === 'string') body.target_unit = ids.get(body.target_unit);
    const answer = await community.post(`/matters/${matter.id}/transition`, body);
    expect(answer.status).toBe(status);
    expect(errorMessage(answer)).toContain(message);
    expect(await snapshot()).toEqual(before);
  });

  it('offers each user exactly its actions', async () => {
    const offered = (await community.get(`/matters/${matter.id}/actions`)).body.data;
    expect(offered.actions).toEqual(['dispatch', 'escalate', 'transfer', 'reply', 'request_extension', 'pause']);
    // The extension form offers what the policy allows (一般: 10 working days), the number the server holds to below.
    expect(offered.max_extension_days).toBe(10);
    // The targets of each hand-over, although a community may not read the department units themselves.
    expect(offered.targets.child.map((u: { id: number }) => u.id)).toEqual(['G01', 'G02', 'G03'].map((g) => ids.get(`${COMMUNITY}${g}/`)));
    expect(offered.targets.department.map((u: { id: number }) => u.id)).toContain(ids.get(POLICE));
    expect(offered.targets.department.map((u: { id: number }) => u.id)).not.toContain(ids.get(OTHER));
    expect((await community.get(`/items/units/${ids.get(POLICE)}`)).status).toBe(403);
    expect((await grid.get(`/matters/${matter.id}/actions`)).body.data).toEqual({
      version: expect.any(Number),
      actions: [],
      targets: {},
      max_extension_days: null,
      unit: expect.any(Number),
      handler_unit: expect.any(Number),
      unit_names: expect.any(Object),
    });
    expect((await stranger.get(`/matters/${matter.id}/actions`)).status).toBe(403);
  });
});

describe('bad reports are refused and store nothing', () => {
  const count = async () => Number((await admin.get('/items/matters?aggregate[count]=*')).body.data[0].count);
  const good = () => ({ type: 'event_report', title: '测试', category, description: '描述' });

  it.each([
    ['an invalid type', { type: 'rumour' }, '事项类型“rumour”无效'],
    ['an invalid urgency', { urgency: 'whenever' }, '紧急程度“whenever”无效'],
    ['an unknown category', { category: 999999 }, '事项分类“999999”不存在'],
    ['no title and no description', { title: '', description: undefined }, '标题不能为空；事件描述不能为空'],
    ['a forged initiator', { initiator: 'someone', status: 'closed' }, '字段“initiator”不能由提交方填写；字段“status”不能由提交方填写'],
    ['a future time', { occurred_at: '2099-01-01T00:00:00+08:00' }, '发生时间不能晚于现在'],
    ['a grid that is not a grid', { grid: '/320111/S01/' }, '不存在或不是网格'],
    ['a task to a unit that is not a child', { type: 'task', target_unit: '/320111/S02/' }, '任务只能分派给本单位的直属下级单位'],
    ['an attachment that does not exist', { attachments: ['00000000-0000-4000-8000-000000000000'] }, '不存在或不是本人上传的文件'],
    ['a malformed submission id', { client_ref: 'x; drop' }, '提交编号（client_ref）应为8到64位字母、数字或连字符'],
  ])('refuses %s', async (_name, change, message) => {
    const before = await count();
    const body: Record<string, unknown> = { ...good(), ...change };
    for (const key of ['grid', 'target_unit']) if (typeof body[key] === 'string') body[key] = ids.get(body[key] as string);
    const answer = await (body.type === 'task' ? street : grid).post('/matters/report', body);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await count()).toBe(before);
  });

  it('refuses a file of the wrong type and a leader reporting', async () => {
    const before = await count();
    const text = await uploadPhoto(grid, 'text/plain');
    const wrongType = await grid.post('/matters/report', { ...good(), attachments: [text] });
    expect(wrongType.status).toBe(400);
    expect(errorMessage(wrongType)).toContain('类型（text/plain）不允许');
    const files = async () => Number((await admin.get('/files?aggregate[count]=*')).body.data[0].count);
    const filesBefore = await files();
    const oversized = await upload(grid, 'video/mp4', 51 * 1024 * 1024);
    expect(oversized.status).toBe(413);
    expect(await files()).toBe(filesBefore);
    // Evidence attached to a matter cannot be deleted by its uploader.
    const evidence = (await admin.get('/items/matters_files?limit=1&fields=directus_files_id,matters_id.initiator')).body.data[0]
      .directus_files_id;
    expect((await grid.delete(`/files/${evidence}`)).status).toBe(403);
    const byLeader = await leader.post('/matters/report', good());
    expect(byLeader.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('offers no plain way to change status, handler or deadline', async () => {
    const { id } = (await grid.post('/matters/report', good())).body.data;
    for (const change of [{ status: 'closed' }, { handler_unit: ids.get(GRID) }, { due_at: '2030-01-01T00:00:00Z' }]) {
      expect((await community.patch(`/items/matters/${id}`, change)).status).toBe(403);
      expect((await grid.patch(`/items/matters/${id}`, change)).status).toBe(403);
    }
    expect((await grid.post('/items/matters', good())).status).toBe(403);
    expect((await grid.post('/items/matter_steps', { matter: id, action: 'close' })).status).toBe(403);
  });

  it('raises one matter for a report the phone sends again with the same submission id', async () => {
    const before = await count();
    const ref = `phone-${Date.now()}-resend`;
    const first = await grid.post('/matters/report', { ...good(), client_ref: ref });
    expect(first.status).toBe(200);
    expect(first.body.data.duplicate).toBe(false);
    const again = await grid.post('/matters/report', { ...good(), client_ref: ref });
    expect(again.body.data).toMatchObject({ id: first.body.data.id, number: first.body.data.number, duplicate: true });
    // Sent several times at once, as a phone coming back online with a slow network might.
    const burstRef = `phone-${Date.now()}-burst`;
    const burst = await Promise.all(Array.from({ length: 5 }, () => grid.post('/matters/report', { ...good(), client_ref: burstRef })));
    expect(burst.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(burst.map((a) => a.body.data.id)).size).toBe(1);
    expect(burst.filter((a) => a.body.data.duplicate === false)).toHaveLength(1);
    expect(await count()).toBe(before + 2);
    // Somebody else's submission id is not a way to someone else's matter.
    const taken = await otherCommunity.post('/matters/report', { ...good(), client_ref: ref });
    expect(taken.status).toBe(409);
    expect(errorMessage(taken)).toContain('提交编号已被其他人的上报使用');
    expect(await count()).toBe(before + 2);
    const steps = (
      await admin.get(`/items/matter_steps?filter[matter][_eq]=${first.body.data.id}&filter[action][_eq]=report&aggregate[count]=*`)
    ).body.data[0].count;
    expect(Number(steps)).toBe(1);
  });
});

describe('extensions (延期)', () => {
  it('moves the deadline by the working days the initiator approves, and only before it passes', async () => {
    const { id, due_at } = (
      await grid.post('/matters/report', { type: 'event_report', title: '延期测试', category, description: '需协调多部门' })
    ).body.data;
    await expectMoved(community, id, 'accept', 'handling');
    const tooMany = await move(community, id, 'request_extension', { extension_days: 11, opinion: '需协调' });
    expect(tooMany.status).toBe(400);
    expect(errorMessage(tooMany)).toBe('Invalid payload. 延期不能超过10个工作日.');
    const asked = await move(community, id, 'request_extension', { extension_days: 3, opinion: '涉及城管、公安，需协调' });
    expect(asked.status).toBe(200);
    expect((await admin.get(`/items/matters/${id}?fields=extension_requested_days`)).body.data.extension_requested_days).toBe(3);
    expect((await move(community, id, 'approve_extension')).status).toBe(403);
    expect((await grid.get(`/matters/${id}/actions`)).body.data.actions).toEqual(['approve_extension', 'reject_extension']);

    const approved = await move(grid, id, 'approve_extension');
    expect(approved.status).toBe(200);
    // Three more working days after the day it was due: at least three days later.
    const moved = new Date(approved.body.data.due_at).getTime() - new Date(due_at).getTime();
    expect(moved).toBeGreaterThanOrEqual(3 * 24 * 3600_000);
    const steps = (await admin.get(`/items/matter_steps?filter[matter][_eq]=${id}&sort=id&fields=action,extension_days`)).body.data;
    expect(steps.slice(-2)).toEqual([
      { action: 'request_extension', extension_days: 3 },
      { action: 'approve_extension', extension_days: 3 },
    ]);

    // Once the deadline has passed, no more extensions.
    await admin.patch(`/items/matters/${id}`, { due_at: new Date(Date.now() - 60_000).toISOString() });
    const late = await move(community, id, 'request_extension', { extension_days: 1, opinion: '再延一天' });
    expect(late.status).toBe(409);
    expect(errorMessage(late)).toBe('已超过办结时限，不能再申请延期');
  });
});

describe('numbers', () => {
  it('gives concurrent reports distinct consecutive numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        grid.post('/matters/report', { type: 'request', title: `并发请示 ${i}`, category, description: '并发编号测试' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const numbers = answers.map((a) => Number(a.body.data.number.slice(-4))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers.at(-1)! - numbers[0]!).toBe(19);
  });
});

describe('pausing the clock (暂停计时)', () => {
  it('is refused where the policy does not allow it, and otherwise moves the deadline by the pause', async () => {
    const { id } = (
      await grid.post('/matters/report', { type: 'help', title: '暂停测试', category, urgency: 'urgent', description: '等待鉴定' })
    ).body.data;
    await expectMoved(community, id, 'accept', 'handling');
    const notAllowed = await move(community, id, 'pause', { opinion: '等待鉴定结果' });
    expect(notAllowed.status).toBe(400);
    expect(errorMessage(notAllowed)).toContain('不允许暂停计时');

    const policy = (await admin.get('/items/deadline_policies?filter[matter_type][_eq]=help&filter[urgency][_eq]=urgent&fields=id')).body
      .data[0].id;
    await admin.patch(`/items/deadline_policies/${policy}`, { pausable: true });
    try {
      const before = new Date((await admin.get(`/items/matters/${id}?fields=due_at`)).body.data.due_at).getTime();
      await expectMoved(community, id, 'pause', 'handling', { opinion: '等待鉴定结果' });
      expect((await community.get(`/matters/${id}/actions`)).body.data.actions).toEqual(['resume']);
      const blocked = await move(community, id, 'reply', { opinion: '已办' });
      expect(blocked.status).toBe(409);
      await new Promise((r) => setTimeout(r, 1500));
      const resumed = await move(community, id, 'resume');
      expect(resumed.status).toBe(200);
      const shift = new Date(resumed.body.data.due_at).getTime() - before;
      expect(shift).toBeGreaterThanOrEqual(1500);
      expect(shift).toBeLessThan(60_000);
    } finally {
      await admin.patch(`/items/deadline_policies/${policy}`, { pausable: false });
    }
  });
});

describe('joint handling (主办、协办)', () => {
  it('lets the co-handling unit see the matter, be told, and give its feedback to the lead', async () => {
    const other = await grid.post('/matters/report', { type: 'event_report', title: '联合排查线索', category, description: '线索' });
    await expectMoved(community, other.body.data.id, 'accept', 'handling');
    await expectMoved(community, other.body.data.id, 'escalate', 'pending_acceptance', { target_unit: ids.get(STREET) });
    await expectMoved(street, other.body.data.id, 'accept', 'handling');
    // 象山社区 (C003) leads, 惠济社区 (C002) co-handles.
    const lead = ids.get('/320111/S01/C003/');
    const wrongKind = await move(street, other.body.data.id, 'dispatch', { target_unit: lead, co_units: [ids.get(POLICE)] });
    expect(wrongKind.status).toBe(400);
    await expectMoved(street, other.body.data.id, 'dispatch', 'pending_sign', { target_unit: lead, co_units: [ids.get(OTHER)] });

    const mid = other.body.data.id;
    expect((await otherCommunity.get(`/matters/${mid}/actions`)).body.data.actions).toEqual(['co_reply']);
    const told = (await otherCommunity.get(`/notifications?filter[item][_eq]=${mid}&fields=subject`)).body.data;
    expect(told).toContainEqual({ subject: `事项${other.body.data.number}请协办` });
    await expectMoved(otherCommunity, mid, 'co_reply', 'pending_sign', { opinion: '本社区已排查，无相关人员' });
    expect((await admin.get(`/items/matters/${mid}?fields=co_handlers,handler_unit`)).body.data).toEqual({
      co_handlers: [],
      handler_unit: lead,
    });
    expect(
      (
        await otherCommunity.post(`/matters/${mid}/transition`, {
          action: 'co_reply',
          version: (await admin.get(`/items/matters/${mid}?fields=version`)).body.data.version,
          opinion: '再来',
        })
      ).status,
    ).toBe(403);
    const lastStep = (await admin.get(`/items/matter_steps?filter[matter][_eq]=${mid}&sort=-id&limit=1&fields=action,actor_unit,opinion`))
      .body.data[0];
    expect(lastStep).toEqual({ action: 'co_reply', actor_unit: ids.get(OTHER), opinion: '本社区已排查，无相关人员' });
  });
});
