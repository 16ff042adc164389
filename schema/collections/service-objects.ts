// 服务对象: the eight categories of key persons the district serves and manages
// (考评办法第七条): released prisoners, community corrections, key youth, HIV
// patients affecting stability, key petitioners, mentally ill prone to incidents,
// drug users, cult members. Each links to the person's record, has a risk grade,
// a responsible worker, an assistance group (帮教小组) with members, service
// records, and a visit rhythm from which the next visit is due (the overdue list
// is `next_visit_due < $NOW`). Reading a service object's file is logged
// (sensitive_reads, extensions/registries).

import {
  booleanField,
  dateField,
  integerField,
  label,
  manyToOneField,
  selectField,
  stringField,
  textField,
  timestampField,
  userStamps,
  phoneField,
} from '../fields.ts';
import type { CollectionSpec } from '../types.ts';
import { REMINDER_KINDS } from '../../extensions/registries/src/expiry.ts';
import { codeField, codeRelation } from './code-tables.ts';
import { detailGroup, oneToMany, personField, scopedCollection, toItem, toPeople, toUsers, userField } from './registry-builders.ts';

export const SERVICE_CATEGORIES = {
  released: '刑满释放人员',
  correction: '社区矫正人员',
  key_youth: '重点青少年',
  hiv: '艾滋病危险人员',
  petitioner: '重点信访人员',
  mental: '易肇事肇祸精神病人',
  drug: '吸毒人员',
  cult: '邪教人员',
};

/** Collections whose reads are logged: who read which key person's file, when. */
export const LOGGED_READS = ['service_objects'];

const only = (category: keyof typeof SERVICE_CATEGORIES) => ({
  conditions: [{ name: `only ${category}`, rule: { category: { _neq: category } }, hidden: true }],
});

export const serviceObjects: CollectionSpec = scopedCollection(
  'service_objects',
  '服务对象',
  'Service objects',
  'shield_person',
  '八类服务管理对象（刑释、矫正、重点青少年、艾滋病、信访、精神障碍、吸毒、邪教），查阅留痕',
  '{{category}} {{person.name}}',
  [
    personField('person', '人员', 'Person', { required: true }),
    selectField('category', '类别', 'Category', SERVICE_CATEGORIES, { required: true, width: 'half' }, { is_nullable: false }),
    codeField('risk_grade', 'risk_grade'),
    userField('responsible_worker', '责任人', 'Responsible worker'),
    selectField(
      'state',
      '状态',
      'State',
      { draft: '草稿', in_force: '在管', ended: '解除' },
      { width: 'half' },
      { is_nullable: false, default_value: 'in_force' },
    ),
    dateField('valid_from', '列管日期', 'Managed from', { width: 'half' }),
    dateField('valid_to', '解除日期', 'Managed until', { width: 'half' }),
    integerField(
      'visit_every_days',
      '走访周期（天）',
      'Visit every (days)',
      { width: 'half', validation: { visit_every_days: { _between: [1, 366] } }, validation_message: '走访周期为1至366天' },
      { default_value: 30 },
    ),
    timestampField('last_served_at', '最近服务时间', 'Last served', { readonly: true, width: 'half' }),
    dateField('next_visit_due', '下次走访日期', 'Next visit due', {
      readonly: true,
      width: 'half',
      note: '由最近服务时间和走访周期计算；早于今天即逾期',
    }),

    detailGroup('group_correction', '社区矫正', 'Community correction', only('correction')),
    stringField('case_number', '矫正案件编号', 'Case number', { width: 'half', group: 'group_correction' }, { max_length: 40 }),
    codeField('correction_type', 'correction_type', { group: 'group_correction' }),
    stringField('crime', '罪名', 'Crime', { width: 'half', group: 'group_correction' }, { max_length: 100 }),
    stringField('original_sentence', '原判刑期', 'Original sentence', { width: 'half', group: 'group_correction' }, { max_length: 60 }),
    dateField('correction_start', '矫正起始日期', 'Correction from', { width: 'half', group: 'group_correction' }),
    dateField('correction_end', '矫正结束日期', 'Correction until', { width: 'half', group: 'group_correction', note: '到期前提醒' }),
    selectField(
      'supervision_lapse',
      '脱管漏管',
      'Lapse',
      { none: '无', escaped: '脱管', missed: '漏管' },
      { width: 'half', group: 'group_correction' },
    ),
    textField('rewards_punishments', '奖惩情况', 'Rewards and punishments', { group: 'group_correction' }),
    booleanField('reoffended', '是否重新犯罪', 'Reoffended', { width: 'half', group: 'group_correction' }),

    detailGroup('group_released', '刑满释放', 'Released prisoner', only('released')),
    dateField('released_on', '释放日期', 'Released on', { width: 'half', group: 'group_released' }),
    stringField('prison', '服刑场所', 'Prison', { width: 'half', group: 'group_released' }, { max_length: 100 }),
    booleanField('resettled', '是否安置', 'Resettled', { width: 'half', group: 'group_released' }),

    detailGroup('group_mental', '精神障碍', 'Severe mental disorder', only('mental')),
    stringField('guardian_name', '监护人', 'Guardian', { width: 'half', group: 'group_mental' }, { max_length: 50 }),
    phoneField('guardian_phone', '监护人电话', 'Guardian phone', { width: 'half', group: 'group_mental' }),
    dateField('first_onset_on', '初次发病日期', 'First onset', { width: 'half', group: 'group_mental' }),
    stringField('diagnosis', '诊断', 'Diagnosis', { width: 'half', group: 'group_mental' }, { max_length: 100 }),
    selectField(
      'danger_level',
      '危险性评估等级',
      'Risk assessment level',
      { '0': '0级', '1': '1级', '2': '2级', '3': '3级', '4': '4级', '5': '5级' },
      { width: 'half', group: 'group_mental' },
    ),
    integerField(
      'incident_count',
      '肇事肇祸次数',
      'Incidents',
      { width: 'half', group: 'group_mental', validation: { incident_count: { _gte: 0 } } },
      { default_value: 0 },
    ),
    textField('incident_history', '肇事肇祸史', 'Incident history', { group: 'group_mental' }),
    stringField('treatment', '治疗情况', 'Treatment', { width: 'half', group: 'group_mental' }, { max_length: 100 }),
    stringField('hospital', '治疗医院', 'Hospital', { width: 'half', group: 'group_mental' }, { max_length: 100 }),

    detailGroup('group_drug', '吸毒人员', 'Drug user', only('drug')),
    selectField(
      'control_status',
      '管控情况',
      'Control status',
      { community_detox: '社区戒毒', community_rehab: '社区康复', compulsory: '强制隔离戒毒', abstinent: '戒断三年未复吸', other: '其他' },
      { width: 'half', group: 'group_drug' },
    ),
    stringField('drug_types', '滥用毒品种类', 'Drugs', { width: 'half', group: 'group_drug' }, { max_length: 60 }),

    detailGroup('group_other', '其他类别情况', 'Other categories'),
    stringField(
      'youth_type',
      '重点青少年类型',
      'Key youth type',
      { width: 'half', group: 'group_other', note: '闲散、不良行为、流浪乞讨、服刑人员未成年子女等' },
      { max_length: 40 },
    ),
    textField('petition_matter', '信访事项', 'Petition matter', { group: 'group_other' }),
    stringField('cult_organisation', '所涉邪教组织', 'Cult organisation', { width: 'half', group: 'group_other' }, { max_length: 60 }),
    textField('situation', '现实表现及其他情况', 'Situation', { group: 'group_other' }),

    oneToMany('assistance_groups', '帮教小组', 'Assistance groups'),
    {
      field: 'service_records',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, ...label('服务记录', 'Service records') },
    },
    ...userStamps(),
  ],
  [
    toPeople('service_objects', 'person'),
    codeRelation('service_objects', 'risk_grade', 'risk_grade'),
    codeRelation('service_objects', 'correction_type', 'correction_type'),
    toUsers('service_objects', 'responsible_worker'),
    toUsers('service_objects', 'user_created'),
  ],
);

export const assistanceGroups: CollectionSpec = scopedCollection(
  'assistance_groups',
  '帮教小组',
  'Assistance groups',
  'diversity_3',
  '每名服务对象的帮教（帮扶）小组',
  '{{name}}',
  [
    manyToOneField('service_object', '服务对象', 'Service object', '{{person.name}}', { required: true }, { is_nullable: false }),
    stringField('name', '小组名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 60 }),
    dateField('formed_on', '成立日期', 'Formed on', { width: 'half' }),
    oneToMany('members', '成员', 'Members'),
  ],
  [toItem('assistance_groups', 'service_object', 'service_objects', 'assistance_groups')],
);

export const assistanceGroupMembers: CollectionSpec = scopedCollection(
  'assistance_group_members',
  '帮教小组成员',
  'Assistance group members',
  'person_add',
  '帮教小组成员：社区干部、民警、家属、志愿者等',
  '{{name}} {{role}}',
  [
    manyToOneField('group', '帮教小组', 'Group', '{{name}}', { required: true }, { is_nullable: false }),
    stringField('name', '姓名', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 50 }),
    selectField(
      'role',
      '身份',
      'Role',
      { leader: '组长', cadre: '社区干部', police: '民警', family: '家属', volunteer: '志愿者', other: '其他' },
      { width: 'half' },
    ),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    userField('user', '系统账号', 'Account', { note: '成员为系统用户时关联' }),
  ],
  [toItem('assistance_group_members', 'group', 'assistance_groups', 'members'), toUsers('assistance_group_members', 'user')],
);

export const serviceRecords: CollectionSpec = scopedCollection(
  'service_records',
  '服务记录',
  'Service records',
  'volunteer_activism',
  '对服务对象的走访、谈话、帮扶等，记录谁、何时、何地、做了什么',
  '{{served_at}} {{kind}}',
  [
    manyToOneField('service_object', '服务对象', 'Service object', '{{person.name}}', { required: true }, { is_nullable: false }),
    timestampField('served_at', '服务时间', 'Served at', { required: true, width: 'half' }),
    selectField(
      'kind',
      '服务方式',
      'Kind',
      { visit: '走访', talk: '谈话', help: '帮扶', education: '教育', check: '见面核查', other: '其他' },
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    userField('worker', '服务人员', 'Worker', { special: ['m2o', 'user-created'], readonly: true }),
    stringField('place', '地点', 'Place', { width: 'half' }, { max_length: 100 }),
    textField('content', '服务内容', 'Content', { required: true }),
    {
      field: 'photo',
      type: 'uuid',
      schema: {},
      meta: { interface: 'file-image', special: ['file'], width: 'half', ...label('照片', 'Photo') },
    },
    timestampField('date_created', '登记时间', 'Recorded at', { special: ['date-created'], readonly: true, hidden: true }),
  ],
  [
    toItem('service_records', 'service_object', 'service_objects', 'service_records'),
    toUsers('service_records', 'worker'),
    { collection: 'service_records', field: 'photo', related_collection: 'directus_files', schema: { on_delete: 'SET NULL' } },
  ],
);

/** 查阅留痕: who read which key person's file, when (written by the server only). */
export const sensitiveReads: CollectionSpec = {
  collection: 'sensitive_reads',
  meta: {
    icon: 'visibility',
    display_template: '{{at}} {{collection_name}}',
    note: '查阅重点人员档案的记录，只增不改',
    ...label('查阅记录', 'Read log'),
  },
  fields: [
    { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
    userField('user', '查阅人', 'Reader', { readonly: true }),
    manyToOneField('unit', '查阅人单位', 'Reader unit', '{{name}}', { readonly: true }),
    stringField('unit_path', '单位路径', 'Unit path', { readonly: true, hidden: true }),
    stringField('collection_name', '档案类别', 'Collection', { readonly: true, width: 'half' }, { max_length: 64 }),
    stringField(
      'read_through',
      '经由',
      'Read through',
      { readonly: true, width: 'half', note: '经关联读取时为所查询的集合（如服务记录）；直接查阅为空' },
      { max_length: 64 },
    ),
    {
      field: 'item_ids',
      type: 'json',
      schema: {},
      meta: { interface: 'input-code', special: ['cast-json'], readonly: true, ...label('查阅的档案编号', 'Records read') },
    },
    timestampField('at', '查阅时间', 'At', { readonly: true, width: 'half' }),
  ],
  relations: [
    toUsers('sensitive_reads', 'user'),
    { collection: 'sensitive_reads', field: 'unit', related_collection: 'units', schema: { on_delete: 'NO ACTION' } },
  ],
};

/** 到期提醒 sent: one row per record and date, so none is sent twice (written by the job worker). */
export const registryReminders: CollectionSpec = {
  collection: 'registry_reminders',
  meta: {
    icon: 'notification_important',
    display_template: '{{kind}} {{due_on}}',
    note: '流动人口证件到期、矫正期满、逾期未走访的提醒记录',
    ...label('到期提醒', 'Expiry reminders'),
  },
  fields: [
    { field: 'id', type: 'integer', schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } },
    stringField('key', '提醒标识', 'Key', { readonly: true, hidden: true }, { is_unique: true, is_nullable: false, max_length: 120 }),
    selectField('kind', '提醒类型', 'Kind', REMINDER_KINDS, { readonly: true, width: 'half' }, { is_nullable: false }),
    stringField('collection_name', '档案类别', 'Collection', { readonly: true, width: 'half' }, { max_length: 64 }),
    stringField(
      'read_through',
      '经由',
      'Read through',
      { readonly: true, width: 'half', note: '经关联读取时为所查询的集合（如服务记录）；直接查阅为空' },
      { max_length: 64 },
    ),
    integerField('item_id', '档案编号', 'Record', { readonly: true, width: 'half' }),
    manyToOneField('unit', '提醒单位', 'Unit reminded', '{{name}}', { readonly: true, width: 'half' }),
    stringField('unit_path', '单位路径', 'Unit path', { readonly: true, hidden: true }),
    dateField('due_on', '到期日期', 'Due on', { readonly: true, width: 'half' }),
    timestampField('sent_at', '发送时间', 'Sent at', { readonly: true, width: 'half' }),
    integerField('recipients', '接收人数', 'Recipients', { readonly: true, width: 'half' }),
  ],
  relations: [{ collection: 'registry_reminders', field: 'unit', related_collection: 'units', schema: { on_delete: 'NO ACTION' } }],
};
