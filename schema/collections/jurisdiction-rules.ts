// 辖区规则: which collections an administrator made in Studio are under the
// jurisdiction rule, and who enters their data (schema/ruled-collections.ts). Kept by
// the Directus administrator in Studio (系统管理 → 辖区规则); no role reads it. The
// state is written by the rules hook once a change has taken effect.

import { label, selectField, stringField } from '../fields.ts';
import { ENTRY_PRESETS, RULES_COLLECTION } from '../ruled-collections.ts';
import type { CollectionSpec } from '../types.ts';

export const jurisdictionRules: CollectionSpec = {
  collection: RULES_COLLECTION,
  meta: {
    icon: 'rule_folder',
    note: '把在数据模型中新建的数据集纳入辖区规则：系统添加所属单位和单位路径，各角色按录入层级取得权限；删除本条即取消（数据保留）',
    display_template: '{{collection}} · {{entry}}',
    ...label('辖区规则', 'Jurisdiction rules'),
  },
  fields: [
    {
      field: 'collection',
      type: 'string',
      schema: { is_primary_key: true, max_length: 64, has_auto_increment: false },
      meta: {
        interface: 'system-collection',
        options: { includeSystem: false },
        required: true,
        width: 'half',
        note: '在“设置 → 数据模型”中新建的数据集；所属单位（unit）由系统添加',
        ...label('数据集', 'Collection'),
      },
    },
    selectField(
      'entry',
      '录入层级',
      'Who enters data',
      Object.fromEntries(Object.entries(ENTRY_PRESETS).map(([key, preset]) => [key, preset.zh])),
      { required: true, width: 'half', note: '上级单位都可以查阅下级的数据，但不能修改；其他辖区的数据看不到' },
      { is_nullable: false },
    ),
    stringField('state', '状态', 'State', { readonly: true, note: '由系统填写：设置是否已生效' }, { max_length: 255 }),
  ],
};
