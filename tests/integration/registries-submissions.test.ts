// 信息采集 as a story: a grid worker submits a new person from the phone; the
// community returns it with a reason; the grid worker corrects and submits again;
// the community approves and the person is in the registry; a change to that
// person goes the same way. Every step is kept; others cannot review.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let ids: Map<string, number>;
let grid: Session;
let community: Session;
const seq = Math.floor(Math.random() * 150) * 2 + 51;
const number = makeIdNumber('320111', '1991-09-19', seq);
let personId: number | null = null;
const extra: number[] = [];

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  grid = await login('grid-gridworker@pukou.gov.cn');
  community = await login('community-socialworker@pukou.gov.cn');
});

afterAll(async () => {
  // After the houses (their own afterAll runs first), which refer to the owners.
  for (const id of [personId, ...extra]) if (id) await admin.delete(`/items/people/${id}`);
});

describe('信息采集', () => {
  it('goes from the phone through return and correction to the registry, every step kept', async () => {
    const bad = await grid.post('/registries/submissions', {
      target_collection: 'people',
      data: { name: '新住户', id_number: number.slice(0, 17) + (number[17] === '0' ? '1' : '0') },
    });
    expect(bad.status).toBe(400);
    expect(errorMessage(bad)).toContain('校验位不正确');

    const submitted = await grid.post('/registries/submissions', {
      target_collection: 'people',
      data: { name: '新住户', id_number: number, phone: '13955556666' },
    });
    expect(submitted.status).toBe(200);
    const id = submitted.body.data.id;
    expect(await countPeople()).toBe(0);

    // Not the grid worker itself, not a leader, not the street: the community.
    expect((await grid.post(`/registries/submissions/${id}/review`, { approve: true })).status).toBe(403);
    expect(
      (await (await login('community-leader@pukou.gov.cn')).post(`/registries/submissions/${id}/review`, { approve: true })).status,
    ).toBe(403);
    expect((await (await login('street-staff@pukou.gov.cn')).post(`/registries/submissions/${id}/review`, { approve: true })).status).toBe(
      403,
    );
    expect((await community.post(`/registries/submissions/${id}/review`, { approve: false })).status).toBe(400);

    const returned = await community.post(`/registries/submissions/${id}/review`, { approve: false, reason: '请补充现住地详址' });
    expect(returned.status).toBe(200);
    expect(returned.body.data.state).toBe('returned');
    expect((await community.post(`/registries/submissions/${id}/resubmit`, { data: { name: 'x' } })).status).toBe(403);

    const again = await grid.post(`/registries/submissions/${id}/resubmit`, {
      data: { name: '新住户', id_number: number, phone: '13955556666', residence_address: '求雨山路8号' },
    });
    expect(again.status).toBe(200);
    const approved = await community.post(`/registries/submissions/${id}/review`, { approve: true, reason: '核实无误' });
    expect(approved.status).toBe(200);
    personId = approved.body.data.target_id;
    const person = await grid.get(`/items/people/${personId}?fields=name,id_number,residence_address,unit,birth_date`);
    expect(person.body.data).toEqual({
      name: '新住户',
      id_number: number,
      residence_address: '求雨山路8号',
      unit: ids.get('/320111/S01/C001/G01/'),
      birth_date: '1991-09-19',
    });
    expect((await community.post(`/registries/submissions/${id}/review`, { approve: true })).status).toBe(403);

    // Read by the community: the grid sees its own colleagues only, not the community staff.
    const steps = await community.get(`/items/submission_steps?filter[submission][_eq]=${id}&fields=action,opinion,actor.email&sort=id`);
    expect(steps.body.data).toEqual([
      { action: 'submit', opinion: null, actor: { email: 'grid-gridworker@pukou.gov.cn' } },
      { action: 'return', opinion: '请补充现住地详址', actor: { email: 'community-socialworker@pukou.gov.cn' } },
      { action: 'resubmit', opinion: null, actor: { email: 'grid-gridworker@pukou.gov.cn' } },
      { action: 'approve', opinion: '核实无误', actor: { email: 'community-socialworker@pukou.gov.cn' } },
    ]);
  });

  it('changes an existing record only after approval', async () => {
    const change = await grid.post('/registries/submissions', {
      target_collection: 'people',
      target_id: personId,
      data: { phone: '025-58889999' },
    });
    expect(change.status).toBe(200);
    expect((await grid.get(`/items/people/${personId}?fields=phone`)).body.data.phone).toBe('13955556666');
    expect((await community.post(`/registries/submissions/${change.body.data.id}/review`, { approve: true })).status).toBe(200);
    expect((await grid.get(`/items/people/${personId}?fields=phone,phone_masked`)).body.data).toEqual({
      phone: '025-58889999',
      phone_masked: '025-****9999',
    });
  });

  it('refuses an approval the registry refuses, leaving the submission to be returned', async () => {
    // Two submissions of the same person: the second cannot be approved once the first is in.
    const other = makeIdNumber('320111', '1991-09-19', seq + 2);
    const first = (await grid.post('/registries/submissions', { target_collection: 'people', data: { name: '甲', id_number: other } })).body
      .data.id;
    const second = (await grid.post('/registries/submissions', { target_collection: 'people', data: { name: '甲', id_number: other } }))
      .body.data.id;
    const ok = await community.post(`/registries/submissions/${first}/review`, { approve: true });
    extra.push(ok.body.data.target_id);
    const refused = await community.post(`/registries/submissions/${second}/review`, { approve: true });
    expect(refused.status).toBe(400);
    expect(errorMessage(refused)).toContain('公民身份号码已登记');
    expect((await grid.get(`/items/submissions/${second}?fields=state`)).body.data.state).toBe('submitted');
  });

  it('refuses malformed submissions and direct writes', async () => {
    expect((await grid.post('/registries/submissions', { target_collection: 'directus_users', data: { name: 'x' } })).status).toBe(400);
    expect((await grid.post('/registries/submissions', { target_collection: 'people', data: [] })).status).toBe(400);
    expect(
      errorMessage(
        await grid.post('/registries/submissions', { target_collection: 'people', data: { name: 'x', id_number: number, unit: 1 } }),
      ),
    ).toContain('由系统生成的字段：unit');
    expect((await grid.post('/items/submissions', { target_collection: 'people', data: {}, state: 'approved' })).status).toBe(403);
  });
});

describe('信息采集 of a house', () => {
  const houseNumber = `CJ-${Date.now().toString(36).toUpperCase()}`;
  let owner: number;
  let outsider: number;
  let houseId: number | null = null;

  beforeAll(async () => {
    owner = (
      await admin.post('/items/people', {
        name: '房主乙',
        id_number: makeIdNumber('320111', '1970-03-03', seq),
        unit: ids.get('/320111/S01/C001/G01/'),
      })
    ).body.data.id;
    outsider = (
      await admin.post('/items/people', {
        name: '外辖区房主',
        id_number: makeIdNumber('320111', '1970-03-03', seq + 2),
        unit: ids.get('/320111/S02/C004/'),
      })
    ).body.data.id;
    extra.push(owner, outsider);
  });

  afterAll(async () => {
    if (houseId) await admin.delete(`/items/houses/${houseId}`);
  });

  it('is checked at once by the houses’ rules, as the grid worker, and nothing is kept', async () => {
    const before = (await admin.get('/items/houses?aggregate[count]=*')).body.data[0].count;
    const bad = await grid.post('/registries/submissions', {
      target_collection: 'houses',
      data: { number: houseNumber, address: '求雨山路12号', floor_area: -5 },
    });
    expect(bad.status).toBe(400);
    expect(errorMessage(bad)).toContain('建筑面积');
    const foreign = await grid.post('/registries/submissions', {
      target_collection: 'houses',
      data: { number: houseNumber, address: '求雨山路12号', owner: outsider },
    });
    expect(foreign.status).toBe(400);
    expect(errorMessage(foreign)).toContain('不存在或不在您的辖区内');
    const noAddress = await grid.post('/registries/submissions', { target_collection: 'houses', data: { number: houseNumber } });
    expect(noAddress.status).toBe(400);
    expect(errorMessage(noAddress)).toContain('房屋地址');
    expect((await admin.get('/items/houses?aggregate[count]=*')).body.data[0].count).toBe(before);
  });

  it('reaches the houses registry, in the grid, when the community approves', async () => {
    const submitted = await grid.post('/registries/submissions', {
      target_collection: 'houses',
      data: { number: houseNumber, address: '求雨山路12号', use: '20', floor_area: 76.5, owner },
    });
    expect(submitted.status).toBe(200);
    expect((await admin.get(`/items/houses?filter[number][_eq]=${houseNumber}&fields=id`)).body.data).toEqual([]);
    const approved = await community.post(`/registries/submissions/${submitted.body.data.id}/review`, { approve: true });
    expect(approved.status).toBe(200);
    houseId = approved.body.data.target_id;
    const house = await community.get(`/items/houses/${houseId}?fields=number,address,use,owner.name,unit`);
    expect(house.body.data).toEqual({
      number: houseNumber,
      address: '求雨山路12号',
      use: '20',
      owner: { name: '房主乙' },
      unit: ids.get('/320111/S01/C001/G01/'),
    });
    const steps = await community.get(`/items/submission_steps?filter[submission][_eq]=${submitted.body.data.id}&fields=action&sort=id`);
    expect(steps.body.data).toEqual([{ action: 'submit' }, { action: 'approve' }]);
  });
});

async function countPeople(): Promise<number> {
  const answer = await admin.get(`/items/people?aggregate[count]=*&filter[id_number][_eq]=${number}`);
  return Number(answer.body.data[0].count);
}
