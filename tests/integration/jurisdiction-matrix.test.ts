// The jurisdiction rule (R2, 管理办法第九条) as a table (tests/jurisdiction-table.ts)
// on activity records: for every role, for each of create, read, update and delete,
// against an item of its own unit, of a child unit, of its parent, of a sibling and
// of another street; then units and colleagues under the same rule.
// "上级用户可以调阅查看下级数据信息，但不得修改。本级用户只负责本辖区的数据信息，
//  不可调阅查看、修改其它辖区数据信息。"

import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../schema/access.ts';
import { cellsOf, jurisdictionTable, RIGHTS, TARGET_UNITS } from '../jurisdiction-table.ts';
import { DEMO_USERS } from '../../seed/demo-users.ts';
import { login, loginAdmin, unitIds, type Session } from '../http.ts';

let ids: Map<string, number>;
const sessions = new Map<string, Session>();

beforeAll(async () => {
  ids = await unitIds(await loginAdmin());
  for (const role of ROLES) sessions.set(role.key, await login(DEMO_USERS.find((u) => u.roleId === role.id)!.email));
});

describe('activity records under the jurisdiction rule', () => {
  jurisdictionTable(
    () => ({
      collection: 'activity_records',
      titleField: 'title',
      record: (unit, title) => ({ unit, title, activity_type: 'meeting', occurred_on: '2026-11-20' }),
    }),
    RIGHTS,
  );
});

describe('units and colleagues under the same rule', () => {
  const readCells = cellsOf(RIGHTS).filter((c) => c.action === 'read');

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
