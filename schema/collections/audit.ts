// 安全审计 (等保 2.0 三级; 网络安全法第二十一条: logs kept at least six months):
// one append-only log of who did what, from where, through which door, with what
// outcome. Written only by the server (extensions/kernel/audit.ts); every row is
// chained to the one before by an SM3 hash, so a change is found by
// `npm run audit:verify`. The database itself refuses updates, and deletes of rows
// younger than the retention (triggers made by schema apply).

import { integerField, jsonField, label, selectField, stringField, timestampField } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';

/** What is recorded. A key is stored; the label is what the district's administrator reads. */
export const AUDIT_ACTIONS = {
  login: '登录',
  login_failed: '登录失败',
  account_locked: '账号锁定',
  logout: '退出登录',
  password_changed: '修改密码',
  password_reset: '重置密码',
  tfa_enabled: '绑定动态口令',
  user_changed: '用户变更',
  role_changed: '角色变更',
  policy_changed: '权限策略变更',
  permission_changed: '权限变更',
  unit_moved: '单位调整',
  export_requested: '申请导出',
  export_decided: '导出审批',
  export_downloaded: '下载导出文件',
  export_refused: '拒绝导出',
  personal_read: '查阅个人信息',
  key_person_read: '查阅重点人员档案',
  schema_changed: '数据模型变更',
  keys_rotated: '密钥轮换',
  retention: '日志保留期清理',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_OUTCOMES = { success: '成功', failure: '失败', refused: '拒绝' } as const;
export type AuditOutcome = keyof typeof AUDIT_OUTCOMES;

/** The legal floor: rows younger than this can never be deleted, not even by the clean-up. */
export const AUDIT_MIN_RETENTION_DAYS = 180;

const readonly = { readonly: true };

export const auditLog: CollectionSpec = {
  collection: 'audit_log',
  meta: {
    icon: 'policy',
    display_template: '{{at}} {{action}} {{actor_email}}',
    sort_field: null,
    note: '安全审计日志：只增不改，每条以 SM3 哈希与上一条相连；保留不少于 180 天',
    ...label('安全审计日志', 'Audit log'),
  },
  fields: [
    { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
    timestampField('at', '时间', 'At', { ...readonly, width: 'half' }),
    selectField('action', '事件', 'Event', AUDIT_ACTIONS, { ...readonly, width: 'half' }, { is_nullable: false, max_length: 40 }),
    selectField('outcome', '结果', 'Outcome', AUDIT_OUTCOMES, { ...readonly, width: 'half' }, { is_nullable: false, max_length: 16 }),
    // A plain id, no relation: a user's rows must not stop (or be changed by) the user's deletion.
    { field: 'actor', type: 'uuid', schema: {}, meta: { interface: 'input', width: 'half', ...readonly, ...label('操作人', 'Actor') } },
    stringField(
      'actor_email',
      '账号',
      'Account',
      { ...readonly, width: 'half', note: '登录时所填账号（失败的登录也记录）' },
      { max_length: 255 },
    ),
    integerField('actor_unit', '操作人单位', 'Actor unit', { ...readonly, width: 'half' }),
    // The actor's unit as it was then: not a jurisdiction path, never rebased when units move.
    stringField('actor_unit_path', '单位路径', 'Unit path', { ...readonly, hidden: true }, { max_length: 255 }),
    stringField('ip', '来源地址', 'Address', { ...readonly, width: 'half' }, { max_length: 64 }),
    stringField('user_agent', '终端', 'User agent', readonly, { max_length: 512 }),
    stringField('door', '访问入口', 'Door', { ...readonly, note: '请求方法与路径，如 GET /items/people' }, { max_length: 255 }),
    stringField('collection_name', '数据集合', 'Collection', { ...readonly, width: 'half' }, { max_length: 64 }),
    jsonField('item_ids', '涉及记录', 'Records', readonly),
    integerField('row_count', '条数', 'Rows', { ...readonly, width: 'half' }),
    jsonField('detail', '详情', 'Detail', readonly),
    stringField('prev_hash', '上一条哈希', 'Previous hash', { ...readonly, hidden: true }, { max_length: 64, is_unique: true }),
    stringField('hash', '本条哈希', 'Hash', { ...readonly, hidden: true }, { max_length: 64, is_nullable: false }),
  ],
  indexes: [{ columns: ['at'] }, { columns: ['actor', 'at'] }, { columns: ['action', 'at'] }],
  appendOnly: { minRetentionDays: AUDIT_MIN_RETENTION_DAYS, timeColumn: 'at' },
};
