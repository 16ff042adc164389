// 导出申请 and 导出记录 (R19, 制度四): personal data leaves the system only through
// an export request approved one level up; the file is generated once, marked with
// the requester and time, its download expires, and every export is logged.
// Both are written only by the /registries/exports endpoint; Directus's own
// export is closed to every role but the Directus administrator.

import { idField, integerField, label, manyToOneField, selectField, stringField, textField, timestampField } from '../fields.ts';
import { jurisdictionRelation, UNIT_FIELD, PATH_FIELD } from '../jurisdiction.ts';
import type { CollectionSpec, FieldSpec } from '../types.ts';
import { KEYED_KINDS, kindChoices } from './registry-builders.ts';

export const EXPORT_STATES = { pending: '待审批', approved: '已批准', refused: '不予批准', generated: '已导出', expired: '已过期' };

/** What may be exported through a request, with the Chinese name shown. */
export const EXPORTABLE = kindChoices();

const userField = (field: string, zh: string, en: string): FieldSpec => ({
  field,
  type: 'uuid',
  schema: {},
  meta: {
    interface: 'select-dropdown-m2o',
    special: ['m2o'],
    readonly: true,
    width: 'half',
    options: { template: '{{last_name}}{{first_name}}' },
    ...label(zh, en),
  },
});

/** The requester's unit and path (the requester and every level above see the request). */
const requesterUnit: FieldSpec[] = [
  manyToOneField(UNIT_FIELD, '申请单位', 'Requesting unit', '{{name}}', { readonly: true, width: 'half' }, { is_nullable: false }),
  stringField(PATH_FIELD, '单位路径', 'Unit path', { readonly: true, hidden: true }),
];

export const exportRequests: CollectionSpec = {
  collection: 'export_requests',
  meta: {
    icon: 'file_download',
    display_template: '#{{id}} {{scope_collection}} {{state}}',
    note: '个人信息导出须经上一级审批（保密制度）',
    ...label('导出申请', 'Export requests'),
  },
  fields: [
    idField(),
    userField('requester', '申请人', 'Requester'),
    ...requesterUnit,
    selectField('scope_collection', '导出内容', 'Content', EXPORTABLE, { readonly: true, width: 'half' }, { is_nullable: false }),
    manyToOneField(
      'scope_unit',
      '导出范围',
      'Scope',
      '{{name}}',
      { readonly: true, width: 'half', note: '该单位及其下级' },
      { is_nullable: false },
    ),
    stringField('scope_path', '范围路径', 'Scope path', { readonly: true, hidden: true }),
    textField('reason', '用途和理由', 'Reason', { readonly: true }),
    selectField(
      'state',
      '状态',
      'State',
      EXPORT_STATES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'pending' },
    ),
    manyToOneField('approver_unit', '审批单位', 'Approving unit', '{{name}}', { readonly: true, width: 'half' }, { is_nullable: false }),
    userField('approver', '审批人', 'Approver'),
    textField('opinion', '审批意见', 'Opinion', { readonly: true }),
    timestampField('requested_at', '申请时间', 'Requested at', { readonly: true, width: 'half' }),
    timestampField('decided_at', '审批时间', 'Decided at', { readonly: true, width: 'half' }),
    timestampField('expires_at', '下载截止', 'Download until', { readonly: true, width: 'half' }),
    timestampField('generated_at', '导出时间', 'Generated at', { readonly: true, width: 'half' }),
    integerField('row_count', '导出条数', 'Rows', { readonly: true, width: 'half' }),
  ],
  relations: [
    jurisdictionRelation('export_requests'),
    { collection: 'export_requests', field: 'requester', related_collection: 'directus_users', schema: { on_delete: 'NO ACTION' } },
    { collection: 'export_requests', field: 'scope_unit', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
    { collection: 'export_requests', field: 'approver_unit', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
    { collection: 'export_requests', field: 'approver', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
};

export const exportLog: CollectionSpec = {
  collection: 'export_log',
  meta: {
    icon: 'receipt_long',
    display_template: '{{at}} {{action}}',
    note: '每次导出和被拒绝的导出尝试，只增不改',
    ...label('导出记录', 'Export log'),
  },
  fields: [
    idField(),
    manyToOneField('request', '导出申请', 'Request', '#{{id}}', { readonly: true }),
    userField('user', '操作人', 'User'),
    ...requesterUnit,
    selectField(
      'action',
      '操作',
      'Action',
      { requested: '申请', approved: '批准', refused: '不予批准', generated: '导出', denied: '拒绝下载' },
      { readonly: true, width: 'half' },
      { is_nullable: false },
    ),
    integerField('row_count', '条数', 'Rows', { readonly: true, width: 'half' }),
    stringField('ip', '来源地址', 'From address', { readonly: true, width: 'half' }, { max_length: 64 }),
    textField('detail', '说明', 'Detail', { readonly: true }),
    timestampField('at', '时间', 'At', { readonly: true, width: 'half' }),
  ],
  relations: [
    { collection: 'export_log', field: 'request', related_collection: 'export_requests', schema: { on_delete: 'NO ACTION' } },
    { collection: 'export_log', field: 'user', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    jurisdictionRelation('export_log'),
  ],
};

/** 比对记录: a department's list compared with the registry (R8 monthly comparison); the result keeps masked numbers only. */
export const comparisons: CollectionSpec = {
  collection: 'comparisons',
  meta: {
    icon: 'compare_arrows',
    display_template: '{{month}} {{department.name}}',
    note: '每月与职能部门数据比对的记录和结果（只含脱敏号码）',
    ...label('数据比对', 'Comparisons'),
  },
  fields: [
    idField(),
    ...requesterUnit.map((f) => (f.field === UNIT_FIELD ? { ...f, meta: { ...f.meta, ...label('比对单位', 'Comparing unit') } } : f)),
    selectField(
      'registry',
      '比对内容',
      'Registry',
      kindChoices(KEYED_KINDS),
      { readonly: true, width: 'half' },
      { default_value: 'people' },
    ),
    manyToOneField('department', '数据来源部门', 'Department', '{{name}}', { readonly: true, width: 'half' }, { is_nullable: false }),
    stringField('month', '比对月份', 'Month', { readonly: true, width: 'half' }, { max_length: 7 }),
    userField('performed_by', '比对人', 'Compared by'),
    timestampField('performed_at', '比对时间', 'Compared at', { readonly: true, width: 'half' }),
    {
      field: 'counts',
      type: 'json',
      schema: {},
      meta: { interface: 'input-code', special: ['cast-json'], readonly: true, ...label('统计', 'Counts') },
    },
    {
      field: 'result',
      type: 'json',
      schema: {},
      meta: { interface: 'input-code', special: ['cast-json'], readonly: true, hidden: true, ...label('比对结果', 'Result') },
    },
  ],
  relations: [
    jurisdictionRelation('comparisons'),
    { collection: 'comparisons', field: 'department', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
    { collection: 'comparisons', field: 'performed_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
};
