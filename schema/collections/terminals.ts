// Terminals (R3, 管理办法第七、八条): every PC and phone with its holder; handovers
// confirmed by both holders; loss reports with the 24-hour rule; confidentiality
// agreements (保密协议) per terminal user and the administrator roster's changes
// filed upward (R4, 第十一条); logins per working day and terminal kind (考评第九条).
// Handovers and loss reports move only through the office endpoint.

import {
  HANDOVER_REASONS,
  HANDOVER_STATUSES,
  ROSTER_CHANGES,
  TERMINAL_KINDS,
  TERMINAL_STATUSES,
} from '../../extensions/office/src/vocabulary.ts';
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
import type { CollectionSpec, RelationSpec } from '../types.ts';

const personRelation = (collection: string, field: string, onDelete = 'SET NULL'): RelationSpec => ({
  collection,
  field,
  related_collection: 'directus_users',
  schema: { on_delete: onDelete },
});

export const terminals: CollectionSpec = {
  collection: 'terminals',
  scopePath: 'unit_path',
  meta: {
    icon: 'devices',
    display_template: '{{kind}} {{asset_number}}',
    note: '每一部PC终端和手机终端都明确专人；持有人变动须办理交接，丢失须24小时内报告',
    ...label('终端台账', 'Terminals'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    selectField('kind', '终端类型', 'Kind', TERMINAL_KINDS, { required: true, width: 'half' }, { is_nullable: false }),
    stringField(
      'asset_number',
      '终端编号',
      'Asset number',
      { required: true, width: 'half' },
      { is_nullable: false, is_unique: true, max_length: 60 },
    ),
    stringField('model', '品牌型号', 'Model', { width: 'half' }, { max_length: 100 }),
    stringField('serial', '序列号/IMEI', 'Serial or IMEI', { width: 'half' }, { max_length: 60 }),
    stringField('phone_number', '手机号码', 'Phone number', { width: 'half' }, { max_length: 20 }),
    userField('holder', '持有人', 'Holder', { note: '首次登记时填写；此后只能通过交接变更' }),
    dateField('assigned_on', '配发日期', 'Assigned on', { width: 'half' }),
    selectField(
      'status',
      '状态',
      'Status',
      TERMINAL_STATUSES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'in_use' },
    ),
    textField('remark', '备注', 'Remark'),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('terminals'),
    personRelation('terminals', 'holder'),
    { collection: 'terminals', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const terminalHandovers: CollectionSpec = {
  collection: 'terminal_handovers',
  meta: {
    icon: 'swap_horiz',
    display_template: '{{terminal.asset_number}} {{status}}',
    note: '终端交接：原持有人和新持有人都确认后才完成',
    ...label('终端交接', 'Terminal handovers'),
  },
  fields: [
    idField(),
    manyToOneField('terminal', '终端', 'Terminal', '{{asset_number}}', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, readonly: true, note: null } } : f)),
    userField('from_user', '原持有人', 'From', { readonly: true }),
    userField('to_user', '新持有人', 'To', { readonly: true }),
    selectField('reason', '交接原因', 'Reason', HANDOVER_REASONS, { readonly: true, width: 'half' }),
    dateField('handed_on', '交接日期', 'Handed over on', { readonly: true, width: 'half' }),
    timestampField('from_confirmed_at', '原持有人确认时间', 'Confirmed by the old holder', { readonly: true, width: 'half' }),
    userField('from_confirmed_by', '原持有人一方确认人', 'Confirmed for the old holder by', {
      readonly: true,
      note: '原持有人已离岗时由本单位综治办主任或系统管理员收回确认',
    }),
    timestampField('to_confirmed_at', '新持有人确认时间', 'Confirmed by the new holder', { readonly: true, width: 'half' }),
    selectField(
      'status',
      '状态',
      'Status',
      HANDOVER_STATUSES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'pending' },
    ),
    timestampField('completed_at', '完成时间', 'Completed at', { readonly: true, width: 'half' }),
    userField('started_by', '发起人', 'Started by', { readonly: true }),
    timestampField('date_created', '发起时间', 'Started at', { special: ['date-created'], readonly: true, width: 'half' }),
  ],
  relations: [
    { collection: 'terminal_handovers', field: 'terminal', related_collection: 'terminals', schema: { on_delete: 'CASCADE' } },
    jurisdictionRelation('terminal_handovers'),
    ...['from_user', 'to_user', 'from_confirmed_by', 'started_by'].map((f) => personRelation('terminal_handovers', f)),
  ],
};

export const terminalLosses: CollectionSpec = {
  collection: 'terminal_losses',
  meta: {
    icon: 'report',
    display_template: '{{terminal.asset_number}} {{lost_at}}',
    note: '终端丢失报告：发现丢失后24小时内报告',
    ...label('终端丢失报告', 'Terminal losses'),
  },
  fields: [
    idField(),
    manyToOneField('terminal', '终端', 'Terminal', '{{asset_number}}', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, readonly: true, note: null } } : f)),
    timestampField('lost_at', '丢失时间', 'Lost at', { readonly: true, width: 'half' }),
    timestampField('reported_at', '报告时间', 'Reported at', { readonly: true, width: 'half' }),
    booleanField('within_24_hours', '24小时内报告', 'Reported within 24 hours', { readonly: true, width: 'half' }),
    userField('reported_by', '报告人', 'Reported by', { readonly: true }),
    textField('circumstances', '丢失经过', 'Circumstances', { readonly: true }),
    textField('measures', '已采取措施', 'Measures taken', { readonly: true, note: '如 停机、远程锁定、修改密码' }),
  ],
  relations: [
    { collection: 'terminal_losses', field: 'terminal', related_collection: 'terminals', schema: { on_delete: 'CASCADE' } },
    jurisdictionRelation('terminal_losses'),
    personRelation('terminal_losses', 'reported_by'),
  ],
};

export const confidentialityAgreements: CollectionSpec = {
  collection: 'confidentiality_agreements',
  scopePath: 'unit_path',
  meta: {
    icon: 'verified_user',
    display_template: '{{signer.last_name}}{{signer.first_name}} {{signed_on}}',
    note: '与终端使用人签订的系统应用安全保密协议',
    ...label('保密协议', 'Confidentiality agreements'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    userField('signer', '签订人', 'Signed by', { required: true }, { is_nullable: false }),
    { ...dateField('signed_on', '签订日期', 'Signed on', { required: true, width: 'half' }), schema: { is_nullable: false } },
    { field: 'scan', type: 'uuid', schema: {}, meta: { interface: 'file', special: ['file'], ...label('协议扫描件', 'Scan') } },
    textField('remark', '备注', 'Remark'),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('confidentiality_agreements'),
    personRelation('confidentiality_agreements', 'signer', 'CASCADE'),
    { collection: 'confidentiality_agreements', field: 'scan', related_collection: 'directus_files', schema: { on_delete: 'SET NULL' } },
    { collection: 'confidentiality_agreements', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const adminRosterChanges: CollectionSpec = {
  collection: 'admin_roster_changes',
  scopePath: 'unit_path',
  meta: {
    icon: 'manage_accounts',
    display_template: '{{change}} {{person.last_name}}{{person.first_name}}',
    note: '系统管理员变动，书面上报上一级综治办（保存即报送，上级单位收到通知）',
    ...label('管理员变动报备', 'Administrator roster changes'),
  },
  fields: [
    idField(),
    ...jurisdictionFields(),
    selectField('change', '变动', 'Change', ROSTER_CHANGES, { required: true, width: 'half' }, { is_nullable: false }),
    userField('person', '管理员', 'Administrator', { required: true }, { is_nullable: false }),
    { ...dateField('effective_on', '生效日期', 'Effective on', { required: true, width: 'half' }), schema: { is_nullable: false } },
    textField('reason', '变动原因', 'Reason'),
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('admin_roster_changes'),
    personRelation('admin_roster_changes', 'person', 'NO ACTION'),
    { collection: 'admin_roster_changes', field: 'user_created', related_collection: 'directus_users' },
  ],
};

/** One row per user, local day and terminal kind with a login: “logged in every working day” is counted from it. */
export const loginDays: CollectionSpec = {
  collection: 'login_days',
  meta: {
    icon: 'login',
    display_template: '{{day}} {{channel}}',
    note: '每个工作日的登录记录（PC和手机分别记录），由登录自动生成',
    ...label('登录记录', 'Logins per day'),
  },
  fields: [
    idField(),
    stringField('key', '标识', 'Key', { readonly: true, hidden: true }, { is_unique: true, is_nullable: false, max_length: 80 }),
    userField('user', '用户', 'User', { readonly: true }),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, readonly: true, note: null } } : f)),
    dateField('day', '日期', 'Day', { readonly: true, width: 'half' }),
    selectField('channel', '终端', 'Terminal kind', TERMINAL_KINDS, { readonly: true, width: 'half' }, { is_nullable: false }),
    timestampField('first_at', '首次登录', 'First login', { readonly: true, width: 'half' }),
    timestampField('last_at', '最近登录', 'Last login', { readonly: true, width: 'half' }),
    integerField('logins', '登录次数', 'Logins', { readonly: true, width: 'half' }, { default_value: 1 }),
  ],
  relations: [personRelation('login_days', 'user'), jurisdictionRelation('login_days')],
  // The login rate reads a period's login days.
  indexes: [{ columns: ['day'] }],
};
