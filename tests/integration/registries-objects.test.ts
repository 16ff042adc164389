// Service objects (the eight categories of R7) with their visit rhythm and overdue
// list, logged reads of a key person's file, and the places, things and
// organisations registries: declared in schema/, under the jurisdiction rule, with
// references only to records within the caller's jurisdiction.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../extensions/registries/src/id-number.ts';
import { errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session;
let ids: Map<string, number>;
let grid: Session;
let community: Session;
const made: [string, number][] = [];
const seq = Math.floor(Math.random() * 150) * 2 + 601;
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

async function make(session: Session, collection: string, body: Record<string, unknown>) {
  const answer = await session.post(`/items/${collection}`, body);
  if (answer.status === 200) made.push([collection, answer.body.data.id]);
  return answer;
}

let person: number;
let outsider: number;

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  grid = await login('grid-gridworker@pukou.gov.cn');
  community = await login('community-staff@pukou.gov.cn');
  person = (await make(grid, 'people', { name: '矫正对象', id_number: makeIdNumber('320111', '1979-05-05', seq) })).body.data.id;
  outsider = (
    await make(admin, 'people', {
      name: '外辖区人员',
      id_number: makeIdNumber('320111', '1979-05-05', seq + 2),
      unit: ids.get('/320111/S02/C004/'),
    })
  ).body.data.id;
});

afterAll(async () => {
  for (const [collection, id] of made.reverse()) await admin.delete(`/items/${collection}/${id}`);
});

describe('a service object', () => {
  let object: number;

  it('is registered with its category details, and is overdue when its visit is past due', async () => {
    const answer = await make(grid, 'service_objects', {
      person,
      category: 'correction',
      risk_grade: '3',
      correction_type: '2',
      crime: '盗窃罪',
      correction_start: day(-20),
      correction_end: day(200),
      valid_from: day(-20),
      visit_every_days: 7,
    });
    expect(answer.status).toBe(200);
    object = answer.body.data.id;
    expect(answer.body.data.next_visit_due).toBe(day(-13));
    const overdue = await community.get('/items/service_objects?filter[next_visit_due][_lt]=$NOW&fields=id');
    expect(overdue.body.data).toContainEqual({ id: object });
  });

  it('is no longer overdue after a service record, which sets the next visit', async () => {
    const record = await make(grid, 'service_records', {
      service_object: object,
      served_at: new Date().toISOString(),
      kind: 'visit',
      place: '家中',
      content: '了解近况，提醒按时报到',
    });
    expect(record.status).toBe(200);
    const after = await grid.get(`/items/service_objects/${object}?fields=next_visit_due,last_served_at`);
    expect(after.body.data.next_visit_due).toBe(day(7));
    expect(after.body.data.last_served_at).not.toBeNull();
    const overdue = await community.get('/items/service_objects?filter[next_visit_due][_lt]=$NOW&fields=id');
    expect(overdue.body.data).not.toContainEqual({ id: object });
  });

  it('refuses a visit date sent by a client', async () => {
    const answer = await grid.patch(`/items/service_objects/${object}`, { next_visit_due: day(100) });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('由服务记录自动计算');
  });

  it('has an assistance group with members', async () => {
    const group = await make(grid, 'assistance_groups', { service_object: object, name: '帮教小组一', formed_on: day(-19) });
    expect(group.status).toBe(200);
    for (const [name, role] of [
      ['王社工', 'cadre'],
      ['李民警', 'police'],
      ['矫正对象之母', 'family'],
    ]) {
      expect((await make(grid, 'assistance_group_members', { group: group.body.data.id, name, role, phone: '13900001111' })).status).toBe(
        200,
      );
    }
    const read = await community.get(`/items/service_objects/${object}?fields=assistance_groups.name,assistance_groups.members.role`);
    expect(read.body.data.assistance_groups).toEqual([
      { name: '帮教小组一', members: expect.arrayContaining([{ role: 'cadre' }, { role: 'police' }, { role: 'family' }]) },
    ]);
  });

  it('logs every read of the file: who, when, which record', async () => {
    const last = (await admin.get('/items/sensitive_reads?aggregate[max]=id')).body.data[0].max?.id ?? 0;
    expect((await community.get(`/items/service_objects/${object}`)).status).toBe(200);
    await community.get('/items/service_objects?aggregate[count]=*');
    const log = await admin.get(
      `/items/sensitive_reads?filter[id][_gt]=${last}&fields=user.email,item_ids,unit_path,collection_name,at&sort=id`,
    );
    expect(log.body.data).toEqual([
      {
        user: { email: 'community-staff@pukou.gov.cn' },
        item_ids: [object],
        unit_path: '/320111/S01/C001/',
        collection_name: 'service_objects',
        at: expect.any(String),
      },
    ]);
    // The reading unit and the levels above see the log; the grid below does not.
    expect((await grid.get('/items/sensitive_reads?filter[user][email][_eq]=community-staff@pukou.gov.cn&fields=id')).body.data).toEqual(
      [],
    );
    const street = await login('street-head@pukou.gov.cn');
    expect((await street.get(`/items/sensitive_reads?filter[id][_gt]=${last}&fields=id`)).body.data.length).toBe(1);
  });

  it('logs a read of the file reached through a relation, not a read of its key alone', async () => {
    const last = (await admin.get('/items/sensitive_reads?aggregate[max]=id')).body.data[0].max?.id ?? 0;
    const through = await community.get(
      `/items/service_records?filter[service_object][_eq]=${object}&fields=id,service_object.category,service_object.id`,
    );
    expect(through.body.data[0].service_object).toEqual({ id: object, category: 'correction' });
    expect(
      (await community.get(`/items/assistance_groups?filter[service_object][_eq]=${object}&fields=name,service_object`)).body.data,
    ).toEqual([{ name: '帮教小组一', service_object: object }]);
    const log = await admin.get(
      `/items/sensitive_reads?filter[id][_gt]=${last}&fields=user.email,item_ids,collection_name,read_through&sort=id`,
    );
    expect(log.body.data).toEqual([
      {
        user: { email: 'community-staff@pukou.gov.cn' },
        item_ids: [object],
        collection_name: 'service_objects',
        read_through: 'service_records',
      },
    ]);
  });

  it('cannot be made for a person outside the jurisdiction', async () => {
    const answer = await make(grid, 'service_objects', { person: outsider, category: 'drug' });
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('不存在或不在您的辖区内');
  });
});

describe('places, things and organisations', () => {
  it('link a rental house to its owner and tenants among our people, and refuse tenants from elsewhere', async () => {
    const tenant = (
      await make(grid, 'people', { name: '承租人甲', id_number: makeIdNumber('320111', '1995-02-02', seq), is_floating: true })
    ).body.data.id;
    const house = await make(grid, 'rental_houses', {
      address: '求雨山路1号3栋201',
      owner: person,
      use: '20',
      hazard_type: '00',
      rented_area: 45.5,
    });
    expect(house.status).toBe(200);
    expect((await make(grid, 'rental_tenants', { rental_house: house.body.data.id, person: tenant, moved_in: day(-30) })).status).toBe(200);
    const refused = await make(grid, 'rental_tenants', { rental_house: house.body.data.id, person: outsider });
    expect(refused.status).toBe(400);
    const read = await community.get(`/items/rental_houses/${house.body.data.id}?fields=owner.name,tenants.person.name,hazard_type.name`);
    expect(read.body.data).toEqual({
      owner: { name: '矫正对象' },
      tenants: [{ person: { name: '承租人甲' } }],
      hazard_type: { name: '无隐患' },
    });
    expect((await make(grid, 'rental_houses', { address: 'x', owner: person, hazard_type: 'ZZ' })).status).toBe(400);
  });

  it('keep a security facility with its monthly inspections', async () => {
    const facility = await make(grid, 'security_facilities', {
      name: '求雨山路口监控',
      facility_type: 'camera',
      keeper_name: '张管护',
      keeper_phone: '13911112222',
    });
    expect(facility.status).toBe(200);
    expect(
      (
        await make(grid, 'facility_inspections', {
          facility: facility.body.data.id,
          month: '2026-11',
          inspected_on: day(0),
          condition: 'normal',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await make(grid, 'facility_inspections', {
          facility: facility.body.data.id,
          month: '2026-13',
          inspected_on: day(0),
          condition: 'normal',
        })
      ).status,
    ).toBe(400);
    const twice = await make(grid, 'facility_inspections', {
      facility: facility.body.data.id,
      month: '2026-11',
      inspected_on: day(0),
      condition: 'faulty',
    });
    expect(twice.status).toBe(400);
    expect(errorMessage(twice)).toContain('2026-11已有巡检记录');
    expect((await make(grid, 'security_facilities', { name: '坏电话', facility_type: 'camera', keeper_phone: '123' })).status).toBe(400);
  });

  it('record a grid’s 一长四员, key areas with campaigns, teams, offices and organisations', async () => {
    expect((await make(grid, 'grid_staff', { role: 'head', name: '周网格长', phone: '13812345678' })).status).toBe(200);
    const area = await make(community, 'key_areas', { name: '江浦老街', area_type: 'public_order', problem: '盗窃电动车多发' });
    const campaign = await make(community, 'rectification_campaigns', {
      key_area: area.body.data.id,
      problem: '电动车盗窃',
      measures: '增设监控，夜间巡逻',
      responsible_person: '王主任',
      due_on: day(30),
      cases_handled: 3,
    });
    expect(campaign.status).toBe(200);
    expect((await community.get(`/items/key_areas/${area.body.data.id}?fields=campaigns.problem`)).body.data.campaigns).toEqual([
      { problem: '电动车盗窃' },
    ]);
    const team = await make(community, 'patrol_teams', { name: '求雨山平安志愿者', team_type: 'volunteer' });
    expect((await make(community, 'patrol_team_members', { team: team.body.data.id, name: '赵志愿', person })).status).toBe(200);
    const office = await make(community, 'offices', { name: '求雨山社区综治中心', phone: '025-58880001' });
    expect(
      (await make(community, 'office_staff', { office: office.body.data.id, name: '钱主任', position: '主任', staffing: 'full_time' }))
        .status,
    ).toBe(200);
    expect((await make(community, 'social_units', { name: '浦口某科技有限公司', credit_code: '91320111MA1OOOOO0A' })).status).toBe(400);
    expect((await make(community, 'social_units', { name: '浦口某科技有限公司', credit_code: '91320111MA1N2B3C4D' })).status).toBe(200);
    // The jurisdiction rule holds as for every scoped collection: the street reads, does not change.
    const street = await login('street-staff@pukou.gov.cn');
    expect((await street.get(`/items/key_areas/${area.body.data.id}`)).status).toBe(200);
    expect((await street.patch(`/items/key_areas/${area.body.data.id}`, { name: '改名' })).status).toBe(403);
  });
});
