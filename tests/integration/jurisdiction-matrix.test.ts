// The jurisdiction rule (R2, 管理办法第九条) as a table: for every role, for each
// of create, read, update and delete, against an item of its own unit, of a
// child unit, of its parent, of a sibling and of another street.
// "上级用户可以调阅查看下级数据信息，但不得修改。本级用户只负责本辖区的数据信息，
//  不可调阅查看、修改其它辖区数据信息。"

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type RoleLevel } from '../../schema/access.ts';
import { DEMO_USERS } from '../../seed/demo-users.ts';
import { login, loginAdmin, unitIds, type Session } from '../http.ts';

type Target = 'own' | 'child' | 'parent' | 'sibling' | 'otherStreet';
const TARGETS: Target[] = ['own', 'child', 'parent', 'sibling', 'otherStreet'];

/** The units each level's demo staff are tested against (demo staff work in the `own` one). */
const TARGET_UNITS: Record<RoleLevel, Partial<Record<Target, string>>> = {
  district: { own: '/320111/', child: '/320111/S01/', otherStreet: '/320111/S02/C004/' },
  street: {
    own: '/320111/S01/',
    child: '/320111/S01/C001/',
    parent: '/320111/',
    sibling: '/320111/S02/',
    otherStreet: '/320111/S02/C004/',
  },
  community: {
    own: '/320111/S01/C001/',
    child: '/320111/S01/C001/G01/',
    parent: '/320111/S01/',
    sibling: '/320111/S01/C002/',
    otherStreet: '/320111/S02/C004/',
  },
  grid: {
    own: '/320111/S01/C001/G01/',
    parent: '/320111/S01/C001/',
    sibling: '/320111/S01/C001/G02/',
    otherStreet: '/320111/S02/C004/G01/',
  },
  department: { own: '/320111/GAJ/', parent: '/320111/', sibling: '/320111/SFJ/', otherStreet: '/320111/S02/' },
};

/**
 * What each role may do: C create, R read, U update, D delete; `-` nothing;
 * `n/a` where its level has no such unit (a grid has no child).
 */
// prettier-ignore
const RIGHTS: Record<string, Record<Target, string>> = {
  //                         own     child  parent sibling otherStreet
  'district-sysadmin': { own: 'CRUD', child: 'R', parent: 'n/a', sibling: 'n/a', otherStreet: 'R' },
  'district-head': { own: 'CRUD', child: 'R', parent: 'n/a', sibling: 'n/a', otherStreet: 'R' },
  'district-staff': { own: 'CRUD', child: 'R', parent: 'n/a', sibling: 'n/a', otherStreet: 'R' },
  'district-leader': { own: 'R', child: 'R', parent: 'n/a', sibling: 'n/a', otherStreet: 'R' },
  'street-sysadmin': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'street-head': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'street-staff': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'street-leader': { own: 'R', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'community-sysadmin': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'community-head': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'community-staff': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'community-social_worker': { own: 'CRUD', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'community-leader': { own: 'R', child: 'R', parent: '-', sibling: '-', otherStreet: '-' },
  'grid-grid_worker': { own: 'CRUD', child: 'n/a', parent: '-', sibling: '-', otherStreet: '-' },
  'department-liaison': { own: 'CRUD', child: 'n/a', parent: '-', sibling: '-', otherStreet: '-' },
  'department-leader': { own: 'R', child: 'n/a', parent: '-', sibling: '-', otherStreet: '-' },
};

const ACTIONS = [
  ['C', 'create'],
  ['R', 'read'],
  ['U', 'update'],
  ['D', 'delete'],
] as const;

const cells = ROLES.flatMap((role) =>
  TARGETS.filter((target) => RIGHTS[role.key]![target] !== 'n/a').flatMap((target) =>
    ACTIONS.map(([letter, action]) => ({
      role: role.key,
      level: role.level,
      target,
      action,
      allowed: RIGHTS[role.key]![target]!.includes(letter),
    })),
  ),
);

let admin: Session;
let ids: Map<string, number>;
const sessions = new Map<string, Session>();
/** One standing item per target unit, for read and update. */
const fixtures = new Map<string, number>();

const record = (unit: number, title: string) => ({ unit, title, activity_type: 'meeting', occurred_on: '2026-11-20' });

async function adminCreate(path: string, title: string): Promise<number> {
  const answer = await admin.post('/items/activity_records', record(ids.get(path)!, title));
  expect(answer.status).toBe(200);
  return answer.body.data.id;
}

async function adminRead(id: number) {
  return (await admin.get(`/items/activity_records/${id}`)).body?.data ?? null;
}

beforeAll(async () => {
  admin = await loginAdmin();
  ids = await unitIds(admin);
  const paths = new Set(Object.values(TARGET_UNITS).flatMap((t) => Object.values(t)));
  for (const path of paths) fixtures.set(path, await adminCreate(path, `matrix fixture ${path}`));
  for (const role of ROLES) sessions.set(role.key, await login(DEMO_USERS.find((u) => u.roleId === role.id)!.email));
});

afterAll(async () => {
  const { body } = await admin.get('/items/activity_records?filter[title][_starts_with]=matrix&fields=id&limit=-1');
  const leftovers = body.data.map((r: { id: number }) => r.id);
  if (leftovers.length) await admin.send('DELETE', '/items/activity_records', JSON.stringify(leftovers));
});

describe('activity records under the jurisdiction rule', () => {
  it('covers every role and hundreds of cells', () => {
    expect(Object.keys(RIGHTS).sort()).toEqual(ROLES.map((r) => r.key).sort());
    expect(cells.length).toBeGreaterThanOrEqual(250);
  });

  it.each(cells)('$role $action $target → $allowed', async ({ role, level, target, action, allowed }) => {
    const user = sessions.get(role)!;
    const path = TARGET_UNITS[level][target]!;
    const fixture = fixtures.get(path)!;
    const title = `matrix ${action} by ${role} in ${target}`;

    if (action === 'read') {
      const answer = await user.get(`/items/activity_records/${fixture}`);
      expect(answer.status).toBe(allowed ? 200 : 403);
      if (allowed) expect(answer.body.data.unit_path).toBe(path);
    }

    if (action === 'create') {
      const answer = await user.post('/items/activity_records', record(ids.get(path)!, title));
      const stored = (await admin.get(`/items/activity_records?filter[title][_eq]=${encodeURIComponent(title)}&fields=id,unit_path`)).body
        .data;
      if (allowed) {
        expect(answer.status).toBe(200);
        expect(stored).toEqual([{ id: answer.body.data.id, unit_path: path }]);
        await admin.delete(`/items/activity_records/${answer.body.data.id}`);
      } else {
        expect([400, 403]).toContain(answer.status);
        expect(stored).toEqual([]);
      }
    }

    if (action === 'update') {
      const before = await adminRead(fixture);
      const answer = await user.patch(`/items/activity_records/${fixture}`, { title });
      expect(answer.status).toBe(allowed ? 200 : 403);
      expect((await adminRead(fixture)).title).toBe(allowed ? title : before.title);
      if (allowed) await admin.patch(`/items/activity_records/${fixture}`, { title: before.title });
    }

    if (action === 'delete') {
      const victim = await adminCreate(path, title);
      const answer = await user.delete(`/items/activity_records/${victim}`);
      expect(answer.status).toBe(allowed ? 204 : 403);
      expect(await adminRead(victim)).toEqual(allowed ? null : expect.objectContaining({ id: victim }));
      if (!allowed) await admin.delete(`/items/activity_records/${victim}`);
    }
  });
});

describe('units and colleagues under the same rule', () => {
  const readCells = cells.filter((c) => c.action === 'read');

  it.each(readCells)('$role reads the unit $target → $allowed', async ({ role, level, target, allowed }) => {
    const answer = await sessions.get(role)!.get(`/items/units/${ids.get(TARGET_UNITS[level][target]!)}`);
    expect(answer.status).toBe(allowed ? 200 : 403);
  });

  it.each(ROLES.map((r) => ({ role: r.key, level: r.level })))(
    '$role sees exactly the colleagues at or below its unit',
    async ({ role, level }) => {
      const own = TARGET_UNITS[level].own!;
      const answer = await sessions.get(role)!.get('/users?fields=email,unit_path&limit=-1');
      expect(answer.status).toBe(200);
      const visible = (answer.body.data as { email: string; unit_path: string }[]).filter((u) =>
        DEMO_USERS.some((d) => d.email === u.email),
      );
      const expected = DEMO_USERS.filter((d) => d.unitPath.startsWith(own)).map((d) => d.email);
      expect(visible.map((u) => u.email).sort()).toEqual(expected.sort());
      for (const u of answer.body.data) expect(u.unit_path.startsWith(own)).toBe(true);
    },
  );

  it.each(ROLES.map((r) => ({ role: r.key, level: r.level })))('$role cannot change its own unit path or unit', async ({ role, level }) => {
    const user = sessions.get(role)!;
    const me = (await user.get('/users/me?fields=id,unit,unit_path')).body.data;
    // A unit of the same level where there is one, so that only permissions can refuse it.
    const elsewhere = TARGET_UNITS[level].sibling ?? TARGET_UNITS[level].parent ?? '/320111/S02/';
    for (const change of [{ unit: ids.get(elsewhere) }, { unit_path: elsewhere }, { job: 'sysadmin' }]) {
      const answer = await user.patch('/users/me', change);
      expect([400, 403]).toContain(answer.status);
    }
    expect((await user.get('/users/me?fields=id,unit,unit_path')).body.data).toEqual(me);
  });
});
