// The jurisdiction rule (R2, 管理办法第九条) as a table, for any collection under it:
// for every role, for each of create, read, update and delete, against an item of its
// own unit, of a child unit, of its parent, of a sibling and of another street. Run on
// a built-in collection (tests/integration/jurisdiction-matrix.test.ts) and on one an
// administrator put under the rule in Studio (tests/integration/ruled-collections.test.ts).
// "上级用户可以调阅查看下级数据信息，但不得修改。本级用户只负责本辖区的数据信息，
//  不可调阅查看、修改其它辖区数据信息。"

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type RoleLevel } from '../schema/access.ts';
import { DEMO_USERS } from '../seed/demo-users.ts';
import { login, loginAdmin, unitIds, type Session } from './http.ts';

export type Target = 'own' | 'child' | 'parent' | 'sibling' | 'otherStreet';
const TARGETS: Target[] = ['own', 'child', 'parent', 'sibling', 'otherStreet'];

/** The units each level's demo staff are tested against (demo staff work in the `own` one). */
export const TARGET_UNITS: Record<RoleLevel, Partial<Record<Target, string>>> = {
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
 * What each role may do where every level enters its own unit's data: C create, R read, U update,
 * D delete; `-` nothing; `n/a` where its level has no such unit (a grid has no child).
 */
// prettier-ignore
export const RIGHTS: Record<string, Record<Target, string>> = {
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

/** The table where only `entering` levels enter data: the others read their own unit's too, as superiors read. */
export function rightsWhereEntering(entering: readonly string[]): Record<string, Record<Target, string>> {
  return Object.fromEntries(
    Object.entries(RIGHTS).map(([role, row]) => {
      const level = ROLES.find((r) => r.key === role)!.level;
      return [role, entering.includes(level) ? row : { ...row, own: row.own === 'CRUD' ? 'R' : row.own }];
    }),
  );
}

const ACTIONS = [
  ['C', 'create'],
  ['R', 'read'],
  ['U', 'update'],
  ['D', 'delete'],
] as const;

export interface TableSubject {
  collection: string;
  /** A new item of the unit, recognisable by its title. */
  record: (unit: number, title: string) => Record<string, unknown>;
  /** The field holding the title (changed by the update cell). */
  titleField: string;
}

export function cellsOf(rights: Record<string, Record<Target, string>>) {
  return ROLES.flatMap((role) =>
    TARGETS.filter((target) => rights[role.key]![target] !== 'n/a').flatMap((target) =>
      ACTIONS.map(([letter, action]) => ({
        role: role.key,
        level: role.level,
        target,
        action,
        allowed: rights[role.key]![target]!.includes(letter),
      })),
    ),
  );
}

/**
 * Declares the table's tests for a collection: one standing item per target unit for read and
 * update, one made and removed per create and delete cell. `subject` is asked once the file's own
 * set-up has run (a collection a test makes first).
 */
export function jurisdictionTable(subject: () => TableSubject, rights: Record<string, Record<Target, string>>): void {
  const cells = cellsOf(rights);
  let admin: Session;
  let ids: Map<string, number>;
  const sessions = new Map<string, Session>();
  const fixtures = new Map<string, number>();
  const items = () => `/items/${subject().collection}`;
  const titled = (title: string) => `${items()}?filter[${subject().titleField}][_eq]=${encodeURIComponent(title)}&fields=id,unit_path`;

  async function adminCreate(path: string, title: string): Promise<number> {
    const answer = await admin.post(items(), subject().record(ids.get(path)!, title));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.data.id;
  }
  const adminRead = async (id: number) => (await admin.get(`${items()}/${id}`)).body?.data ?? null;

  beforeAll(async () => {
    admin = await loginAdmin();
    ids = await unitIds(admin);
    const paths = new Set(Object.values(TARGET_UNITS).flatMap((t) => Object.values(t)));
    for (const path of paths) fixtures.set(path, await adminCreate(path, `matrix fixture ${path}`));
    for (const role of ROLES) sessions.set(role.key, await login(DEMO_USERS.find((u) => u.roleId === role.id)!.email));
  });

  afterAll(async () => {
    const { body } = await admin.get(`${items()}?filter[${subject().titleField}][_starts_with]=matrix&fields=id&limit=-1`);
    const leftovers = (body?.data ?? []).map((r: { id: number }) => r.id);
    if (leftovers.length) await admin.send('DELETE', items(), JSON.stringify(leftovers));
  });

  it('covers every role and hundreds of cells', () => {
    expect(Object.keys(rights).sort()).toEqual(ROLES.map((r) => r.key).sort());
    expect(cells.length).toBeGreaterThanOrEqual(250);
  });

  it.each(cells)('$role $action $target → $allowed', async ({ role, level, target, action, allowed }) => {
    const user = sessions.get(role)!;
    const path = TARGET_UNITS[level][target]!;
    const fixture = fixtures.get(path)!;
    const title = `matrix ${action} by ${role} in ${target}`;
    const { titleField } = subject();

    if (action === 'read') {
      const answer = await user.get(`${items()}/${fixture}`);
      expect(answer.status).toBe(allowed ? 200 : 403);
      if (allowed) expect(answer.body.data.unit_path).toBe(path);
    }

    if (action === 'create') {
      const answer = await user.post(items(), subject().record(ids.get(path)!, title));
      const stored = (await admin.get(titled(title))).body.data;
      if (allowed) {
        expect(answer.status).toBe(200);
        expect(stored).toEqual([{ id: answer.body.data.id, unit_path: path }]);
        await admin.delete(`${items()}/${answer.body.data.id}`);
      } else {
        expect([400, 403]).toContain(answer.status);
        expect(stored).toEqual([]);
      }
    }

    if (action === 'update') {
      const before = await adminRead(fixture);
      const answer = await user.patch(`${items()}/${fixture}`, { [titleField]: title });
      expect(answer.status).toBe(allowed ? 200 : 403);
      expect((await adminRead(fixture))[titleField]).toBe(allowed ? title : before[titleField]);
      if (allowed) await admin.patch(`${items()}/${fixture}`, { [titleField]: before[titleField] });
    }

    if (action === 'delete') {
      const victim = await adminCreate(path, title);
      const answer = await user.delete(`${items()}/${victim}`);
      expect(answer.status).toBe(allowed ? 204 : 403);
      expect(await adminRead(victim)).toEqual(allowed ? null : expect.objectContaining({ id: victim }));
      if (!allowed) await admin.delete(`${items()}/${victim}`);
    }
  });
}

/** Users the leak checks count as, each with the unit whose subtree is theirs. */
export const LEAK_USERS = [
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

/**
 * Nothing of another jurisdiction is countable in a collection either: counts, aggregates,
 * groupings, searches and explicit filters answer only for the user's own jurisdiction, exactly as
 * the administrator's answer restricted to it. Items titled `leak probe …` are spread over the tree
 * first and removed afterwards. Declares a `describe` per user; `more` adds checks of its own.
 */
export function leakChecks(subject: () => TableSubject, more?: (user: () => Session, own: string) => void): void {
  let admin: Session;
  const created: number[] = [];
  const items = () => `/items/${subject().collection}`;

  beforeAll(async () => {
    admin = await loginAdmin();
    const ids = await unitIds(admin);
    for (const [i, path] of SPREAD.entries())
      for (let n = 0; n <= i % 3; n++) {
        const answer = await admin.post(items(), subject().record(ids.get(path)!, `leak probe ${n}`));
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        created.push(answer.body.data.id);
      }
  });

  afterAll(async () => {
    if (created.length) await admin.send('DELETE', items(), JSON.stringify(created));
  });

  /** What the administrator counts within a path: the expected answer. */
  async function adminCount(own: string, extra = ''): Promise<number> {
    const answer = await admin.get(`${items()}?aggregate[count]=*&filter[unit_path][_starts_with]=${encodeURIComponent(own)}${extra}`);
    return Number(answer.body.data[0].count);
  }

  describe.each(LEAK_USERS)('$email', ({ email, own }) => {
    let user: Session;
    beforeAll(async () => {
      user = await login(email);
    });

    it('counts only its jurisdiction with aggregate count', async () => {
      const answer = await user.get(`${items()}?aggregate[count]=*`);
      expect(answer.status).toBe(200);
      expect(Number(answer.body.data[0].count)).toBe(await adminCount(own));
    });

    it('gets filter_count and total_count of its jurisdiction only', async () => {
      const answer = await user.get(`${items()}?meta=filter_count,total_count&limit=1`);
      const expected = await adminCount(own);
      expect(answer.body.meta).toEqual({ filter_count: expected, total_count: expected });
    });

    it('groups only its own units', async () => {
      const answer = await user.get(`${items()}?aggregate[count]=id&groupBy[]=unit_path&limit=-1`);
      expect(answer.status).toBe(200);
      expect(answer.body.data.length).toBeGreaterThan(0);
      for (const group of answer.body.data) expect(group.unit_path.startsWith(own)).toBe(true);
    });

    it('finds nothing of other jurisdictions by filtering for them', async () => {
      const answer = await user.get(`${items()}?filter[unit_path][_starts_with]=/320111/S02/&meta=filter_count`);
      expect(answer.body.data).toEqual([]);
      expect(answer.body.meta.filter_count).toBe(0);
    });

    it('finds only its own by search and by aggregates over other fields', async () => {
      const search = await user.get(`${items()}?search=leak&fields=unit_path&limit=-1`);
      const expected = await adminCount(own, `&filter[${subject().titleField}][_starts_with]=leak`);
      expect(search.body.data.length).toBe(expected);
      const distinct = await user.get(`${items()}?aggregate[countDistinct]=unit_path`);
      const mine = await admin.get(
        `${items()}?aggregate[countDistinct]=unit_path&filter[unit_path][_starts_with]=${encodeURIComponent(own)}`,
      );
      expect(distinct.body.data).toEqual(mine.body.data);
    });

    more?.(() => user, own);
  });
}
