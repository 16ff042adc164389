// Accounts no one can see, and roster changes naming strangers (security issue,
// families 10 and 11): a unit's system administrator creates accounts only with a unit
// and a role of its own subtree, and a roster change names only a user of the filing
// unit. Each refusal with its status, its Chinese message, nothing stored and no one told.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { errorMessage, login, loginAdmin, unitIds, type Session } from '../http.ts';

let admin: Session, sysadmin: Session, staff: Session, streetHead: Session;
let ids: Map<string, number>;
const STAMP = Date.now().toString(36);
const role = (key: string) => ROLES.find((r) => r.key === key)!.id;
const created: string[] = [];

const userCount = async () => Number((await admin.get('/users?aggregate[count]=*')).body.data[0].count);
const rosterCount = async () => Number((await admin.get('/items/admin_roster_changes?aggregate[count]=*')).body.data[0].count);
const noticeCount = async () =>
  Number((await admin.get('/notifications?filter[collection][_eq]=admin_roster_changes&aggregate[count]=*')).body.data[0].count);

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  [sysadmin, staff, streetHead] = await Promise.all([
    login('community-sysadmin@pukou.gov.cn'),
    login('community-staff@pukou.gov.cn'),
    login('street-head@pukou.gov.cn'),
  ]);
});

afterAll(async () => {
  for (const id of created) await admin.patch(`/users/${id}`, { status: 'archived' });
});

describe('accounts made below the Directus administrator (family 10)', () => {
  const account = (extra: Record<string, unknown>) => ({
    email: `acct-${STAMP}-${Math.random().toString(36).slice(2, 8)}@pukou.gov.cn`,
    password: 'Pukou@2026!x',
    status: 'active',
    ...extra,
  });

  it.each([
    ['with a role but no unit', () => ({ role: role('community-staff') })],
    ['with a unit but no role', () => ({ unit: ids.get('/320111/S01/C001/') })],
    ['with neither', () => ({})],
    ['with the unit sent as null', () => ({ unit: null, role: role('community-staff') })],
  ])('refuses an account %s, and stores none', async (_name, extra) => {
    const before = await userCount();
    const answer = await sysadmin.post('/users', account(extra()));
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('账号须有所在单位和角色');
    expect(await userCount()).toBe(before);
  });

  it('refuses a unit outside its subtree, and stores none', async () => {
    const before = await userCount();
    const answer = await sysadmin.post('/users', account({ unit: ids.get('/320111/S02/'), role: role('street-staff') }));
    expect([400, 403]).toContain(answer.status);
    expect(await userCount()).toBe(before);
  });

  it('makes an account with a unit and role of its own subtree, and does not let it lose them', async () => {
    const answer = await sysadmin.post('/users', account({ unit: ids.get('/320111/S01/C001/G01/'), role: role('grid-grid_worker') }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const id = answer.body.data.id as string;
    created.push(id);
    for (const change of [{ unit: null }, { role: null }]) {
      const refused = await sysadmin.patch(`/users/${id}`, change);
      expect(refused.status).toBe(400);
      expect(errorMessage(refused)).toContain('账号须有所在单位和角色');
    }
    const kept = (await admin.get(`/users/${id}?fields=unit,role`)).body.data;
    expect(kept).toEqual({ unit: ids.get('/320111/S01/C001/G01/'), role: role('grid-grid_worker') });
  });
});

describe('roster changes (family 11)', () => {
  const file = (person: string) =>
    staff.post('/items/admin_roster_changes', { change: 'appointed', person, effective_on: '2026-11-20', reason: '探针' });
  const idOf = async (email: string) => (await admin.get(`/users?filter[email][_eq]=${email}&fields=id`)).body.data[0].id as string;

  it.each([
    ['a user of another street', 'street-staff@pukou.gov.cn'],
    ['a user of the street above', 'street-head@pukou.gov.cn'],
    ['the grid worker below', 'grid-gridworker@pukou.gov.cn'],
  ])('refuses one naming %s: nothing stored, no one told', async (_name, email) => {
    const person = await idOf(email);
    const [rows, notices] = [await rosterCount(), await noticeCount()];
    const answer = await file(person);
    expect(answer.status).toBe(400);
    expect(errorMessage(answer)).toContain('只能报备本单位人员');
    expect(await rosterCount()).toBe(rows);
    expect(await noticeCount()).toBe(notices);
    // The street head heard no stranger's name.
    const heard = (await streetHead.get('/notifications?filter[collection][_eq]=admin_roster_changes&fields=message&limit=-1')).body.data;
    expect(JSON.stringify(heard)).not.toContain(email.split('@')[0]);
  });

  it('refuses a person who is not a user at all, and moving a filed change onto a stranger', async () => {
    const rows = await rosterCount();
    expect((await file('00000000-0000-4000-8000-000000000000')).status).toBe(400);
    expect(await rosterCount()).toBe(rows);
    const own = await file(await idOf('community-head@pukou.gov.cn'));
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const moved = await staff.patch(`/items/admin_roster_changes/${own.body.data.id}`, { person: await idOf('street-staff@pukou.gov.cn') });
    expect([400, 403]).toContain(moved.status);
    const kept = (await admin.get(`/items/admin_roster_changes/${own.body.data.id}?fields=person`)).body.data.person;
    expect(kept).toBe(await idOf('community-head@pukou.gov.cn'));
  });
});
