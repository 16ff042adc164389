import { describe, expect, it } from 'vitest';
import { blockingReferences, deleteRefusal, type RelationInfo } from './delete-rule.ts';

const relations: RelationInfo[] = [
  { collection: 'units', field: 'parent', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
  { collection: 'directus_users', field: 'unit', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
  { collection: 'matters', field: 'grid', related_collection: 'units', schema: { on_delete: 'SET NULL' } },
  { collection: 'notes', field: 'unit', related_collection: 'units', schema: { on_delete: 'CASCADE' } },
  { collection: 'steps', field: 'unit', related_collection: 'units', schema: { on_delete: null } },
  { collection: 'aliases', field: 'unit', related_collection: 'units', schema: null },
  { collection: 'matters', field: 'category', related_collection: 'matter_categories', schema: { on_delete: 'RESTRICT' } },
];

describe('blockingReferences', () => {
  it('keeps the foreign keys that neither clear nor delete the referring rows, in a fixed order', () => {
    expect(blockingReferences(relations, 'units').map((r) => `${r.collection}.${r.field}`)).toEqual([
      'directus_users.unit',
      'steps.unit',
      'units.parent',
    ]);
    expect(blockingReferences(relations, 'matter_categories')).toHaveLength(1);
    expect(blockingReferences(relations, 'warnings')).toEqual([]);
  });
});

describe('deleteRefusal', () => {
  const labels: Record<string, string> = {
    units: '单位',
    'units.parent': '上级单位',
    directus_users: '账号',
    'directus_users.unit': '所在单位',
  };
  const labelOf = (collection: string, field?: string) => labels[field ? `${collection}.${field}` : collection] ?? field ?? collection;

  it('names each place that still refers to the items, with its count', () => {
    expect(
      deleteRefusal(
        '单位',
        [
          { collection: 'units', field: 'parent', count: 2 },
          { collection: 'directus_users', field: 'unit', count: 0 },
          { collection: 'steps', field: 'unit', count: 1 },
        ],
        labelOf,
      ),
    ).toBe('所选单位仍被其他记录引用，不能删除：单位（上级单位）2 条、steps（unit）1 条。请先删除或改填这些记录');
  });

  it('ends with what to do instead where the collection says', () => {
    expect(deleteRefusal('预警规则', [{ collection: 'warnings', field: 'rule', count: 3 }], labelOf, '可取消“启用”')).toBe(
      '所选预警规则仍被其他记录引用，不能删除：warnings（rule）3 条。可取消“启用”',
    );
  });

  it('lets the delete go when nothing refers to the items', () => {
    expect(deleteRefusal('单位', [{ collection: 'units', field: 'parent', count: 0 }], labelOf)).toBeNull();
    expect(deleteRefusal('单位', [], labelOf)).toBeNull();
  });
});
