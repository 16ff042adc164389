// The unit tree as materialised paths: `/320111/S03/C012/G05/`.
//
// A path lists the codes from the district down to the unit, each followed by
// `/`. The trailing delimiter makes "starts with" mean "is this unit or below
// it": `/320111/S01/` is not a prefix of `/320111/S010/`. Directus compiles
// `_starts_with` to an unescaped LIKE, so codes never contain `_` or `%`, and
// they are upper case because SQLite's LIKE ignores ASCII case.

export const UNIT_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** 行政综治办, 职能部门, 成员单位 */
export const UNIT_KINDS = ['office', 'department', 'member'] as const;
/** 综治办: the office of a level, in the tree of levels (the others are functional departments and their member units). */
export const OFFICE_KIND = 'office' satisfies (typeof UNIT_KINDS)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The levels' and kinds' names: the schema's choices and the screens' words. */
export const LEVEL_LABELS: Record<UnitLevel, string> = { district: '区', street: '街道', community: '社区', grid: '网格' };

/** Where a role's holders work: a level of the office tree, or a department (schema/access.ts). */
export type RoleLevel = UnitLevel | 'department';
export const ROLE_LEVELS: readonly RoleLevel[] = [...UNIT_LEVELS, 'department'];
export const ROLE_LEVEL_LABELS: Record<RoleLevel, string> = { ...LEVEL_LABELS, department: '部门' };
export const KIND_LABELS: Record<UnitKind, string> = { office: '综治办', department: '职能部门', member: '成员单位' };

/** 岗位: what a user does at their unit; a role is a level and a job (schema/access.ts). */
export const JOBS = ['sysadmin', 'head', 'staff', 'social_worker', 'grid_worker', 'leader', 'liaison'] as const;
export type Job = (typeof JOBS)[number];
export const JOB_LABELS: Record<Job, string> = {
  sysadmin: '系统管理员',
  head: '综治办主任',
  staff: '专职人员',
  social_worker: '综治社工',
  grid_worker: '网格员',
  leader: '领导',
  liaison: '部门联络员',
};

export const UNIT_CODE_PATTERN = /^[A-Z0-9]{1,20}$/;

/** Why a unit code is not acceptable, or null when it is. */
export function unitCodeProblem(code: unknown): string | null {
  if (typeof code !== 'string' || code === '') return '单位编码不能为空';
  if (/[_%]/.test(code)) return `单位编码“${code}”不能含有“_”或“%”`;
  if (!UNIT_CODE_PATTERN.test(code)) return `单位编码“${code}”只能由大写字母和数字组成，最长20位`;
  return null;
}

/**
 * Why a code is taken because of the districts' codes (`holders`: the units that have it already), or null. No unit below a district
 * repeats a district's code, and a new district takes no code a unit already has: a
 * district's code then only ever stands at the start of a path, so that a path found inside
 * a text of paths (a matter's participant paths) is found at the start of one of them.
 */
export function rootCodeProblem(code: string, isRoot: boolean, holders: readonly { root: boolean }[]): string | null {
  if (!isRoot && holders.some((u) => u.root)) return `单位编码“${code}”与区级单位的编码相同，下级单位不能使用`;
  if (isRoot && holders.some((u) => !u.root)) return `单位编码“${code}”已被下级单位使用，区级单位不能使用`;
  return null;
}

export function childPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export interface Placement {
  level: UnitLevel;
  kind: UnitKind;
}

/**
 * Why a unit of this level and kind cannot sit under that parent, or null.
 * Offices form the four-level tree; departments and member units belong to the
 * district or a street and take its level.
 */
export function placementProblem(unit: Placement, parent: Placement | null): string | null {
  if (unit.kind === 'office') {
    if (parent === null) return unit.level === 'district' ? null : '只有区级单位可以没有上级单位';
    if (parent.kind !== 'office') return '综治办只能隶属于上一级综治办';
    const expected = UNIT_LEVELS[UNIT_LEVELS.indexOf(parent.level) + 1];
    return unit.level === expected ? null : `${levelName(parent.level)}的下级单位应为${expected ? levelName(expected) : '（无）'}级`;
  }
  if (parent === null || parent.kind !== 'office' || !['district', 'street'].includes(parent.level)) {
    return '职能部门和成员单位只能隶属于区或街道综治办';
  }
  return unit.level === parent.level ? null : `职能部门和成员单位的层级应与上级单位相同（${levelName(parent.level)}）`;
}

export function levelName(level: UnitLevel): string {
  return LEVEL_LABELS[level];
}

export interface TreeUnit extends Placement {
  code: string;
  path: string;
}

/** Why `unit` cannot move under `newParent` (null: to the top), or null when it can. */
export function moveProblem(unit: TreeUnit, newParent: TreeUnit | null): string | null {
  if (newParent && isWithin(newParent.path, unit.path)) return '不能把单位迁移到它自己或它的下级单位之下';
  return placementProblem(unit, newParent);
}
