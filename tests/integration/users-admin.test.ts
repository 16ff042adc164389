// User administration by a unit's system administrator (用户管理): users of the own
// unit and below are created, changed and disabled; a user outside the subtree, a
// role above the administrator's level, or a move out of the subtree is refused
// and nothing is stored.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { loginAdmin, login, unitIds, type Session } from '../http.ts';

const roleId = (key: string) => ROLES.find((r) => r.key === key)!.id;
const STAMP = Date.now().toString(36);
const email = (name: string) => `ua-${name}-${STAMP}@pukou.gov.cn`;
const password = 'Users@2026x';

let admin: Session;
let street: Session; // 江浦街道 (/320111/S01/) 系统管理员
let community: Session; // 求雨山社区 (/320111/S01/C001/) 系统管理员
let units: Map<string, number>;
const created: string[] = [];

async function usersByEmail(address: string) {
  return (await admin.get(`/users?filter[email][_eq]=${encodeURIComponent(address)}&fields=id,unit,unit_path,role,job,status`)).body
    .data as any[];
}

beforeAll(async () => {
  admin = await loginAdmin();
  street = await login('street-sysadmin@pukou.gov.cn');
  community = await login('community-sysadmin@pukou.gov.cn');
  units = await unitIds(admin);
});

afterAll(async () => {
  if (created.length) await admin.send('DELETE', '/users', JSON.stringify(created));
});

describe('a street system administrator', () => {
  it('creates a user in a community below, with a community role; path and job follow', async () => {
    const answer = await street.post('/users', {
      email: email('ok'),
      password,
      first_name: '测试',
      last_name: '王',
      role: roleId('community-staff'),
      unit: units.get('/320111/S01/C001/'),
      status: 'active',
    });
    expect(answer.status).toBe(200);
    created.push(answer.body.data.id);
    const [stored] = await usersByEmail(email('ok'));
    expect(stored).toMatchObject({ unit_path: '/320111/S01/C001/', job: 'staff', role: roleId('community-staff') });
    // The new user can sign in and works in that unit.
    expect((await login(email('ok'), password)).token).toBeTruthy();
  });

  it('disables and re-enables a user below; never deletes one', async () => {
    const [user] = await usersByEmail(email('ok'));
    expect((await street.patch(`/users/${user.id}`, { status: 'suspended' })).status).toBe(200);
    expect((await usersByEmail(email('ok')))[0].status).toBe('suspended');
    expect((await street.patch(`/users/${user.id}`, { status: 'active' })).status).toBe(200);
    expect((await street.delete(`/users/${user.id}`)).status).toBe(403);
    expect(await usersByEmail(email('ok'))).toHaveLength(1);
  });

  it('sees only the roles it may give', async () => {
    const { body } = await street.get('/roles?fields=id,name&limit=-1');
    const names = (body.data as { name: string }[]).map((r) => r.name);
    expect(names).toContain('街道·专职人员');
    expect(names).toContain('网格·网格员');
    expect(names.some((n) => n.startsWith('区·') || n.startsWith('部门·'))).toBe(false);
  });

  it.each([
    ['a user in another street', { unit: '/320111/S03/', role: 'street-staff' }],
    ['a user in the district office', { unit: '/320111/', role: 'district-staff' }],
    ['a district role in its own street', { unit: '/320111/S01/', role: 'district-sysadmin' }],
    ['a department role', { unit: '/320111/S01/', role: 'department-liaison' }],
  ])('is refused %s and nothing is stored', async (name, { unit, role }) => {
    const address = email(`no-${name.length}-${role}`);
    const answer = await street.post('/users', { email: address, password, role: roleId(role), unit: units.get(unit), status: 'active' });
    expect([400, 403]).toContain(answer.status);
    expect(await usersByEmail(address)).toHaveLength(0);
  });

  it('cannot move a user out of its subtree, raise a role or touch a user outside it', async () => {
    const [user] = await usersByEmail(email('ok'));
    const moved = await street.patch(`/users/${user.id}`, { unit: units.get('/320111/S03/'), role: roleId('street-staff') });
    expect([400, 403]).toContain(moved.status);
    const raised = await street.patch(`/users/${user.id}`, { role: roleId('district-head'), unit: units.get('/320111/') });
    expect([400, 403]).toContain(raised.status);
    expect((await usersByEmail(email('ok')))[0]).toMatchObject({ unit_path: '/320111/S01/C001/', role: roleId('community-staff') });

    const outsider = (
      await admin.post('/users', {
        email: email('outside'),
        password,
        role: roleId('street-staff'),
        unit: units.get('/320111/S03/'),
        status: 'active',
      })
    ).body.data;
    created.push(outsider.id);
    const touched = await street.patch(`/users/${outsider.id}`, { status: 'suspended' });
    expect(touched.status).toBe(403);
    expect((await usersByEmail(email('outside')))[0].status).toBe('active');
  });

  it('cannot grant itself a policy or send the path itself', async () => {
    const [user] = await usersByEmail(email('ok'));
    expect((await street.patch(`/users/${user.id}`, { policies: { create: [{ policy: ROLES[0]!.policies[0] }] } })).status).toBe(403);
    const pathed = await street.post('/users', {
      email: email('pathed'),
      password,
      role: roleId('street-staff'),
      unit: units.get('/320111/S01/'),
      unit_path: '/320111/',
    });
    expect(pathed.status).toBe(400);
    expect(await usersByEmail(email('pathed'))).toHaveLength(0);
  });

  it('answers malformed input with a clear refusal', async () => {
    const bad = await street.send('POST', '/users', '{"email": ');
    expect(bad.status).toBe(400);
    const noEmail = await street.post('/users', {
      email: 'not-an-email',
      password,
      role: roleId('street-staff'),
      unit: units.get('/320111/S01/'),
    });
    expect(noEmail.status).toBe(400);
    expect(await usersByEmail('not-an-email')).toHaveLength(0);
  });
});

describe('a community system administrator', () => {
  it('gives grid roles below it but not a street role, even in its own unit', async () => {
    const ok = await community.post('/users', {
      email: email('grid'),
      password,
      role: roleId('grid-grid_worker'),
      unit: units.get('/320111/S01/C001/G01/'),
      status: 'active',
    });
    expect(ok.status).toBe(200);
    created.push(ok.body.data.id);
    const above = await community.post('/users', {
      email: email('above'),
      password,
      role: roleId('street-staff'),
      unit: units.get('/320111/S01/C001/'),
    });
    expect([400, 403]).toContain(above.status);
    const sideways = await community.post('/users', {
      email: email('sideways'),
      password,
      role: roleId('community-staff'),
      unit: units.get('/320111/S01/C002/'),
    });
    expect([400, 403]).toContain(sideways.status);
    expect(await usersByEmail(email('above'))).toHaveLength(0);
    expect(await usersByEmail(email('sideways'))).toHaveLength(0);
  });

  it('is refused by a staff member without the right', async () => {
    const staff = await login('community-staff@pukou.gov.cn');
    const answer = await staff.post('/users', {
      email: email('staff'),
      password,
      role: roleId('grid-grid_worker'),
      unit: units.get('/320111/S01/C001/G01/'),
    });
    expect(answer.status).toBe(403);
    expect(await usersByEmail(email('staff'))).toHaveLength(0);
  });
});
