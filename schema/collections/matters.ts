// 事项: event reports up the tree, tasks down it, requests and calls for help,
// assignments to departments; their append-only steps, the units they have
// passed through (who may see them), and the reference data they rely on:
// categories, deadline policies and the working-day calendar.

import {
  DEFAULT_MAX_EXTENSION_DAYS,
  DURATION_UNIT_LABELS,
  labels,
  MATTER_TEXT_LIMITS as LIMITS,
  MATTER_TYPES,
  SOURCES,
  URGENCIES,
} from '../../extensions/domains/matters/vocabulary.ts';
import { PARTICIPANT_PATHS } from '../../extensions/domains/matters/participant-paths.ts';
import { MILESTONE_LABELS } from '../../extensions/domains/matters/milestones.ts';
import { ACTION_LABELS, STATUS_LABELS } from '../../extensions/domains/matters/transitions.ts';
import { DISPUTE_POLICY_TYPE, DOCUMENT_POLICY_TYPE } from '../../extensions/office/src/vocabulary.ts';
import {
  booleanField,
  dateField,
  idField,
  integerField,
  jsonField,
  label,
  manyToOneField,
  selectField,
  stringField,
  textField,
  timestampField,
  userStamps,
} from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec } from '../types.ts';

const TYPE_LABELS = labels(MATTER_TYPES);
/** Deadline policies also time documents' sign-for and disputes' mediation (the office work). */
const POLICY_TYPE_LABELS = { ...TYPE_LABELS, [DOCUMENT_POLICY_TYPE]: '公文签收', [DISPUTE_POLICY_TYPE]: '矛盾纠纷调处' };

export const matterCategories: CollectionSpec = {
  collection: 'matter_categories',
  meta: {
    icon: 'category',
    display_template: '{{name}}',
    sort_field: 'sort',
    note: '事项分类，管理员可增删改',
    ...label('事项分类', 'Matter categories'),
  },
  fields: [
    idField(),
    stringField('code', '分类编码', 'Code', { required: true, width: 'half' }, { is_unique: true, is_nullable: false, max_length: 20 }),
    stringField('name', '分类名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 50 }),
    manyToOneField('parent', '上级分类', 'Parent', '{{name}}'),
    integerField('sort', '排序', 'Sort', { hidden: true }),
  ],
  relations: [
    { collection: 'matter_categories', field: 'parent', related_collection: 'matter_categories', schema: { on_delete: 'SET NULL' } },
  ],
};

export const deadlinePolicies: CollectionSpec = {
  collection: 'deadline_policies',
  meta: {
    icon: 'timer',
    display_template: '{{matter_type}} {{urgency}}',
    note: '按事项类型和紧急程度设定签收、办结时限（参照12345热线标准）',
    ...label('时限标准', 'Deadline policies'),
  },
  fields: [
    idField(),
    selectField('matter_type', '适用于', 'Applies to', POLICY_TYPE_LABELS, { required: true, width: 'half' }, { is_nullable: false }),
    selectField('urgency', '紧急程度', 'Urgency', URGENCIES, { required: true, width: 'half' }, { is_nullable: false }),
    integerField(
      'sign_amount',
      '签收时限',
      'Sign-for within',
      { required: true, width: 'half', validation: { sign_amount: { _gt: 0 } } },
      { is_nullable: false },
    ),
    selectField(
      'sign_unit',
      '签收时限单位',
      'Sign-for unit',
      DURATION_UNIT_LABELS,
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    integerField(
      'complete_amount',
      '办结时限',
      'Complete within',
      { required: true, width: 'half', validation: { complete_amount: { _gt: 0 } } },
      { is_nullable: false },
    ),
    selectField(
      'complete_unit',
      '办结时限单位',
      'Complete unit',
      DURATION_UNIT_LABELS,
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    integerField(
      'max_extension_days',
      '最多可延期（工作日）',
      'Maximum extension (working days)',
      { width: 'half' },
      { default_value: DEFAULT_MAX_EXTENSION_DAYS },
    ),
    booleanField('pausable', '允许暂停计时', 'May be paused', { width: 'half' }),
  ],
};

export const calendarDays: CollectionSpec = {
  collection: 'calendar_days',
  meta: {
    icon: 'calendar_month',
    display_template: '{{date}} {{name}}',
    sort_field: null,
    note: '法定节假日和调休上班日；每年国务院通知发布后由管理员补充下一年',
    ...label('工作日历', 'Working-day calendar'),
  },
  fields: [
    idField(),
    dateField('date', '日期', 'Date', { required: true, width: 'half' }),
    selectField(
      'kind',
      '类型',
      'Kind',
      { holiday: '放假', workday: '调休上班' },
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    stringField('name', '名称', 'Name', { note: '如 国庆节、国庆节调休上班' }, { max_length: 50 }),
  ],
};

export const matters: CollectionSpec = {
  collection: 'matters',
  meta: {
    icon: 'assignment',
    display_template: '{{number}} {{title}}',
    note: '事件上报、任务分派、请示、求助、部门交办',
    ...label('事项', 'Matters'),
  },
  fields: [
    idField(),
    stringField(
      'number',
      '编号',
      'Number',
      { readonly: true, width: 'half', note: '自动生成，如 SJ-20261126-0042' },
      { is_unique: true, max_length: 32 },
    ),
    selectField('type', '事项类型', 'Type', TYPE_LABELS, { required: true, width: 'half' }, { is_nullable: false }),
    stringField('title', '标题', 'Title', { required: true }, { is_nullable: false, max_length: LIMITS.title }),
    manyToOneField('category', '事项分类', 'Category', '{{name}}', { required: true, width: 'half' }),
    selectField('source', '来源', 'Source', SOURCES, { width: 'half' }),
    selectField(
      'urgency',
      '紧急程度',
      'Urgency',
      URGENCIES,
      { required: true, width: 'half' },
      { is_nullable: false, default_value: 'normal' },
    ),
    timestampField('occurred_at', '发生时间', 'Occurred at', { width: 'half' }),
    stringField('address', '发生地点', 'Address', {}, { max_length: LIMITS.address }),
    {
      field: 'latitude',
      type: 'decimal',
      schema: { numeric_precision: 10, numeric_scale: 7 },
      meta: { interface: 'input', width: 'half', ...label('纬度', 'Latitude') },
    },
    {
      field: 'longitude',
      type: 'decimal',
      schema: { numeric_precision: 10, numeric_scale: 7 },
      meta: { interface: 'input', width: 'half', ...label('经度', 'Longitude') },
    },
    manyToOneField('grid', '所在网格', 'Grid', '{{name}}', { width: 'half' }),
    textField('people_involved', '涉及人员', 'People involved', { options: { softLength: LIMITS.people_involved } }),
    textField('description', '事件描述', 'Description', { required: true, options: { softLength: LIMITS.description } }),
    textField('measures', '已采取措施或建议', 'Measures or suggestions', { options: { softLength: LIMITS.measures } }),
    {
      field: 'attachments',
      type: 'alias',
      schema: null,
      meta: { interface: 'files', special: ['files'], ...label('照片视频', 'Photos and videos') },
    },
    ...jurisdictionFields().map((f) =>
      f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('发起单位', 'Initiating unit'), readonly: true, note: null } } : f,
    ),
    {
      field: 'initiator',
      type: 'uuid',
      schema: {},
      meta: {
        interface: 'select-dropdown-m2o',
        special: ['m2o'],
        readonly: true,
        options: { template: '{{last_name}}{{first_name}}' },
        ...label('发起人', 'Initiator'),
      },
    },
    manyToOneField('handler_unit', '当前承办单位', 'Current handler', '{{name}}', { readonly: true, width: 'half' }),
    selectField(
      'status',
      '状态',
      'Status',
      STATUS_LABELS,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'pending_acceptance' },
    ),
    jsonField('co_handlers', '协办单位', 'Co-handling units', { readonly: true, note: '与当前承办单位一同办理、尚未反馈的单位编号' }),
    jsonField('route', '流转链', 'Route', { readonly: true, hidden: true, note: '发起单位到当前承办单位的单位编号' }),
    manyToOneField('last_handler', '上一承办单位', 'Last handler', '{{name}}', { readonly: true, hidden: true }),
    timestampField('sign_due_at', '签收时限', 'Sign for by', { readonly: true, width: 'half' }),
    timestampField('due_at', '办结时限', 'Complete by', { readonly: true, width: 'half' }),
    // Written with the deadlines by the matters extension (lights.ts); the reminder scan repairs it.
    timestampField('yellow_at', '临期时间', 'Due soon from', {
      readonly: true,
      width: 'half',
      note: '红黄绿灯自此转为黄灯（临期）：当前时限已用去75%；已办结、暂停计时或无时限时为空',
    }),
    timestampField('closed_at', '办结时间', 'Closed at', { readonly: true, width: 'half' }),
    timestampField('paused_at', '暂停计时于', 'Clock paused at', { readonly: true, width: 'half' }),
    integerField('extension_requested_days', '待审批延期（工作日）', 'Extension asked (working days)', { readonly: true, width: 'half' }),
    integerField('version', '版本', 'Version', { readonly: true, hidden: true }, { default_value: 1, is_nullable: false }),
    booleanField('to_dalianqin', '报送大联勤', 'Send to 大联勤', { width: 'half', note: '同时报送区大联勤指挥平台' }),
    stringField(
      'external_ref',
      '大联勤编号',
      '大联勤 reference',
      { readonly: true, width: 'half', note: '来自大联勤的事项在对方平台的编号' },
      { is_unique: true, max_length: 100 },
    ),
    stringField(
      'client_ref',
      '提交编号',
      'Submission id',
      { readonly: true, hidden: true, width: 'half', note: '手机上报的提交编号：重发同一编号只生成一个事项' },
      { is_unique: true, max_length: 64 },
    ),
    textField(PARTICIPANT_PATHS, '经办单位路径', 'Participant paths', {
      readonly: true,
      hidden: true,
      note: '事项经过的各单位的路径，由系统填写；各级按此查看本辖区经办过的事项',
    }),
    {
      field: 'steps',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, ...label('流转记录', 'Steps') },
    },
    {
      field: 'participants',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, hidden: true, ...label('经办单位', 'Participants') },
    },
    ...userStamps(),
  ],
  relations: [
    { collection: 'matters', field: 'category', related_collection: 'matter_categories', schema: { on_delete: 'NO ACTION' } },
    { collection: 'matters', field: 'grid', related_collection: 'units', schema: { on_delete: 'SET NULL' } },
    jurisdictionRelation('matters'),
    { collection: 'matters', field: 'initiator', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'matters', field: 'handler_unit', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
    { collection: 'matters', field: 'last_handler', related_collection: 'units', schema: { on_delete: 'SET NULL' } },
    { collection: 'matters', field: 'user_created', related_collection: 'directus_users' },
  ],
  // 统计研判 counts matters by the month they were reported or closed in, and the open ones past their deadline.
  indexes: [{ columns: ['date_created'] }, { columns: ['closed_at'] }, { columns: ['status', 'due_at'] }],
};

export const mattersFiles: CollectionSpec = {
  collection: 'matters_files',
  meta: { hidden: true, icon: 'import_export' },
  fields: [
    idField(),
    { field: 'matters_id', type: 'integer', schema: {}, meta: { hidden: true } },
    { field: 'directus_files_id', type: 'uuid', schema: {}, meta: { hidden: true } },
  ],
  relations: [
    {
      collection: 'matters_files',
      field: 'matters_id',
      related_collection: 'matters',
      meta: { one_field: 'attachments', junction_field: 'directus_files_id' },
      schema: { on_delete: 'CASCADE' },
    },
    {
      collection: 'matters_files',
      field: 'directus_files_id',
      related_collection: 'directus_files',
      meta: { one_field: 'matter_links', junction_field: 'matters_id' },
      schema: { on_delete: 'CASCADE' },
    },
  ],
};

/** The way back from a file to the matters it is attached to, for read permissions. */
export const filesMatterLinks: CollectionSpec = {
  collection: 'directus_files',
  system: true,
  fields: [
    {
      field: 'matter_links',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], hidden: true, readonly: true, ...label('所属事项', 'Matters') },
    },
  ],
};

export const matterSteps: CollectionSpec = {
  collection: 'matter_steps',
  meta: {
    icon: 'timeline',
    display_template: '{{action}} {{date_created}}',
    note: '每次流转的记录，只增不改',
    ...label('流转记录', 'Matter steps'),
  },
  fields: [
    idField(),
    manyToOneField('matter', '事项', 'Matter', '{{number}}', {}, { is_nullable: false }),
    selectField('action', '操作', 'Action', { report: '发起', ...ACTION_LABELS }, {}, { is_nullable: false }),
    {
      field: 'actor',
      type: 'uuid',
      schema: {},
      meta: {
        interface: 'select-dropdown-m2o',
        special: ['m2o'],
        options: { template: '{{last_name}}{{first_name}}' },
        ...label('操作人', 'Actor'),
      },
    },
    manyToOneField('actor_unit', '操作单位', 'Actor unit', '{{name}}'),
    manyToOneField('from_unit', '来自单位', 'From unit', '{{name}}'),
    manyToOneField('to_unit', '送达单位', 'To unit', '{{name}}'),
    textField('opinion', '意见', 'Opinion', { options: { softLength: LIMITS.opinion } }),
    integerField('extension_days', '延期工作日', 'Extension (working days)'),
    jsonField('attachments', '附件', 'Attachments'),
    selectField('status_after', '操作后状态', 'Status after', STATUS_LABELS),
    stringField(
      'client_ref',
      '提交编号',
      'Submission id',
      { readonly: true, hidden: true, width: 'half', note: '办理提交的编号：重发同一编号只办理一次' },
      { is_unique: true, max_length: 64 },
    ),
    timestampField('date_created', '时间', 'Time', { special: ['date-created'], readonly: true }),
  ],
  relations: [
    {
      collection: 'matter_steps',
      field: 'matter',
      related_collection: 'matters',
      meta: { one_field: 'steps' },
      schema: { on_delete: 'CASCADE' },
    },
    { collection: 'matter_steps', field: 'actor', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'matter_steps', field: 'actor_unit', related_collection: 'units' },
    { collection: 'matter_steps', field: 'from_unit', related_collection: 'units' },
    { collection: 'matter_steps', field: 'to_unit', related_collection: 'units' },
  ],
  // A matter's steps: its timeline, and the last hand-on the scan looks up (reminders.ts repairLights).
  // The steps of one kind in a period: the statistics' and the assessment's timeliness figures
  // (10 million steps at Pukou's size: a month's sign-fors read by this index, not by reading them all).
  indexes: [{ columns: ['matter'] }, { columns: ['action', 'date_created'] }],
};

/** Every unit a matter has passed through; a unit and its superiors may see the matter. */
export const matterParticipants: CollectionSpec = {
  collection: 'matter_participants',
  meta: { hidden: true, icon: 'groups', ...label('事项经办单位', 'Matter participants') },
  fields: [idField(), manyToOneField('matter', '事项', 'Matter', '{{number}}', {}, { is_nullable: false }), ...jurisdictionFields()],
  relations: [
    {
      collection: 'matter_participants',
      field: 'matter',
      related_collection: 'matters',
      meta: { one_field: 'participants' },
      schema: { on_delete: 'CASCADE' },
    },
    jurisdictionRelation('matter_participants'),
  ],
  // The participants of a matter, looked up as it passes to another unit.
  indexes: [{ columns: ['matter'] }],
};

/** A reminder that was sent: one row per milestone, so none is ever sent twice. */
export const matterReminders: CollectionSpec = {
  collection: 'matter_reminders',
  meta: {
    icon: 'notifications_active',
    display_template: '{{kind}} {{due_at}}',
    note: '已发送的时限提醒、催办和督办，每个节点只发一次',
    ...label('时限提醒', 'Reminders'),
  },
  fields: [
    idField(),
    stringField('key', '节点标识', 'Key', { readonly: true, hidden: true }, { is_unique: true, is_nullable: false, max_length: 80 }),
    manyToOneField('matter', '事项', 'Matter', '{{number}}', { readonly: true }, { is_nullable: false }),
    selectField('kind', '提醒类型', 'Kind', MILESTONE_LABELS, { readonly: true, width: 'half' }, { is_nullable: false }),
    timestampField('due_at', '节点时间', 'Milestone at', { readonly: true, width: 'half' }),
    manyToOneField('unit', '提醒单位', 'Unit reminded', '{{name}}', { readonly: true, width: 'half' }),
    timestampField('sent_at', '发送时间', 'Sent at', { readonly: true, width: 'half' }),
    integerField('recipients', '接收人数', 'Recipients', { readonly: true, width: 'half' }),
  ],
  relations: [
    { collection: 'matter_reminders', field: 'matter', related_collection: 'matters', schema: { on_delete: 'CASCADE' } },
    { collection: 'matter_reminders', field: 'unit', related_collection: 'units' },
  ],
};

/** The wording of reminders, as data: placeholders {{number}} {{title}} {{due}} {{unit}}. */
export const reminderTemplates: CollectionSpec = {
  collection: 'reminder_templates',
  meta: {
    icon: 'sms',
    display_template: '{{kind}}',
    note: '提醒消息模板，可用 {{number}} {{title}} {{due}} {{unit}}',
    ...label('提醒模板', 'Reminder templates'),
  },
  fields: [
    idField(),
    selectField('kind', '提醒类型', 'Kind', MILESTONE_LABELS, { required: true }, { is_unique: true, is_nullable: false }),
    stringField('subject', '标题', 'Subject', { required: true }, { is_nullable: false, max_length: 100 }),
    textField('body', '短信内容', 'Text', { required: true }),
  ],
};

/** Phone reminders waiting for, or done by, the sender (R10: the receiver gets a phone reminder). */
export const phoneMessages: CollectionSpec = {
  collection: 'phone_messages',
  meta: {
    icon: 'phone_iphone',
    display_template: '{{phone}} {{status}}',
    note: '手机短信提醒发件箱',
    ...label('短信发件箱', 'Phone outbox'),
  },
  fields: [
    idField(),
    {
      field: 'recipient',
      type: 'uuid',
      schema: {},
      meta: {
        interface: 'select-dropdown-m2o',
        special: ['m2o'],
        readonly: true,
        options: { template: '{{last_name}}{{first_name}}' },
        ...label('接收人', 'Recipient'),
      },
    },
    stringField('phone', '手机号码', 'Phone', { readonly: true, width: 'half' }, { max_length: 20 }),
    // Indexed: the delivery loop looks for the few unsent among many sent.
    selectField(
      'status',
      '状态',
      'Status',
      { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' },
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'pending', is_indexed: true },
    ),
    textField('body', '内容', 'Text', { readonly: true }),
    manyToOneField('reminder', '提醒', 'Reminder', '{{kind}}', { readonly: true, hidden: true }),
    integerField('attempts', '尝试次数', 'Attempts', { readonly: true, width: 'half' }, { default_value: 0 }),
    timestampField('sent_at', '发送时间', 'Sent at', { readonly: true, width: 'half' }),
    textField('error', '失败原因', 'Error', { readonly: true }),
    // The delivery loop's claim (extensions/domains/matters/phone.ts): who holds a message being sent, and
    // until when a message may not be claimed (the sender's lease while sending; the retry time after a failure).
    stringField('claimed_by', '发送进程', 'Claimed by', { readonly: true, hidden: true }, { max_length: 100 }),
    timestampField('available_at', '下次可发送时间', 'Available at', { readonly: true, hidden: true }),
  ],
  relations: [
    { collection: 'phone_messages', field: 'recipient', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'phone_messages', field: 'reminder', related_collection: 'matter_reminders', schema: { on_delete: 'SET NULL' } },
  ],
};

/** The last number given out per type and day (SJ-20261126 → 42), incremented atomically. */
export const matterCounters: CollectionSpec = {
  collection: 'matter_counters',
  meta: { hidden: true, icon: 'pin', ...label('事项编号计数', 'Matter number counters') },
  fields: [
    { field: 'key', type: 'string', schema: { is_primary_key: true, max_length: 20, is_nullable: false }, meta: { readonly: true } },
    integerField('value', '已用编号', 'Last number', { readonly: true }, { is_nullable: false, default_value: 0 }),
  ],
};
