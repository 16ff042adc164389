import { describe, expect, it } from 'vitest';
import { childPath, isWithin, moveProblem, placementProblem, rootCodeProblem, unitCodeProblem } from './unit-path.ts';

describe('unit codes', () => {
  it.each(['320111', 'S03', 'C012', 'G05', 'GAJ'])('accepts %s', (code) => expect(unitCodeProblem(code)).toBeNull());
  it.each([
    ['', '不能为空'],
    [null, '不能为空'],
    ['C_1', '不能含有“_”或“%”'],
    ['C%', '不能含有“_”或“%”'],
    ['c012', '大写字母和数字'],
    ['C 12', '大写字母和数字'],
    ['C/12', '大写字母和数字'],
    ['A'.repeat(21), '最长20位'],
  ])('refuses %j', (code, message) => expect(unitCodeProblem(code)).toContain(message));
});

describe("the districts' codes", () => {
  it('are not repeated below a district, nor taken by a new district from a unit', () => {
    const district = [{ root: true }];
    const street = [{ root: false }];
    expect(rootCodeProblem('320111', false, district)).toBe('单位编码“320111”与区级单位的编码相同，下级单位不能使用');
    expect(rootCodeProblem('S01', true, street)).toBe('单位编码“S01”已被下级单位使用，区级单位不能使用');
    expect(rootCodeProblem('S01', false, street)).toBeNull();
    expect(rootCodeProblem('320113', true, [])).toBeNull();
  });
});

describe('paths', () => {
  it('appends the code and a trailing delimiter', () => {
    expect(childPath(null, '320111')).toBe('/320111/');
    expect(childPath('/320111/S03/C012/', 'G05')).toBe('/320111/S03/C012/G05/');
  });

  it('treats a unit as within itself and its ancestors only', () => {
    expect(isWithin('/320111/S01/C001/', '/320111/S01/')).toBe(true);
    expect(isWithin('/320111/S01/', '/320111/S01/')).toBe(true);
    expect(isWithin('/320111/S010/', '/320111/S01/')).toBe(false);
    expect(isWithin('/320111/', '/320111/S01/')).toBe(false);
  });
});

describe('placement in the tree', () => {
  const office = (level: 'district' | 'street' | 'community' | 'grid') => ({ level, kind: 'office' as const });
  it.each([
    [office('district'), null],
    [office('street'), office('district')],
    [office('community'), office('street')],
    [office('grid'), office('community')],
    [{ level: 'district', kind: 'department' }, office('district')],
    [{ level: 'street', kind: 'member' }, office('street')],
  ] as const)('allows %j under %j', (unit, parent) => expect(placementProblem(unit, parent)).toBeNull());

  it.each([
    [office('street'), null, '只有区级单位'],
    [office('grid'), office('street'), '街道的下级单位应为社区级'],
    [office('community'), office('community'), '社区的下级单位应为网格级'],
    [office('street'), office('grid'), '网格的下级单位应为（无）级'],
    [office('grid'), { level: 'district', kind: 'department' }, '综治办只能隶属于上一级综治办'],
    [{ level: 'community', kind: 'department' }, office('community'), '只能隶属于区或街道综治办'],
    [{ level: 'street', kind: 'department' }, office('district'), '层级应与上级单位相同（区）'],
  ] as const)('refuses %j under %j', (unit, parent, message) => expect(placementProblem(unit, parent)).toContain(message));

  it('refuses a move under the unit itself or below it', () => {
    const street = { code: 'S01', path: '/320111/S01/', ...office('street') };
    expect(moveProblem(street, { code: 'S01', path: '/320111/S01/', ...office('street') })).toContain('不能把单位迁移');
    expect(moveProblem(street, { code: 'C001', path: '/320111/S01/C001/', ...office('community') })).toContain('不能把单位迁移');
    expect(moveProblem(street, { code: '320111', path: '/320111/', ...office('district') })).toBeNull();
  });
});
