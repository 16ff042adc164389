// The unit tree keeps its paths true: moving a unit moves everything below it,
// and bad input is refused with a clear message and changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { createReadyUser, errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let ids: Map<string, number>;
const roleId = (key: string) => ROLES.find((r) => r.key === key)!.id;

async function createUnit(body: Record<string, unknown>) {
  return admin.post('/items/units', body);
}

async function snapshotUnits() {
  return (await admin.get('/items/units?fields=id,code,parent,path&sort=id&limit=-1')).body.data;
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
});

describe('moving a unit', () => {
  const password = 'Move@2026x';
  const created: { units: number[]; users: string[]; items: number[] } = { units: [], users: [], items: [] };

  afterAll(async () => {
    await admin.send('DELETE', '/items/activity_records', JSON.stringify(created.items));
    await admin.send('DELETE', '/users', JSON.stringify(created.users));
    for (const id of created.units.reverse()) await admin.delete(`/items/units/${id}`);
  });

  it('moves the subtree, its users and its items in one step, and access follows', async () => {
    // A community with a grid under 泰山街道 (S03), a person in each, an item in each.
    const community = (
      await createUnit({ code: 'C901', name: '迁移测试社区', level: 'community', kind: 'office', parent: ids.get('/320111/S03/') })
    ).body.data;
    const grid = (await createUnit({ code: 'G01', name: '迁移测试网格', level: 'grid', kind: 'office', parent: community.id })).body.data;
    created.units.push(community.id, grid.id);
    expect(community.path).toBe('/320111/S03/C901/');
    expect(grid.path).toBe('/320111/S03/C901/G01/');

    for (const [email, role, unit] of [
      ['move-community@pukou.gov.cn', 'community-staff', community.id],
      ['move-grid@pukou.gov.cn', 'grid-grid_worker', grid.id],
      ['move-street-s03@pukou.gov.cn', 'street-staff', ids.get('/320111/S03/')],
      ['move-street-s04@pukou.gov.cn', 'street-staff', ids.get('/320111/S04/')],
    ] as const) {
      const answer = await createReadyUser(admin, { email, password, role: roleId(role), unit, status: 'active' });
      expect(answer.status).toBe(200);
      created.users.push(answer.body.data.id);
    }
    for (const unit of [community.id, grid.id]) {
      created.items.push(
        (await admin.post('/items/activity_records', { unit, title: 'move probe', activity_type: 'patrol', occurred_on: '2026-11-03' }))
          .body.data.id,
      );
    }

    const oldStreet = await login('move-street-s03@pukou.gov.cn', password);
    const newStreet = await login('move-street-s04@pukou.gov.cn', password);
    const gridWorker = await login('move-grid@pukou.gov.cn', password);
    const countProbes = async (s: Session) =>
      (await s.get('/items/activity_records?filter[title][_eq]=move%20probe&aggregate[count]=*')).body.data[0].count;
    expect(Number(await countProbes(oldStreet))).toBe(2);
    expect(Number(await countProbes(newStreet))).toBe(0);
    expect(Number(await countProbes(gridWorker))).toBe(1);

    // 迁移: 泰山街道 → 沿江街道 (S04)
    const moved = await admin.patch(`/items/units/${community.id}?fields=path,parent`, {
      parent: ids.get('/320111/S04/'),
      name: '迁移测试社区（已迁移）',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toEqual({ path: '/320111/S04/C901/', parent: ids.get('/320111/S04/') });

    const units = (await admin.get(`/items/units?filter[id][_in]=${community.id},${grid.id}&fields=name,path&sort=id`)).body.data;
    expect(units).toEqual([
      { name: '迁移测试社区（已迁移）', path: '/320111/S04/C901/' },
      { name: '迁移测试网格', path: '/320111/S04/C901/G01/' },
    ]);
    const users = (await admin.get(`/users?filter[email][_starts_with]=move-&fields=email,unit_path&sort=email`)).body.data;
    expect(users).toEqual(
      expect.arrayContaining([
        { email: 'move-community@pukou.gov.cn', unit_path: '/320111/S04/C901/' },
        { email: 'move-grid@pukou.gov.cn', unit_path: '/320111/S04/C901/G01/' },
      ]),
    );
    const items = (await admin.get(`/items/activity_records?filter[id][_in]=${created.items.join(',')}&fields=unit_path&sort=id`)).body
      .data;
    expect(items).toEqual([{ unit_path: '/320111/S04/C901/' }, { unit_path: '/320111/S04/C901/G01/' }]);

    // Access follows at once (cached permission values were purged).
    expect(Number(await countProbes(oldStreet))).toBe(0);
    expect(Number(await countProbes(newStreet))).toBe(2);
    expect(Number(await countProbes(gridWorker))).toBe(1);
  });

  it('lets a street administrator manage units only within its street', async () => {
    const street = await login('street-sysadmin@pukou.gov.cn');
    const before = await snapshotUnits();

    const inOtherStreet = await street.post('/items/units', {
      code: 'G07',
      name: '越权网格',
      level: 'grid',
      kind: 'office',
      parent: ids.get('/320111/S02/C004/'),
    });
    expect(inOtherStreet.status).toBe(400);
    const created = await street.post('/items/units', {
      code: 'G07',
      name: '求雨山社区第七网格',
      level: 'grid',
      kind: 'office',
      parent: ids.get('/320111/S01/C001/'),
    });
    expect(created.status).toBe(200);
    const grid = created.body.data.id;

    const outward = await street.patch(`/items/units/${grid}`, { parent: ids.get('/320111/S02/C004/') });
    expect(outward.status).toBe(400);
    const ownUnit = await street.patch(`/items/units/${ids.get('/320111/S01/')}`, { parent: null });
    expect(ownUnit.status).toBe(403);
    const foreign = await street.patch(`/items/units/${ids.get('/320111/S02/C004/G01/')}`, { parent: ids.get('/320111/S01/C001/') });
    expect(foreign.status).toBe(403);
    const community = await login('community-sysadmin@pukou.gov.cn');
    const byCommunity = await community.patch(`/items/units/${grid}`, { parent: ids.get('/320111/S01/C002/') });
    expect(byCommunity.status).toBe(403);

    const inward = await street.patch(`/items/units/${grid}`, { parent: ids.get('/320111/S01/C002/') });
    expect(inward.status).toBe(200);
    expect((await admin.get(`/items/units/${grid}?fields=path`)).body.data.path).toBe('/320111/S01/C002/G07/');
    expect((await street.delete(`/items/units/${grid}`)).status).toBe(204);
    expect(await snapshotUnits()).toEqual(before);
  });

  it.each([
    ['under itself', '/320111/S01/', '/320111/S01/C001/', '不能把单位迁移到它自己或它的下级单位之下'],
    ['a community under a community', '/320111/S01/C002/', '/320111/S01/C001/', '社区的下级单位应为网格级'],
    ['a grid under a street', '/320111/S01/C001/G02/', '/320111/S02/', '街道的下级单位应为社区级'],
    ['onto a taken code', '/320111/S01/C001/G02/', '/320111/S01/C002/', '新的上级单位下已有编码为“G02”的单位'],
  ])('refuses moving %s, changing nothing', async (_name, unit, parent, message) => {
    const before = await snapshotUnits();
    const answer = await admin.patch(`/items/units/${ids.get(unit)}`, { parent: ids.get(parent) });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await snapshotUnits()).toEqual(before);
  });
});

describe('bad input', () => {
  it.each([
    ['a code with _', { code: 'C_1', name: '坏编码', level: 'grid', kind: 'office' }, '不能含有“_”或“%”'],
    ['a code with %', { code: 'C%1', name: '坏编码', level: 'grid', kind: 'office' }, '不能含有“_”或“%”'],
    ['a lower-case code', { code: 'g99', name: '坏编码', level: 'grid', kind: 'office' }, '只能由大写字母和数字组成'],
    ['no code', { name: '无编码', level: 'grid', kind: 'office' }, '单位编码不能为空'],
    ['an unknown parent', { code: 'G99', name: '孤儿网格', level: 'grid', kind: 'office', parent: 999999 }, '上级单位“999999”不存在'],
    [
      'a forged path',
      { code: 'G99', name: '伪造路径', level: 'grid', kind: 'office', parentPath: '/320111/S01/C001/', path: '/320111/S02/G99/' },
      '请勿提交',
    ],
    [
      'a grid under a street',
      { code: 'G99', name: '错层网格', level: 'grid', kind: 'office', parentPath: '/320111/S01/' },
      '街道的下级单位应为社区级',
    ],
    [
      "the district's code",
      { code: '320111', name: '重码街道', level: 'street', kind: 'office', parentPath: '/320111/' },
      '单位编码“320111”与区级单位的编码相同，下级单位不能使用',
    ],
  ])('refuses a unit with %s', async (_name, body, message) => {
    const before = await snapshotUnits();
    const { parentPath, ...unit } = body as Record<string, unknown>;
    const answer = await createUnit({
      parent: parentPath ? ids.get(parentPath as string) : (unit.parent ?? ids.get('/320111/S01/C001/')),
      ...unit,
    });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(message);
    expect(await snapshotUnits()).toEqual(before);
  });

  it('refuses deleting a unit that units and accounts still belong to, naming them, and deletes nothing', async () => {
    const before = await snapshotUnits();
    const street = await login('street-sysadmin@pukou.gov.cn');
    const community = ids.get('/320111/S01/C001/')!;
    for (const session of [admin, street]) {
      const answer = await session.delete(`/items/units/${community}`);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(errorMessage(answer)).toMatch(
        /^Invalid payload\. 所选单位仍被其他记录引用，不能删除：.*、账号（所在单位）\d+ 条、.*、单位（上级单位）\d+ 条。/,
      );
      const many = await session.send('DELETE', '/items/units', JSON.stringify([community, ids.get('/320111/S01/C001/G01/')]));
      expect(many.status).toBe(400);
    }
    expect(await snapshotUnits()).toEqual(before);
  });

  it('refuses changing a unit code, level or kind', async () => {
    const before = await snapshotUnits();
    for (const change of [{ code: 'S99' }, { level: 'district' }, { kind: 'member' }, { path: '/S99/' }]) {
      const answer = await admin.patch(`/items/units/${ids.get('/320111/S01/')}`, change);
      expect(answer.status).toBe(400);
    }
    expect(await snapshotUnits()).toEqual(before);
  });

  describe('items', () => {
    let staff: Session;
    let own: number;
    const count = async () => (await admin.get('/items/activity_records?aggregate[count]=*')).body.data[0].count;
    beforeAll(async () => {
      staff = await login('community-staff@pukou.gov.cn');
      own = (await staff.post('/items/activity_records', { title: 'bad input probe', activity_type: 'meeting', occurred_on: '2026-11-04' }))
        .body.data.id;
    });
    afterAll(async () => {
      await admin.delete(`/items/activity_records/${own}`);
    });

    it('takes the unit from the user when none is given', async () => {
      const item = (await admin.get(`/items/activity_records/${own}?fields=unit,unit_path`)).body.data;
      expect(item).toEqual({ unit: ids.get('/320111/S01/C001/'), unit_path: '/320111/S01/C001/' });
    });

    it.each([
      ['a forged unit_path alone', { unit_path: '/320111/' }, 400, '由所属单位自动生成'],
      ['a unit_path that disagrees with the unit', { unit: 'own', unit_path: '/320111/' }, 400, '与所属单位不一致'],
      ['an unknown unit', { unit: 999999 }, 400, '所属单位“999999”不存在'],
      ['another unit', { unit: '/320111/S01/C002/' }, 400, 'unit_path'],
      ['a child unit', { unit: '/320111/S01/C001/G01/' }, 400, 'unit_path'],
    ])('refuses creating with %s', async (_name, body, status, message) => {
      const before = await count();
      const payload: Record<string, unknown> = { title: 'refused', activity_type: 'meeting', occurred_on: '2026-11-04', ...body };
      if (typeof payload.unit === 'string') payload.unit = payload.unit === 'own' ? ids.get('/320111/S01/C001/') : ids.get(payload.unit);
      const answer = await staff.post('/items/activity_records', payload);
      expect(answer.status).toBe(status);
      expect(errorMessage(answer)).toContain(message);
      expect(await count()).toBe(before);
    });

    it('refuses moving an item out of the unit, keeping it where it was', async () => {
      for (const unit of ['/320111/S01/C002/', '/320111/S01/C001/G01/', '/320111/S01/']) {
        const answer = await staff.patch(`/items/activity_records/${own}`, { unit: ids.get(unit), title: 'moved away' });
        expect(answer.status).toBe(400);
      }
      const forged = await staff.patch(`/items/activity_records/${own}`, { unit_path: '/320111/S01/C002/' });
      expect(forged.status).toBe(400);
      expect((await admin.get(`/items/activity_records/${own}?fields=unit_path,title`)).body.data).toEqual({
        unit_path: '/320111/S01/C001/',
        title: 'bad input probe',
      });
    });

    it('answers malformed and oversized JSON with a clear error', async () => {
      const before = await count();
      const malformed = await staff.send('POST', '/items/activity_records', '{"title": "broken", ');
      expect(malformed.status).toBe(400);
      expect(errorMessage(malformed)).toMatch(/JSON/i);
      const oversized = await staff.send(
        'POST',
        '/items/activity_records',
        JSON.stringify({ title: 'big', activity_type: 'meeting', occurred_on: '2026-11-04', content: 'x'.repeat(2_000_000) }),
      );
      // Directus answers body-parser errors as invalid payloads (MAX_PAYLOAD_SIZE, 1 MB).
      expect(oversized.status).toBe(400);
      expect(errorMessage(oversized)).toMatch(/too large/i);
      const invalidChoice = await staff.post('/items/activity_records', { title: 'bad type', occurred_on: '2026-11-04' });
      expect(invalidChoice.status).toBe(400);
      expect(await count()).toBe(before);
    });
  });

  describe('users', () => {
    const created: string[] = [];
    afterAll(async () => {
      if (created.length) await admin.send('DELETE', '/users', JSON.stringify(created));
    });

    it('a user without a unit sees nothing', async () => {
      const answer = await createReadyUser(admin, {
        email: 'no-unit@pukou.gov.cn',
        password: 'NoUnit@2026',
        role: roleId('community-staff'),
        status: 'active',
      });
      expect(answer.status).toBe(200);
      created.push(answer.body.data.id);
      const user = await login('no-unit@pukou.gov.cn', 'NoUnit@2026');
      for (const collection of ['activity_records', 'units']) {
        const list = await user.get(`/items/${collection}?meta=filter_count&limit=5`);
        expect(list.body.data).toEqual([]);
        expect(list.body.meta.filter_count).toBe(0);
      }
      const create = await user.post('/items/activity_records', { title: 'no unit', activity_type: 'meeting', occurred_on: '2026-11-04' });
      expect(create.status).toBe(400);
    });

    it('derives unit_path and job, and refuses a role of another level', async () => {
      const ok = await admin.post('/users', {
        email: 'derived@pukou.gov.cn',
        password: 'Derived@2026',
        role: roleId('grid-grid_worker'),
        unit: ids.get('/320111/S01/C001/G02/'),
      });
      expect(ok.status).toBe(200);
      created.push(ok.body.data.id);
      expect((await admin.get(`/users/${ok.body.data.id}?fields=unit_path,job`)).body.data).toEqual({
        unit_path: '/320111/S01/C001/G02/',
        job: 'grid_worker',
      });

      const wrongLevel = await admin.post('/users', {
        email: 'wrong-level@pukou.gov.cn',
        password: 'Wrong@2026',
        role: roleId('street-staff'),
        unit: ids.get('/320111/S01/C001/'),
      });
      expect(wrongLevel.status).toBe(400);
      expect(errorMessage(wrongLevel)).toContain('不适用于求雨山社区');
      const forged = await admin.post('/users', {
        email: 'forged@pukou.gov.cn',
        password: 'Forged@2026',
        role: roleId('community-staff'),
        unit: ids.get('/320111/S01/C001/'),
        unit_path: '/320111/',
      });
      expect(forged.status).toBe(400);
      const forgedJob = await admin.post('/users', {
        email: 'forged-job@pukou.gov.cn',
        password: 'Forged@2026',
        role: roleId('grid-grid_worker'),
        unit: ids.get('/320111/S01/C001/G02/'),
        job: 'leader',
      });
      expect(forgedJob.status).toBe(400);
      expect(errorMessage(forgedJob)).toContain('岗位由角色决定');
      const jobAlone = await admin.patch(`/users/${ok.body.data.id}`, { job: 'leader' });
      expect(jobAlone.status).toBe(400);
      expect((await admin.get(`/users/${ok.body.data.id}?fields=job`)).body.data.job).toBe('grid_worker');
      const users = (await admin.get('/users?filter[email][_in]=wrong-level@pukou.gov.cn,forged@pukou.gov.cn,forged-job@pukou.gov.cn')).body
        .data;
      expect(users).toEqual([]);
    });
  });
});
