// Demo accounts: one person for every role, in the units the tests and the
// README use. Created only in demo mode; all share DEMO_PASSWORD.

import { ROLES } from '../schema/access.ts';
import { flattenUnits, PUKOU } from './pukou.ts';
export { DEMO_PASSWORD } from '../directus.config.ts';

/** Where each level's demo staff work. */
export const DEMO_UNIT_PATHS: Record<string, string> = {
  district: '/320111/',
  street: '/320111/S01/',
  community: '/320111/S01/C001/',
  grid: '/320111/S01/C001/G01/',
  department: '/320111/GAJ/',
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高';
const GIVEN = ['建国', '秀英', '志强', '丽娟', '海涛', '春梅', '明华', '晓燕', '国平', '玉兰', '伟', '静', '磊', '敏', '军', '芳'];

export interface DemoUser {
  email: string;
  first_name: string;
  last_name: string;
  roleId: string;
  roleName: string;
  unitPath: string;
}

export const DEMO_USERS: DemoUser[] = ROLES.map((role, i) => ({
  email: `${role.key.replace('_', '')}@pukou.gov.cn`,
  last_name: SURNAMES[i % SURNAMES.length]!,
  first_name: GIVEN[i % GIVEN.length]!,
  roleId: role.id,
  roleName: role.name,
  unitPath: DEMO_UNIT_PATHS[role.level]!,
}));

const roleOf = (key: string) => ROLES.find((r) => r.key === key)!;

/**
 * The rest of the demo district's staff, so that every street and every
 * community works: a street staff member in each other street, and in every
 * community but the first a community staff member and the grid worker of its
 * first grid. E-mail: the role's key, a dot, the unit's code (street-staff.s02@…,
 * grid-gridworker.c004g01@…).
 */
export const DISTRICT_DEMO_USERS: DemoUser[] = flattenUnits(PUKOU)
  .filter(
    (u) => u.kind === 'office' && (u.level === 'street' || u.level === 'community') && !Object.values(DEMO_UNIT_PATHS).includes(u.path),
  )
  .flatMap((unit) => {
    const firstGrid = `${unit.path}G01/`;
    return unit.level === 'street'
      ? [{ key: 'street-staff', path: unit.path, code: unit.code }]
      : [
          { key: 'community-staff', path: unit.path, code: unit.code },
          { key: 'grid-grid_worker', path: firstGrid, code: `${unit.code}g01` },
        ];
  })
  .map(({ key, path, code }, i) => {
    const role = roleOf(key);
    return {
      email: `${key.replace('_', '')}.${code.toLowerCase()}@pukou.gov.cn`,
      last_name: SURNAMES[(i * 7 + 3) % SURNAMES.length]!,
      first_name: GIVEN[(i * 5 + 1) % GIVEN.length]!,
      roleId: role.id,
      roleName: role.name,
      unitPath: path,
    };
  });

/** Every demo account: one per role, then the district's other offices. */
export const ALL_DEMO_USERS: DemoUser[] = [...DEMO_USERS, ...DISTRICT_DEMO_USERS];
