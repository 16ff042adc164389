// 代码表: the dictionaries registry fields draw their values from (sex, ethnicity
// GB 3304, education, …). Each is a small collection keyed by its code, so that a
// field referring to it is a foreign key: a value not in the table is refused by
// the database. Administrators add, rename or retire codes in Studio; the rows
// are seeded from seed/code-tables.ts.

import { booleanField, integerField, label, manyToOneField, stringField } from '../fields.ts';
import type { CollectionSpec, FieldSpec, RelationSpec } from '../types.ts';

export interface CodeTable {
  key: string;
  zh: string;
  en: string;
  /** The standard it follows, shown to administrators. */
  standard?: string;
}

export const CODE_TABLES = {
  sex: { key: 'sex', zh: '性别', en: 'Sex', standard: 'GB/T 2261.1' },
  ethnicity: { key: 'ethnicity', zh: '民族', en: 'Ethnicity', standard: 'GB 3304' },
  marital_status: { key: 'marital_status', zh: '婚姻状况', en: 'Marital status', standard: 'GB/T 2261.2' },
  political_status: { key: 'political_status', zh: '政治面貌', en: 'Political status', standard: 'GB/T 4762' },
  education: { key: 'education', zh: '学历', en: 'Education', standard: 'GB/T 4658' },
  religion: { key: 'religion', zh: '宗教信仰', en: 'Religion' },
  occupation_category: { key: 'occupation_category', zh: '职业类别', en: 'Occupation category', standard: 'GB/T 6565' },
  relation_to_householder: { key: 'relation_to_householder', zh: '与户主关系', en: 'Relation to householder', standard: 'GB/T 4761' },
  moving_in_reason: { key: 'moving_in_reason', zh: '来本地原因', en: 'Reason for moving in' },
  permit_type: { key: 'permit_type', zh: '证件类型（流动人口）', en: 'Permit type' },
  dwelling_type: { key: 'dwelling_type', zh: '住所类型', en: 'Dwelling type' },
  correction_type: { key: 'correction_type', zh: '矫正类别', en: 'Correction type' },
  risk_grade: { key: 'risk_grade', zh: '风险等级', en: 'Risk grade' },
  house_use: { key: 'house_use', zh: '房屋用途', en: 'House use' },
  hazard_type: { key: 'hazard_type', zh: '隐患类型', en: 'Hazard type' },
} as const satisfies Record<string, CodeTable>;

export type CodeTableKey = keyof typeof CODE_TABLES;

export function codeCollection(key: CodeTableKey): string {
  return `code_${key}`;
}

function codeTableSpec(table: CodeTable): CollectionSpec {
  return {
    collection: codeCollection(table.key as CodeTableKey),
    meta: {
      icon: 'list_alt',
      display_template: '{{name}}',
      sort_field: 'sort',
      archive_field: 'active',
      archive_value: 'false',
      unarchive_value: 'true',
      note: `代码表${table.standard ? `（${table.standard}）` : ''}，管理员可增改；停用的代码不再可选，已登记的数据保留`,
      ...label(`代码表·${table.zh}`, `Codes: ${table.en}`),
    },
    fields: [
      {
        field: 'code',
        type: 'string',
        schema: { is_primary_key: true, max_length: 16, is_nullable: false },
        meta: { interface: 'input', required: true, width: 'half', options: { trim: true }, ...label('代码', 'Code') },
      },
      stringField('name', '名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 60 }),
      integerField('sort', '排序', 'Sort', { hidden: true }),
      booleanField('active', '启用', 'Active', { width: 'half' }, true),
    ],
  };
}

export const CODE_TABLE_COLLECTIONS: CollectionSpec[] = Object.values(CODE_TABLES).map(codeTableSpec);

/** A field whose value is a code of `table` (a foreign key to it). */
export function codeField(field: string, table: CodeTableKey, meta: Record<string, unknown> = {}, zh?: string, en?: string): FieldSpec {
  const t = CODE_TABLES[table];
  return manyToOneField(
    field,
    zh ?? t.zh,
    en ?? t.en,
    '{{name}}',
    { width: 'half', options: { template: '{{name}}', filter: { active: { _eq: true } } }, ...meta },
    { max_length: 16 },
    'string',
  );
}

export function codeRelation(collection: string, field: string, table: CodeTableKey): RelationSpec {
  return { collection, field, related_collection: codeCollection(table), schema: { on_delete: 'NO ACTION' } };
}
