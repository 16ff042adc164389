// Collections an administrator makes in Studio and puts under the jurisdiction rule
// (辖区规则, R2) without code: a row of `jurisdiction_rules` names the collection and
// who enters its data, chosen from presets in words. The collection then gets what a
// built-in collection under the rule has, from the same definitions
// (schema/jurisdiction.ts): the `unit` relation and the derived `unit_path`, the
// path's index, reading within one's jurisdiction and handling one's own unit.
//
// The rights sit in policies of their own (自建数据查阅, 自建数据录入（…）), attached to
// the roles by code like every other policy; only their permission rows follow the
// rules. Schema apply and the rules hook (extensions/jurisdiction/src/rules.ts) both
// compute those rows with `rulePolicies`, so neither undoes the other. Deleting a rule
// takes its rights off and keeps the collection, its fields and its data.

import { ROLE_LEVEL_LABELS, ROLE_LEVELS, type RoleLevel } from '../extensions/kernel/unit-path.ts';
import { stableId } from './ids.ts';
import { handleOwnUnit, jurisdictionFields, jurisdictionRelation, PATH_FIELD, readWithin, UNIT_FIELD } from './jurisdiction.ts';
import type { FieldSpec, PermissionSpec, PolicySpec, RelationSpec } from './types.ts';

/** The collection holding the rules (one row per collection, keyed by its name). */
export const RULES_COLLECTION = 'jurisdiction_rules';

/** Who enters a ruled collection's data, in the words the administrator chooses from; every level reads within its jurisdiction. */
export const ENTRY_PRESETS = {
  every_level: {
    zh: '各级录入本级、上级只读',
    en: 'Every level enters its own, superiors read',
    levels: ['district', 'street', 'community', 'grid', 'department'],
  },
  street_and_below: {
    zh: '街道及以下录入、区只读',
    en: 'Streets and below enter, the district reads',
    levels: ['street', 'community', 'grid'],
  },
  community_and_grid: { zh: '社区和网格录入、上级只读', en: 'Communities and grids enter, superiors read', levels: ['community', 'grid'] },
  grid_only: { zh: '网格录入、上级只读', en: 'Grids enter, superiors read', levels: ['grid'] },
} as const satisfies Record<string, { zh: string; en: string; levels: readonly RoleLevel[] }>;

export type EntryPreset = keyof typeof ENTRY_PRESETS;

export const isEntryPreset = (value: unknown): value is EntryPreset => typeof value === 'string' && Object.hasOwn(ENTRY_PRESETS, value);

export interface JurisdictionRule {
  collection: string;
  entry: EntryPreset;
}

export const RULED_READ_POLICY = 'ruled-read';
export const ruledEntryPolicy = (level: RoleLevel) => `ruled-enter-${level}`;

/** The rules' policies, their permissions computed from the rules (none: the policies as code declares them). */
export function rulePolicies(rules: readonly JurisdictionRule[]): PolicySpec[] {
  const policy = (key: string, name: string, icon: string, description: string, permissions: PermissionSpec[]): PolicySpec => ({
    id: stableId(`policy:${key}`),
    key,
    name,
    icon,
    description,
    app_access: true,
    admin_access: false,
    permissions,
  });
  const sorted = [...rules].sort((a, b) => a.collection.localeCompare(b.collection));
  return [
    policy(
      RULED_READ_POLICY,
      '自建数据查阅',
      'visibility',
      '查阅管理员在数据模型中新建、纳入辖区规则的数据集中本单位及下级单位的数据（系统管理 → 辖区规则）',
      sorted.map((r) => readWithin(r.collection)),
    ),
    ...ROLE_LEVELS.map((level) =>
      policy(
        ruledEntryPolicy(level),
        `自建数据录入（${ROLE_LEVEL_LABELS[level]}）`,
        'edit_note',
        `${ROLE_LEVEL_LABELS[level]}在辖区规则允许本级录入的自建数据集中新增、修改、删除本单位的数据`,
        sorted
          .filter((r) => (ENTRY_PRESETS[r.entry].levels as readonly string[]).includes(level))
          .flatMap((r) => handleOwnUnit(r.collection)),
      ),
    ),
  ];
}

/**
 * The fields a ruled collection gets: those of every collection under the rule, except that the
 * unit may be empty in the database (rows stored before the rule have none; such a row is seen by
 * no one below the administrator until a unit is chosen). Studio still asks for it.
 */
export function ruledFields(): FieldSpec[] {
  return jurisdictionFields().map((f) => (f.field === UNIT_FIELD ? { ...f, schema: { ...f.schema, is_nullable: true } } : f));
}

export const ruledRelation = (collection: string): RelationSpec => jurisdictionRelation(collection);

const PLAIN_NAME = /^[a-z][a-z0-9_]{0,63}$/;

/** What the rules hook knows of the data model when it checks a rule. */
export interface ModelView {
  /** Collections with their fields' types; a folder has no fields. */
  collections: Record<string, { fields: Record<string, { type: string }> } | undefined>;
  /** Many-to-one relations: collection.field → related collection. */
  relatedCollection: (collection: string, field: string) => string | null | undefined;
  /** Collections code declares (each already under its own rules) and the folders. */
  declared: ReadonlySet<string>;
}

/** Why a rule cannot be made or changed (Chinese, for Studio), or null. */
export function ruleProblem(rule: { collection?: unknown; entry?: unknown }, model: ModelView): string | null {
  const presets = Object.values(ENTRY_PRESETS)
    .map((p) => p.zh)
    .join('、');
  if (!isEntryPreset(rule.entry)) return `请选择录入层级（${presets}）`;
  const name = rule.collection;
  if (typeof name !== 'string' || !name) return '请选择要纳入辖区规则的数据集';
  if (!PLAIN_NAME.test(name)) return `数据集名称“${name.slice(0, 64)}”只能由小写字母开头，含小写字母、数字和下划线（至多 64 个字符）`;
  if (name.startsWith('directus_') || model.declared.has(name) || name === RULES_COLLECTION)
    return `“${name}”是系统自带的数据集，已有自己的权限规则，不能在此设置`;
  const collection = model.collections[name];
  if (!collection) return `数据集“${name}”不存在，请先在“设置 → 数据模型”中新建`;
  if (!Object.keys(collection.fields).length) return `“${name}”是文件夹，不是数据集`;
  const unit = collection.fields[UNIT_FIELD];
  if (unit) {
    const related = model.relatedCollection(name, UNIT_FIELD);
    if (related !== 'units' || unit.type !== 'integer')
      return `数据集“${name}”已有字段“${UNIT_FIELD}”，但它不是关联到“单位”的多对一字段；请删除或改名后再设置（系统会自动添加所属单位）`;
  }
  const path = collection.fields[PATH_FIELD];
  if (path && path.type !== 'string') return `数据集“${name}”已有字段“${PATH_FIELD}”，但不是文本字段；请删除或改名后再设置`;
  return null;
}

/** What a rule's state field says once the rules are applied. */
export function ruleState(rule: { collection: string; entry: unknown }, exists: boolean): string {
  if (!exists) return '未生效：数据集已删除';
  return isEntryPreset(rule.entry) ? `已生效：${ENTRY_PRESETS[rule.entry].zh}` : '未生效：录入层级无效';
}
