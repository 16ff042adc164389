// Nothing of another jurisdiction is countable either: counts, aggregates,
// groupings, searches and explicit filters answer only for the user's own
// jurisdiction, exactly as the administrator's answer restricted to it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, loginAdmin, unitIds, type Session } from '../http.ts';

const USERS = [
  { email: 'street-staff@pukou.gov.cn', own: '/320111/S01/' },
  { email: 'community-staff@pukou.gov.cn', own: '/320111/S01/C001/' },
  { email: 'grid-gridworker@pukou.gov.cn', own: '/320111/S01/C001/G01/' },
  { email: 'department-liaison@pukou.gov.cn', own: '/320111/GAJ/' },
  { email: 'community-leader@pukou.gov.cn', own: '/320111/S01/C001/' },
];

/** Items spread over the tree: inside and outside every user's jurisdiction. */
const SPREAD = [
  '/320111/',
  '/320111/S01/',
  '/320111/S01/C001/',
  '/320111/S01/C001/G01/',
  '/320111/S01/C001/G02/',
  '/320111/S01/C002/',
  '/320111/S02/C004/',
  '/320111/GAJ/',
  '/320111/SFJ/',
];

let admin: Session;
const created: number[] = [];

beforeAll(async () => {
  admin = await loginAdmin();
  const ids = await unitIds(admin);
  for (const [i, path] of SPREAD.entries()) {
    for (let n = 0; n <= i % 3; n++) {
      const answer = await admin.post('/items/activity_records', {
        unit: ids.get(path),
        title: `leak probe ${n}`,
        activity_type: 'visit',
        occurred_on: '2026-11-02',
        place: '秘密地点',
      });
      created.push(answer.body.data.id);
    }
  }
});

afterAll(async () => {
  await admin.send('DELETE', '/items/activity_records', JSON.stringify(created));
});

/** What the administrator counts within a path: the expected answer. */
async function adminCount(collection: string, pathField: string, own: string, extra = ''): Promise<number> {
  const answer = await admin.get(
    `/items/${collection}?aggregate[count]=*&filter[${pathField}][_starts_with]=${encodeURIComponent(own)}${extra}`,
  );
  return Number(answer.body.data[0].count);
}

describe.each(USERS)('$email', ({ email, own }) => {
  let user: Session;
  beforeAll(async () => {
    user = await login(email);
  });

  it('counts only its jurisdiction with aggregate count', async () => {
    const answer = await user.get('/items/activity_records?aggregate[count]=*');
    expect(answer.status).toBe(200);
    expect(Number(answer.body.data[0].count)).toBe(await adminCount('activity_records', 'unit_path', own));
  });

  it('gets filter_count and total_count of its jurisdiction only', async () => {
    const answer = await user.get('/items/activity_records?meta=filter_count,total_count&limit=1');
    const expected = await adminCount('activity_records', 'unit_path', own);
    expect(answer.body.meta).toEqual({ filter_count: expected, total_count: expected });
  });

  it('groups only its own units', async () => {
    const answer = await user.get('/items/activity_records?aggregate[count]=id&groupBy[]=unit_path&limit=-1');
    expect(answer.status).toBe(200);
    expect(answer.body.data.length).toBeGreaterThan(0);
    for (const group of answer.body.data) expect(group.unit_path.startsWith(own)).toBe(true);
  });

  it('finds nothing of other jurisdictions by filtering for them', async () => {
    const answer = await user.get('/items/activity_records?filter[unit_path][_starts_with]=/320111/S02/&meta=filter_count');
    expect(answer.body.data).toEqual([]);
    expect(answer.body.meta.filter_count).toBe(0);
  });

  it('finds only its own by search and by aggregates over other fields', async () => {
    const search = await user.get('/items/activity_records?search=leak&fields=unit_path&limit=-1');
    const expected = await adminCount('activity_records', 'unit_path', own, '&filter[title][_starts_with]=leak');
    expect(search.body.data.length).toBe(expected);
    const distinct = await user.get('/items/activity_records?aggregate[countDistinct]=unit_path');
    const mine = await admin.get(
      `/items/activity_records?aggregate[countDistinct]=unit_path&filter[unit_path][_starts_with]=${encodeURIComponent(own)}`,
    );
    expect(distinct.body.data).toEqual(mine.body.data);
  });

  it('counts only its own units and colleagues', async () => {
    const units = await user.get('/items/units?aggregate[count]=*');
    expect(Number(units.body.data[0].count)).toBe(await adminCount('units', 'path', own));
    const users = await user.get('/users?aggregate[count]=*');
    const adminUsers = await admin.get(`/users?aggregate[count]=*&filter[unit_path][_starts_with]=${encodeURIComponent(own)}`);
    expect(users.body.data).toEqual(adminUsers.body.data);
  });

  it('gets nothing of other units through relations', async () => {
    const answer = await user.get('/items/units?fields=path,parent.path,parent.name&limit=-1');
    for (const unit of answer.body.data) {
      expect(unit.path.startsWith(own)).toBe(true);
      if (unit.parent) expect(unit.parent.path.startsWith(own)).toBe(true);
    }
  });
});
