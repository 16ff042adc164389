import { ROLES } from '../schema/access.ts';
import { describe, expect, it } from 'vitest';
import { placementProblem, unitCodeProblem } from '../extensions/kernel/unit-path.ts';
import { ALL_DEMO_USERS, DEMO_UNIT_PATHS, DEMO_USERS } from './demo-users.ts';
import { flattenUnits, PUKOU } from './pukou.ts';

const units = flattenUnits(PUKOU);
const byPath = new Map(units.map((u) => [u.path, u]));

describe('the Pukou tree', () => {
  it('has the district, its nine streets and seven departments', () => {
    expect(units[0]).toMatchObject({ path: '/320111/', name: '浦口区' });
    expect(units.filter((u) => u.level === 'street').map((u) => u.name)).toEqual([
      '江浦街道',
      '顶山街道',
      '泰山街道',
      '沿江街道',
      '盘城街道',
      '永宁街道',
      '汤泉街道',
      '星甸街道',
      '桥林街道',
    ]);
    expect(units.filter((u) => u.kind === 'department')).toHaveLength(7);
  });

  it('uses valid codes, unique paths and correct placements', () => {
    expect(byPath.size).toBe(units.length);
    for (const u of units) {
      expect(unitCodeProblem(u.code)).toBeNull();
      const parent = u.parentPath ? byPath.get(u.parentPath)! : null;
      expect(placementProblem(u, parent)).toBeNull();
    }
  });

  it('places every demo user in a unit of its role level', () => {
    for (const user of DEMO_USERS) expect(byPath.has(user.unitPath)).toBe(true);
    expect(byPath.get(DEMO_UNIT_PATHS.grid!)!.level).toBe('grid');
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(DEMO_USERS.length);
  });

  it('gives every street and every community demo staff of its level, with unique e-mails', () => {
    for (const user of ALL_DEMO_USERS) {
      const unit = byPath.get(user.unitPath)!;
      expect(unit, user.email).toBeDefined();
      expect(ROLES.find((r) => r.id === user.roleId)!.level).toBe(unit.kind === 'department' ? 'department' : unit.level);
    }
    const staffed = new Set(ALL_DEMO_USERS.map((u) => u.unitPath));
    const offices = [...byPath.values()].filter((u) => u.kind === 'office' && (u.level === 'street' || u.level === 'community'));
    expect(offices.filter((u) => !staffed.has(u.path)).map((u) => u.path)).toEqual([]);
    expect(new Set(ALL_DEMO_USERS.map((u) => u.email)).size).toBe(ALL_DEMO_USERS.length);
    expect(ALL_DEMO_USERS.every((u) => /^[a-z0-9.-]+@pukou\.gov\.cn$/.test(u.email))).toBe(true);
  });
});
