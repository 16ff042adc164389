// 实有人口: code tables, the rules of a person record (ID numbers, one record per
// number in the district, codes, phones, dates), moves with history, and what
// each role may see of personal identifiers (R19) through every route of the API.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let ids: Map<string, number>;
let grid: Session;
let community: Session;
const created: number[] = [];

/** Distinct valid numbers for this run (the sequence varies by run so reruns never collide). */
let sequence = Math.floor(Math.random() * 400) * 2 + 1;
const nextNumber = (birth = '1988-03-14') => makeIdNumber('320111', birth, (sequence += 2) % 1000);

async function createAs(session: Session, body: Record<string, unknown>) {
  const answer = await session.post('/items/people', body);
  if (answer.status === 200) created.push(answer.body.data.id);
  return answer;
}

async function countByNumber(number: string): Promise<number> {
  const answer = await admin.get(`/items/people?aggregate[count]=*&filter[id_number][_eq]=${number}`);
  return Number(answer.body.data[0].count);
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  grid = await login('grid-gridworker@pukou.gov.cn');
  community = await login('community-staff@pukou.gov.cn');
});

afterAll(async () => {
  if (created.length) await admin.send('DELETE', '/items/people', JSON.stringify(created));
});

describe('code tables', () => {
  it('are seeded from the standards and readable by every role', async () => {
    const ethnicity = await grid.get('/items/code_ethnicity?filter[code][_in]=01,56,98&fields=code,name&sort=code');
    expect(ethnicity.body.data).toEqual([
      { code: '01', name: '汉族' },
      { code: '56', name: '基诺族' },
      { code: '98', name: '外国血统中国籍人士' },
    ]);
    const leader = await login('district-leader@pukou.gov.cn');
    expect((await leader.get('/items/code_sex?fields=code,name&sort=code')).body.data).toEqual([
      { code: '0', name: '未知的性别' },
      { code: '1', name: '男' },
      { code: '2', name: '女' },
      { code: '9', name: '未说明的性别' },
    ]);
  });

  it('are edited by the district system administrator, not by community staff', async () => {
    const sysadmin = await login('district-sysadmin@pukou.gov.cn');
    expect((await community.post('/items/code_dwelling_type', { code: '77', name: '测试住所' })).status).toBe(403);
    expect((await sysadmin.post('/items/code_dwelling_type', { code: '77', name: '测试住所', active: false })).status).toBe(200);
    expect((await community.patch('/items/code_dwelling_type/77', { name: '改名' })).status).toBe(403);
    // A retired code cannot be chosen for a new record.
    const answer = await createAs(grid, { name: '用停用代码', id_number: nextNumber(), dwelling_type: '77', is_floating: true });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('住所类型代码“77”已停用');
    await admin.delete('/items/code_dwelling_type/77');
  });
});

describe('a person record', () => {
  it('is created by a grid worker with the birth date, sex and masked forms derived on the server', async () => {
    const number = makeIdNumber('320111', '1990-01-01', 123);
    const own = await createAs(grid, {
      name: '测试甲',
      id_number: number.toLowerCase(),
      phone: '13912345678',
      ethnicity: '01',
      is_registered: true,
    });
    if (own.status !== 200 && errorMessage(own).includes('已登记')) return; // a rerun against the same database
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({
      id_number: number,
      id_number_masked: `3201**********${number.slice(-4)}`,
      birth_date: '1990-01-01',
      sex: '1',
      phone_masked: '139****5678',
      unit: ids.get('/320111/S01/C001/G01/'),
      unit_path: '/320111/S01/C001/G01/',
      state: 'in_force',
    });
  });

  it.each([
    [{ name: '坏号码', id_number: '320111199001011234' }, '校验位不正确'],
    [{ name: '短号码', id_number: '3201111990' }, '应为18位'],
    [{ name: '无号码' }, '请填写公民身份号码'],
    [{ name: '性别不符', id_number: makeIdNumber('320111', '1990-05-05', 124), sex: '1' }, '性别与身份证号码不一致'],
    [
      { name: '生日不符', id_number: makeIdNumber('320111', '1990-05-05', 125), birth_date: '1991-05-05' },
      '出生日期1991-05-05与身份证号码中的1990-05-05不一致',
    ],
    [{ name: '坏民族', id_number: makeIdNumber('320111', '1990-05-05', 127), ethnicity: '99' }, '民族代码“99”不在代码表中'],
    [{ name: '坏电话', id_number: makeIdNumber('320111', '1990-05-05', 129), phone: '1234567' }, '联系方式应为有效的手机号或固定电话'],
    [
      { name: '坏日期', id_number: makeIdNumber('320111', '1990-05-05', 131), valid_from: '2026-05-01', valid_to: '2026-04-01' },
      '有效期止不能早于有效期起',
    ],
    [{ name: '伪造脱敏', id_number: makeIdNumber('320111', '1990-05-05', 133), id_number_masked: 'x' }, '由系统自动生成'],
  ] as [Record<string, string>, string][])('refuses %j: %s, storing nothing', async (body, reason) => {
    const answer = await createAs(grid, body);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain(reason);
    if (body.id_number) expect(await countByNumber(String(body.id_number))).toBe(0);
  });

  it('checks a change against the stored record and keeps the record on refusal', async () => {
    const number = nextNumber('1975-08-20');
    const person = (await createAs(grid, { name: '测试乙', id_number: number })).body.data;
    const refused = await grid.patch(`/items/people/${person.id}`, { birth_date: '1975-08-21' });
    expect(refused.status).toBe(400);
    expect(errorMessage(refused)).toContain('与身份证号码中的1975-08-20不一致');
    const ok = await grid.patch(`/items/people/${person.id}`, { phone: '025-58881234', valid_to: '2026-01-31' });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ birth_date: '1975-08-20', phone_masked: '025-****1234', state: 'ended' });
  });
});

describe('the list, newest first', () => {
  it('gives a community its newest records first, whatever plan serves it', async () => {
    const first = (await createAs(grid, { name: '先登记', id_number: nextNumber() })).body.data.id;
    const second = (await createAs(grid, { name: '后登记', id_number: nextNumber() })).body.data.id;
    // Also a role that reads only masked numbers, and the houses, listed the same way.
    for (const session of [community, grid, admin, await login('street-staff@pukou.gov.cn')]) {
      const page = await session.get(`/items/people?sort=-id&limit=2&fields=id&filter[id][_in]=${first},${second}`);
      expect(page.body.data).toEqual([{ id: second }, { id: first }]);
      expect((await session.get('/items/houses?sort=-id&limit=2&fields=id')).status).toBe(200);
    }
    const top = await community.get('/items/people?sort=-id&limit=1&fields=id');
    expect(top.body.data).toEqual([{ id: second }]);
  });
});

describe('one record per ID number in the district', () => {
  it('refuses a duplicate and names the holder to those who may see it', async () => {
    const number = nextNumber('1966-02-02');
    const first = await createAs(grid, { name: '持有人', id_number: number });
    expect(first.status).toBe(200);
    const again = await createAs(community, { name: '重复登记', id_number: number });
    expect(again.status).toBe(400);
    expect(errorMessage(again)).toContain(`公民身份号码已登记：持有人（求雨山社区第一网格，档案编号 ${first.body.data.id}）`);
    expect(await countByNumber(number)).toBe(1);
  });

  it('does not tell who holds it to a caller outside that jurisdiction', async () => {
    const number = nextNumber('1966-03-03');
    const elsewhere = await createAs(admin, { name: '别处的人', id_number: number, unit: ids.get('/320111/S02/C004/') });
    expect(elsewhere.status).toBe(200);
    const again = await createAs(grid, { name: '重复登记', id_number: number });
    expect(again.status).toBe(400);
    expect(errorMessage(again)).toBe(
      'Invalid payload. 该公民身份号码已在其他辖区登记，一人只登记一次；如其已迁入本辖区，请联系上级综治办办理迁移.',
    );
    expect(errorMessage(again)).not.toContain('别处的人');
    // Nor by changing another record's number to it.
    const mine = (await createAs(grid, { name: '改号码', id_number: nextNumber('1966-03-04') })).body.data;
    const changed = await grid.patch(`/items/people/${mine.id}`, { id_number: number });
    expect(changed.status).toBe(400);
    expect(errorMessage(changed)).not.toContain('别处的人');
  });

  it('lets only one of several simultaneous registrations of a number through', async () => {
    const number = nextNumber('1980-10-10');
    const answers = await Promise.all(
      [grid, community, grid, community].map((s, i) => createAs(s, { name: `并发${i}`, id_number: number })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400]);
    expect(await countByNumber(number)).toBe(1);
  });
});

describe('personal identifiers (R19)', () => {
  let number: string;
  let personId: number;
  beforeAll(async () => {
    number = nextNumber('1992-07-07');
    personId = (await createAs(grid, { name: '隐私测试', id_number: number, phone: '13800001111', passport_number: null })).body.data.id;
  });

  it.each([
    ['grid-gridworker@pukou.gov.cn', true],
    ['community-socialworker@pukou.gov.cn', true],
    ['community-leader@pukou.gov.cn', false],
    ['street-staff@pukou.gov.cn', false],
    ['district-head@pukou.gov.cn', false],
  ])('%s sees the raw numbers: %s', async (email, raw) => {
    const session = await login(email);
    const answer = await session.get(`/items/people/${personId}?fields=*`);
    expect(answer.status).toBe(200);
    expect(answer.body.data.id_number_masked).toBe(`3201**********${number.slice(-4)}`);
    expect(answer.body.data.phone_masked).toBe('138****1111');
    if (raw) expect(answer.body.data).toMatchObject({ id_number: number, phone: '13800001111' });
    else {
      expect(answer.body.data.id_number).toBeUndefined();
      expect(answer.body.data.phone).toBeUndefined();
    }
  });

  describe('a role that sees masked numbers cannot recover the raw ones', () => {
    let street: Session;
    beforeAll(async () => {
      street = await login('street-staff@pukou.gov.cn');
    });
    const leaks = (answer: { body: unknown }) =>
      JSON.stringify(answer.body).includes(number) || JSON.stringify(answer.body).includes('13800001111');

    it.each([
      ['asking for the field', () => `/items/people/${'{id}'}?fields=id_number,phone`],
      ['filtering on it', () => `/items/people?filter[id_number][_eq]=${number}&fields=id`],
      ['filtering by prefix', () => `/items/people?filter[id_number][_starts_with]=${number.slice(0, 10)}&fields=id`],
      ['filtering on the phone', () => '/items/people?filter[phone][_eq]=13800001111&fields=id'],
      ['sorting by it', () => '/items/people?sort=id_number&fields=id&limit=5'],
      ['aggregating it', () => '/items/people?aggregate[max]=id_number'],
      ['grouping by it', () => '/items/people?groupBy[]=phone&aggregate[count]=*'],
      ['deep filter through moves', () => `/items/person_moves?filter[person][id_number][_eq]=${number}`],
    ])('by %s', async (_name, path) => {
      const answer = await street.get(path().replace('{id}', String(personId)));
      // Directus 11.17.4 refuses any query naming a field the role may not read, also through relations.
      expect(answer.status).toBe(403);
      expect(errorMessage(answer)).toMatch(/You don't have permission to access fields? "(id_number|phone)/);
      expect(leaks(answer)).toBe(false);
    });

    it('by searching for the number (search covers only readable fields)', async () => {
      const answer = await street.get(`/items/people?search=${number}&fields=id`);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual([]);
      const byName = await street.get(`/items/people?search=${encodeURIComponent('隐私测试')}&fields=id,id_number_masked`);
      expect(byName.body.data).toContainEqual({ id: personId, id_number_masked: `3201**********${number.slice(-4)}` });
    });

    it('by asking for every field', async () => {
      const answer = await street.get(`/items/people?filter[id][_eq]=${personId}&fields=*`);
      expect(answer.status).toBe(200);
      expect(answer.body.data[0].name).toBe('隐私测试');
      expect(leaks(answer)).toBe(false);
    });

    it('but may look a person up by the exact number through /registries/people/lookup, masked', async () => {
      const found = await street.get(`/registries/people/lookup?id_number=${number}`);
      expect(found.status).toBe(200);
      expect(found.body.data).toMatchObject({ id: personId, name: '隐私测试', id_number_masked: `3201**********${number.slice(-4)}` });
      expect(found.body.data.id_number).toBeUndefined();
      expect((await street.get('/registries/people/lookup?id_number=123')).status).toBe(400);
      const unknown = await street.get(`/registries/people/lookup?id_number=${nextNumber('1901-01-01')}`);
      expect(unknown.status).toBe(404);
    });
  });

  it('look-up answers "not found" for a person outside the jurisdiction', async () => {
    const number2 = nextNumber('1993-01-01');
    await createAs(admin, { name: '外辖区', id_number: number2, unit: ids.get('/320111/S02/C004/') });
    const answer = await community.get(`/registries/people/lookup?id_number=${number2}`);
    expect(answer.status).toBe(404);
    expect(JSON.stringify(answer.body)).not.toContain('外辖区');
  });
});

describe('moving a person to another grid', () => {
  it('is done by the community, keeps the record and records the move', async () => {
    const person = (await createAs(grid, { name: '迁移人', id_number: nextNumber('1970-04-04') })).body.data;
    const g2 = ids.get('/320111/S01/C001/G02/')!;
    expect((await grid.post(`/registries/people/${person.id}/move`, { unit: g2, reason: '搬家' })).status).toBe(403);
    const leader = await login('community-leader@pukou.gov.cn');
    expect((await leader.post(`/registries/people/${person.id}/move`, { unit: g2, reason: '搬家' })).status).toBe(403);
    expect((await community.post(`/registries/people/${person.id}/move`, { unit: g2 })).status).toBe(400);
    expect(
      (await community.post(`/registries/people/${person.id}/move`, { unit: ids.get('/320111/S02/C004/'), reason: '搬家' })).status,
    ).toBe(403);
    expect((await community.post(`/registries/people/${person.id}/move`, { unit: ids.get('/320111/GAJ/'), reason: '搬家' })).status).toBe(
      400,
    );

    const moved = await community.post(`/registries/people/${person.id}/move`, { unit: g2, reason: '搬到第二网格' });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ id: person.id, unit: g2, unit_path: '/320111/S01/C001/G02/' });
    // The old grid no longer sees the person, but sees that they moved.
    expect((await grid.get(`/items/people/${person.id}`)).status).toBe(403);
    const history = await grid.get(`/items/person_moves?filter[person][_eq]=${person.id}&fields=from_unit,to_unit,reason,moved_by`);
    expect(history.body.data).toEqual([
      { from_unit: ids.get('/320111/S01/C001/G01/'), to_unit: g2, reason: '搬到第二网格', moved_by: expect.any(String) },
    ]);
    // No one writes the history directly.
    expect((await community.post('/items/person_moves', { person: person.id, reason: 'x' })).status).toBe(403);
  });
});
