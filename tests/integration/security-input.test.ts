// Every bad input is a 4xx with a clear message and stores nothing (security
// issue, families 4, 12 and 13): the probes that once stored duplicate keys,
// answered 500 or kept invalid values, each asserted with its status, its
// message and the data before and after.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../schema/index.ts';
import { systemDatabase } from '../database.ts';
import { errorMessage, login, loginAdmin, unitIds, type Answer, type Session } from '../http.ts';

let admin: Session, staff: Session, grid: Session, districtStaff: Session, departmentLeader: Session;
let ids: Map<string, number>;
let category: number;
let dispute: Record<string, unknown>;
let matter: number;

const DISPUTE = {
  title: '输入校验探针',
  dispute_type: 'land',
  scale: 'individual',
  risk_level: 'low',
  parties: '甲、乙',
  description: '探针',
  discovered_on: '2026-11-04',
};

async function count(collection: string): Promise<number> {
  const path = collection === 'directus_users' ? '/users' : `/items/${collection}`;
  const answer = await admin.get(`${path}?aggregate[count]=*`);
  if (answer.status !== 200) throw new Error(`${collection}: ${answer.status} ${JSON.stringify(answer.body)}`);
  // A singleton (security_settings) answers with its one aggregate, not a list of them.
  const data = answer.body.data;
  return Number(Array.isArray(data) ? data[0].count : data.count);
}

const matterState = async () => {
  const m = (await admin.get(`/items/matters/${matter}?fields=status,version,handler_unit`)).body.data;
  return { ...m, steps: await count('matter_steps') };
};

/** Runs `calls` eight at a time (the server is shared; nothing here depends on order). */
async function inBatches<T>(calls: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += 8) results.push(...(await Promise.all(calls.slice(i, i + 8).map((c) => c()))));
  return results;
}

function nestedJson(depth: number): string {
  return `{"title":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** The status and the reason as the server gives it (without Directus's “Invalid payload.” wrapper). */
const refusal = (answer: Answer) => `${answer.status} ${answer.body?.errors?.[0]?.extensions?.reason ?? errorMessage(answer)}`;

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  [staff, grid, districtStaff, departmentLeader] = await Promise.all([
    login('community-staff@pukou.gov.cn'),
    login('grid-gridworker@pukou.gov.cn'),
    login('district-staff@pukou.gov.cn'),
    login('department-leader@pukou.gov.cn'),
  ]);
  category = (await admin.get('/items/matter_categories?filter[code][_eq]=MDJF&fields=id')).body.data[0].id;
  dispute = (await staff.post('/items/disputes', DISPUTE)).body.data;
  const reported = await grid.post('/matters/report', {
    type: 'event_report',
    title: '输入校验探针',
    category,
    description: '探针',
    grid: ids.get('/320111/S01/C001/G01/'),
  });
  expect(reported.status).toBe(200);
  matter = reported.body.data.id;
});

afterAll(async () => {
  await admin.delete(`/items/disputes/${dispute.id}`);
});

describe('4. primary keys are the server’s, on every collection and for every caller', () => {
  // Collections whose key the server generates (auto-increment); code tables and counters are keyed by a code people type.
  // A singleton (security_settings) has no POST: its one row is changed with PATCH (below).
  const generated = COLLECTIONS.filter(
    (c) => !c.system && !c.meta?.singleton && c.fields.some((f) => f.schema?.is_primary_key && f.schema?.has_auto_increment),
  ).map((c) => c.collection);

  it('covers the collections of schema/', () => {
    expect(generated.length).toBeGreaterThan(60);
  });

  // Stored means a row under the id sent, read beneath Directus (as text: SQLite's integer holds 2^53,
  // PostgreSQL's does not). Not a count of the collection's rows: the worker rescoring 考评 marks
  // in the background changes those counts while this runs.
  it.each([9_007_199_254_740_992, -1, 2_147_483_648])(
    'refuses id %s from the Directus administrator on every collection, storing nothing',
    async (id) => {
      const db = systemDatabase();
      try {
        const underId = async (collection: string) =>
          Number(
            (
              (await db(collection)
                .whereRaw('CAST(id AS TEXT) = ?', [String(id)])
                .count({ n: '*' })) as { n: string }[]
            )[0]!.n,
          );
        const refused = await inBatches(
          generated.map((collection) => async () => {
            const answer = await admin.post(`/items/${collection}`, { id });
            return { collection, answer: refusal(answer), stored: await underId(collection) };
          }),
        );
        for (const r of refused)
          expect(r, r.collection).toEqual({ collection: r.collection, answer: '400 “编号”由系统生成，新建时请勿提交', stored: 0 });
      } finally {
        await db.destroy();
      }
    },
  );

  it('keeps the key of a singleton’s one row whatever key a change sends (an update never changes a key)', async () => {
    const before = (await admin.get('/items/security_settings')).body.data;
    expect((await admin.patch('/items/security_settings', { id: before.id + 100 })).status).toBe(200);
    expect((await admin.get('/items/security_settings')).body.data).toEqual(before);
    expect(await count('security_settings')).toBe(1);
  });

  it('refuses a user id chosen by the administrator, and a batch with one key in it entirely', async () => {
    const users = await count('directus_users');
    const user = await admin.post('/users', {
      id: '0b9f8e1c-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      email: 'chosen-id@pukou.gov.cn',
      password: 'Chosen@2026x',
    });
    expect(refusal(user)).toMatch(/^400 .*由系统生成/);
    expect(await count('directus_users')).toBe(users);

    const disputes = await count('disputes');
    const batch = await staff.post('/items/disputes', [DISPUTE, { ...DISPUTE, id: 2_147_483_640 }]);
    expect(refusal(batch)).toBe('400 “编号”由系统生成，新建时请勿提交');
    expect(await count('disputes')).toBe(disputes);
  });

  it('keeps keys in order: a new dispute gets the next key, not one past 2^53', async () => {
    const created = await staff.post('/items/disputes', DISPUTE);
    expect(created.status).toBe(200);
    expect(created.body.data.id).toBeGreaterThan(Number(dispute.id));
    expect(created.body.data.id).toBeLessThan(2_147_483_647);
    await admin.delete(`/items/disputes/${created.body.data.id}`);
  });
});

describe('12. malformed input is a 4xx with a reason, never a 500', () => {
  it.each([
    ['/items/disputes?groupBy[]=unit.path', /分组（groupBy）只能按本表的字段，不能按关联字段“unit.path”/],
    ['/items/disputes?groupBy=id,unit.path&aggregate[count]=id', /不能按关联字段“unit.path”/],
    ['/users?groupBy[]=unit.path', /不能按关联字段“unit.path”/],
    ['/items/units?groupBy[]=parent.path', /不能按关联字段“parent.path”/],
    ['/items/disputes?aggregate[avg]=unit.id', /统计（aggregate）只能按本表的字段/],
    ['/items/disputes?aggregate=count', /“aggregate”应为一个对象/],
    ['/items/disputes?aggregate[count][a]=b', /统计“count”应为字段名的列表/],
    ['/items/disputes?meta[a]=b', /“meta”应为字段名/],
    ['/items/disputes?groupBy[][a]=b', /“groupBy”应为字段名/],
    ['/items/disputes?search=%00', /U\+0000/],
  ])('GET %s: 400 for every role', async (path, message) => {
    for (const session of [admin, districtStaff, staff, grid, departmentLeader]) {
      const answer = await session.get(path);
      expect(answer.status, session.email).toBe(400);
      expect(errorMessage(answer)).toMatch(message);
    }
  });

  it('refuses a relational groupBy in GraphQL and in a SEARCH body too', async () => {
    const graphql = await staff.post('/graphql', { query: '{ disputes_aggregated(groupBy: ["unit.path"]) { count { id } } }' });
    expect(graphql.body.errors[0].extensions.code).toBe('INVALID_QUERY');
    expect(graphql.body.errors[0].message).toMatch(/不能按关联字段“unit.path”/);
    const search = await staff.send('SEARCH', '/items/disputes', JSON.stringify({ query: { groupBy: ['unit.path'] } }));
    expect(refusal(search)).toMatch(/^400 .*不能按关联字段/);
    const notQuery = await staff.send('SEARCH', '/items/disputes', JSON.stringify({ query: 'x' }));
    expect(refusal(notQuery)).toMatch(/^400 查询参数（query）应为一个对象/);
  });

  it.each([
    ['an opinion that is an object', { action: 'accept', opinion: { text: 'x' } }, '意见应为文字'],
    ['an opinion that is a number', { action: 'accept', opinion: 12 }, '意见应为文字'],
    ['attachments as a string', { action: 'accept', attachments: 'x' }, '附件应为已上传文件的编号列表'],
    ['the action constructor', { action: 'constructor' }, '未知的操作“constructor”'],
    ['the action __proto__', { action: '__proto__' }, '未知的操作“__proto__”'],
    ['the action toString', { action: 'toString' }, '未知的操作“toString”'],
    ['the action valueOf', { action: 'valueOf' }, '未知的操作“valueOf”'],
    ['the action hasOwnProperty', { action: 'hasOwnProperty' }, '未知的操作“hasOwnProperty”'],
  ])('a transition with %s: 400, the matter unchanged', async (_name, change, message) => {
    const before = await matterState();
    const answer = await staff.post(`/matters/${matter}/transition`, { version: before.version, ...change });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await matterState()).toEqual(before);
  });

  it.each([
    ['a string date_created', { date_created: 'abc' }, '“创建时间”应为真实的日期时间'],
    ['a huge number in date_created', { date_created: 1e300 }, '“创建时间”应为真实的日期时间'],
    ['a string discovered_on', { discovered_on: 'abc' }, '“排查发现日期”应为真实的日期'],
    ['a huge number in discovered_on', { discovered_on: 1e300 }, '“排查发现日期”应为真实的日期'],
    ['a string id', { id: 'abc' }, '“编号”由系统生成'],
    ['a huge id', { id: 1e300 }, '“编号”由系统生成'],
  ])('a dispute with %s: 400, nothing stored', async (_name, change, message) => {
    const before = await count('disputes');
    const answer = await staff.post('/items/disputes', { ...DISPUTE, ...change });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await count('disputes')).toBe(before);
  });

  it.each([
    ['POST', '/items/disputes', 'disputes'],
    ['POST', '/items/activity_records', 'activity_records'],
    ['POST', '/matters/report', 'matters'],
    ['POST', '/registries/submissions', 'submissions'],
    ['POST', '/office/daily/1/done', 'daily_checks'],
    ['PATCH', '/users/me', 'directus_users'],
  ])('a body nested 5,000 deep to %s %s: 400 before anything reads it', async (method, path, table) => {
    const before = await count(table);
    for (const raw of [nestedJson(5000), `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5001)}`]) {
      const answer = await staff.send(method, path, raw);
      expect(refusal(answer)).toBe('400 请求内容嵌套层级过深（最多32层）');
    }
    expect(await count(table)).toBe(before);
  });

  it.each([
    ['a body that is a list of numbers', '[1,2]', '每条记录应为一个对象（字段名: 值）'],
    ['a list holding null', '[null]', '请求内容的列表中每一项应为一个对象'],
  ])('a create with %s: 400', async (_name, raw, message) => {
    const before = await count('disputes');
    const answer = await staff.send('POST', '/items/disputes', raw);
    expect(refusal(answer)).toBe(`400 ${message}`);
    expect(await count('disputes')).toBe(before);
  });

  it.each([['/matters/abc/transition'], ['/matters/1e300/transition'], ['/registries/people/1e300/move']])(
    'a malformed key in %s: 400',
    async (path) => {
      const answer = await staff.post(path, { action: 'accept', version: 1 });
      expect(answer.status).toBe(400);
      expect(errorMessage(answer)).toMatch(/编号无效/);
    },
  );

  it.each([['/office/terminals/1e300/handover'], ['/office/daily/99999999999/done'], ['/office/disputes/abc/supervise']])(
    'a key that cannot exist in %s: a 4xx, not a database error',
    async (path) => {
      const answer = await staff.post(path, { reason: 'constructor', opinion: 'x' });
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
    },
  );
});

describe('13. what is stored holds to the schema, on both databases', () => {
  it.each([
    ['disputes', { dispute_type: '<script>alert(1)</script>' }, '“纠纷类型”只能是：邻里纠纷、婚姻家庭'],
    ['disputes', { title: 'x'.repeat(70_000) }, '“纠纷名称”不能超过200个字（现有70000个）'],
    ['disputes', { discovered_on: '2026-02-30' }, '“排查发现日期”应为真实的日期'],
    ['disputes', { discovered_on: '0001-01-01' }, '“排查发现日期”应为真实的日期，年份在1900到2100之间'],
    ['disputes', { party_count: 2_147_483_648 }, '“涉及人数”应为整数'],
    ['disputes', { agreement: 'yes' }, '“达成调解协议”应为是或否'],
    ['disputes', { parties: { name: '甲' } }, '“当事人”应为文字'],
    ['social_units', { name: 'x'.repeat(300) }, '“单位名称”不能超过100个字（现有300个）'],
    ['activity_records', { activity_type: 'constructor' }, '“活动类型”只能是：'],
    ['activity_records', { occurred_on: 20_261_104 }, '“活动日期”应为真实的日期'],
  ])('create %s with %j: 400, nothing stored', async (collection, change, message) => {
    const before = await count(collection);
    const answer = await staff.post(`/items/${collection}`, { ...(collection === 'disputes' ? DISPUTE : {}), ...change });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await count(collection)).toBe(before);
  });

  it.each([
    [{ dispute_type: '<script>' }, '“纠纷类型”只能是'],
    [{ title: 'x'.repeat(201) }, '“纠纷名称”不能超过200个字'],
    [{ discovered_on: 1e300 }, '“排查发现日期”应为真实的日期'],
    [{ status: 'constructor' }, '“状态”只能是'],
    [{ title: null }, '“纠纷名称”不能为空'],
  ])('update a dispute with %j: 400, the stored row unchanged (the administrator too)', async (change, message) => {
    const before = (await admin.get(`/items/disputes/${dispute.id}`)).body.data;
    for (const session of [staff, admin]) {
      const answer = await session.patch(`/items/disputes/${dispute.id}`, change);
      expect(answer.status).toBe(400);
      expect(errorMessage(answer)).toContain(message);
    }
    expect((await admin.get(`/items/disputes/${dispute.id}`)).body.data).toEqual(before);
  });

  it.each([
    ['a source every object has', { source: 'constructor' }, '来源“constructor”无效'],
    ['the year 0001', { occurred_at: '0001-01-01T09:00:00+08:00' }, '发生时间应为真实的带时区日期时间'],
    ['30 February', { occurred_at: '2026-02-30T09:00:00+08:00' }, '发生时间应为真实的带时区日期时间'],
    ['a grid of another street', { grid: '/320111/S02/C004/G01/' }, '不在本单位辖区内'],
    ['a title of 70,000 characters', { title: 'x'.repeat(70_000) }, '标题不能超过200字'],
  ])('a report with %s: 400, no matter raised', async (_name, change, message) => {
    const before = await count('matters');
    const body: Record<string, unknown> = { type: 'event_report', title: '探针', category, description: '探针', ...change };
    if (typeof body.grid === 'string') body.grid = ids.get(body.grid);
    const answer = await grid.post('/matters/report', body);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await count('matters')).toBe(before);
  });

  it('reads the choices as applied: an administrator who turns “allow other” on in Studio allows free text', async () => {
    const field = (await admin.get('/fields/disputes/method')).body.data;
    const options = field.meta.options;
    try {
      expect((await staff.post('/items/disputes', { ...DISPUTE, method: '自拟方式' })).status).toBe(400);
      expect((await admin.patch('/fields/disputes/method', { meta: { options: { ...options, allowOther: true } } })).status).toBe(200);
      const free = await staff.post('/items/disputes', { ...DISPUTE, method: '自拟方式' });
      expect(free.status).toBe(200);
      await admin.delete(`/items/disputes/${free.body.data.id}`);
    } finally {
      await admin.patch('/fields/disputes/method', { meta: { options } });
    }
    expect((await staff.post('/items/disputes', { ...DISPUTE, method: '自拟方式' })).status).toBe(400);
  });
});
