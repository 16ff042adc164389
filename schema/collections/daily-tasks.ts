// 每日必办 (R5, 考评办法第九条 1): the checklist a community (or a unit above it)
// defines for its grid workers, and each grid worker's items per working day,
// ticked off from the phone. Items are generated and ticked only through the
// office endpoint; what is not done is listed for the community the next morning.

import { DAILY_TASK_KINDS } from '../../extensions/office/src/vocabulary.ts';
import {
  booleanField,
  dateField,
  idField,
  integerField,
  label,
  manyToOneField,
  selectField,
  stringField,
  textField,
  timestampField,
  userField,
  userStamps,
} from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec } from '../types.ts';

export const dailyTaskTemplates: CollectionSpec = {
  collection: 'daily_task_templates',
  scopePath: 'unit_path',
  meta: {
    icon: 'checklist',
    display_template: '{{title}}',
    sort_field: 'sort',
    note: '社区为本社区网格员设定的每日必办事项（上级单位设定的适用于其辖区所有网格员）',
    ...label('每日必办事项', 'Daily must-do items'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    stringField('title', '事项', 'Item', { required: true }, { is_nullable: false, max_length: 200 }),
    selectField('kind', '类别', 'Kind', DAILY_TASK_KINDS, { required: true, width: 'half' }, { is_nullable: false }),
    textField('instructions', '办理要求', 'Instructions', { note: '如 需走访的重点人员、需检查的设施' }),
    booleanField('active', '启用', 'Active', { width: 'half' }, true),
    integerField('sort', '排序', 'Sort', { hidden: true }),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('daily_task_templates'),
    { collection: 'daily_task_templates', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const dailyChecks: CollectionSpec = {
  collection: 'daily_checks',
  meta: {
    icon: 'task_alt',
    display_template: '{{day}} {{template.title}}',
    note: '网格员每个工作日的每日必办完成情况，只能在手机端当天办理',
    ...label('每日必办记录', 'Daily must-do records'),
  },
  fields: [
    idField(),
    stringField('key', '标识', 'Key', { readonly: true, hidden: true }, { is_unique: true, is_nullable: false, max_length: 100 }),
    userField('user', '网格员', 'Grid worker', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, readonly: true, note: null } } : f)),
    dateField('day', '日期', 'Day', { readonly: true, width: 'half' }),
    manyToOneField('template', '事项', 'Item', '{{title}}', { readonly: true }, { is_nullable: false }),
    booleanField('done', '已完成', 'Done', { readonly: true, width: 'half' }),
    timestampField('done_at', '完成时间', 'Done at', { readonly: true, width: 'half' }),
    textField('note', '办理情况', 'Note', { readonly: true }),
  ],
  relations: [
    { collection: 'daily_checks', field: 'user', related_collection: 'directus_users', schema: { on_delete: 'CASCADE' } },
    jurisdictionRelation('daily_checks'),
    { collection: 'daily_checks', field: 'template', related_collection: 'daily_task_templates', schema: { on_delete: 'CASCADE' } },
  ],
  // A worker's checklist of a day; what the jurisdiction missed on a day (with the unit path prefix index).
  indexes: [{ columns: ['user', 'day'] }, { columns: ['day'] }],
};
