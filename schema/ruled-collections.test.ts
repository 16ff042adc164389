// The rules for collections administrators make: presets in words to rights, and the
// refusals a rule meets before it is stored.

import { describe, expect, it } from 'vitest';
import { MY_UNIT, MY_UNIT_PATH } from './jurisdiction.ts';
import { ENTRY_PRESETS, type ModelView, ruledFields, ruleProblem, rulePolicies, ruleState } from './ruled-collections.ts';

const byKey = (rules: Parameters<typeof rulePolicies>[0]) => new Map(rulePolicies(rules).map((p) => [p.key, p.permissions]));

describe('rulePolicies', () => {
  it('declares the read policy and one entry policy per level, empty without rules', () => {
    const policies = rulePolicies([]);
    expect(policies.map((p) => p.key)).toEqual([
      'ruled-read',
      'ruled-enter-district',
      'ruled-enter-street',
      'ruled-enter-community',
      'ruled-enter-grid',
      'ruled-enter-department',
    ]);
    for (const p of policies) expect(p.permissions).toEqual([]);
    expect(new Set(policies.map((p) => p.id)).size).toBe(policies.length);
  });

  it('lets every level read within its jurisdiction and only the preset levels handle their own unit', () => {
    const policies = byKey([{ collection: 'fire_hydrants', entry: 'community_and_grid' }]);
    expect(policies.get('ruled-read')).toEqual([
      { collection: 'fire_hydrants', action: 'read', fields: ['*'], permissions: { unit_path: { _starts_with: MY_UNIT_PATH } } },
    ]);
    for (const level of ['district', 'street', 'department']) expect(policies.get(`ruled-enter-${level}`)).toEqual([]);
    for (const level of ['community', 'grid']) {
      const rights = policies.get(`ruled-enter-${level}`)!;
      expect(rights.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
      expect(rights[0]).toMatchObject({
        presets: { unit: MY_UNIT, unit_path: MY_UNIT_PATH },
        validation: { unit_path: { _eq: MY_UNIT_PATH } },
      });
      expect(rights[1]).toMatchObject({ permissions: { unit_path: { _eq: MY_UNIT_PATH } } });
    }
  });

  it.each(Object.entries(ENTRY_PRESETS))('%s gives entry to exactly its levels', (entry, preset) => {
    const policies = byKey([{ collection: 'x_items', entry: entry as keyof typeof ENTRY_PRESETS }]);
    const entering = ['district', 'street', 'community', 'grid', 'department'].filter((l) => policies.get(`ruled-enter-${l}`)!.length);
    expect(entering).toEqual([...preset.levels]);
  });

  it('is the same whatever order the rules come in', () => {
    const a = { collection: 'a_items', entry: 'every_level' } as const;
    const b = { collection: 'b_items', entry: 'grid_only' } as const;
    expect(rulePolicies([b, a])).toEqual(rulePolicies([a, b]));
  });
});

describe('ruledFields', () => {
  it('are the jurisdiction fields with a unit the database may leave empty', () => {
    const [unit, path] = ruledFields();
    expect(unit).toMatchObject({ field: 'unit', schema: { is_nullable: true }, meta: { required: true, special: ['m2o'] } });
    expect(path).toMatchObject({ field: 'unit_path', meta: { readonly: true, hidden: true } });
  });
});

describe('ruleProblem', () => {
  const model: ModelView = {
    collections: {
      fire_hydrants: { fields: { id: { type: 'integer' }, name: { type: 'string' } } },
      with_unit: { fields: { id: { type: 'integer' }, unit: { type: 'integer' } } },
      wrong_unit: { fields: { id: { type: 'integer' }, unit: { type: 'string' } } },
      other_unit: { fields: { id: { type: 'integer' }, unit: { type: 'integer' } } },
      wrong_path: { fields: { id: { type: 'integer' }, unit_path: { type: 'integer' } } },
      people: { fields: { id: { type: 'integer' } } },
      a_folder: { fields: {} },
    },
    relatedCollection: (c) => ({ with_unit: 'units', other_unit: 'people' })[c],
    declared: new Set(['people']),
  };
  it.each([
    [{ collection: 'fire_hydrants', entry: 'every_level' }, null],
    [{ collection: 'with_unit', entry: 'grid_only' }, null],
    [{ collection: 'fire_hydrants' }, '请选择录入层级'],
    [{ collection: 'fire_hydrants', entry: 'all' }, '请选择录入层级'],
    [{ collection: 'fire_hydrants', entry: '__proto__' }, '请选择录入层级'],
    [{ collection: 'fire_hydrants', entry: { $gt: '' } }, '请选择录入层级'],
    [{ entry: 'every_level' }, '请选择要纳入辖区规则的数据集'],
    [{ collection: 42, entry: 'every_level' }, '请选择要纳入辖区规则的数据集'],
    [{ collection: 'Fire Hydrants', entry: 'every_level' }, '只能由小写字母开头'],
    [{ collection: 'x'.repeat(65), entry: 'every_level' }, '至多 64 个字符'],
    [{ collection: 'directus_users', entry: 'every_level' }, '系统自带'],
    [{ collection: 'people', entry: 'every_level' }, '系统自带'],
    [{ collection: 'jurisdiction_rules', entry: 'every_level' }, '系统自带'],
    [{ collection: 'nothing_here', entry: 'every_level' }, '不存在'],
    [{ collection: 'a_folder', entry: 'every_level' }, '文件夹'],
    [{ collection: 'wrong_unit', entry: 'every_level' }, '不是关联到“单位”的多对一字段'],
    [{ collection: 'other_unit', entry: 'every_level' }, '不是关联到“单位”的多对一字段'],
    [{ collection: 'wrong_path', entry: 'every_level' }, '不是文本字段'],
  ])('%j → %s', (rule, expected) => {
    const problem = ruleProblem(rule, model);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toContain(expected);
  });
});

describe('ruleState', () => {
  it('says whether a rule took effect, in words', () => {
    expect(ruleState({ collection: 'a', entry: 'grid_only' }, true)).toBe('已生效：网格录入、上级只读');
    expect(ruleState({ collection: 'a', entry: 'grid_only' }, false)).toBe('未生效：数据集已删除');
  });
});
