// Demo accounts: one person for every role, in the units the tests and the
// README use. Created only in demo mode; all share DEMO_PASSWORD.

import { ROLES } from '../schema/access.ts';
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
