// 组织: social units (社会单位), social organisations (社会组织) and their
// activities, mass prevention teams and volunteers (群防群治) with members,
// 综治 offices (综治机构) and their staff, and each grid's 一长四员.

import { dateField, integerField, manyToOneField, phoneField, selectField, stringField, textField } from '../fields.ts';
import type { CollectionSpec } from '../types.ts';
import { coordinateFields, oneToMany, personField, scopedCollection, toItem, toPeople, toUsers, userField } from './registry-builders.ts';

/** 统一社会信用代码 (GB 32100): 18 characters. */
const CREDIT_CODE = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

export const socialUnits: CollectionSpec = scopedCollection(
  'social_units',
  '社会单位',
  'Social units',
  'business',
  '企业、个体工商户等社会单位（非公有制经济组织）',
  '{{name}}',
  [
    stringField('name', '单位名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    stringField(
      'credit_code',
      '统一社会信用代码',
      'Credit code',
      { width: 'half', validation: { credit_code: { _regex: CREDIT_CODE } }, validation_message: '统一社会信用代码为18位数字或大写字母' },
      { max_length: 18 },
    ),
    selectField(
      'unit_type',
      '单位类型',
      'Type',
      { enterprise: '企业', individual: '个体工商户', institution: '事业单位', other: '其他' },
      { width: 'half' },
    ),
    stringField('address', '地址', 'Address', {}, { max_length: 200 }),
    stringField('legal_representative', '法定代表人', 'Legal representative', { width: 'half' }, { max_length: 50 }),
    stringField('security_head', '治保负责人', 'Security head', { width: 'half' }, { max_length: 50 }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    integerField('employees', '从业人数', 'Employees', { width: 'half', validation: { employees: { _gte: 0 } } }),
    selectField('concern', '关注程度', 'Concern', { normal: '一般', focus: '重点' }, { width: 'half' }),
    ...coordinateFields(),
  ],
);

export const socialOrganisations: CollectionSpec = scopedCollection(
  'social_organisations',
  '社会组织',
  'Social organisations',
  'groups',
  '社会团体、民办非企业单位、基金会及社区社会组织',
  '{{name}}',
  [
    stringField('name', '组织名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    stringField(
      'credit_code',
      '统一社会信用代码',
      'Credit code',
      { width: 'half', validation: { credit_code: { _regex: CREDIT_CODE } }, validation_message: '统一社会信用代码为18位数字或大写字母' },
      { max_length: 18 },
    ),
    selectField(
      'org_type',
      '组织类型',
      'Type',
      { association: '社会团体', private_non_enterprise: '民办非企业单位', foundation: '基金会', community: '社区社会组织' },
      { width: 'half' },
    ),
    stringField('head', '负责人', 'Head', { width: 'half' }, { max_length: 50 }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    integerField('member_count', '成员人数', 'Members', { width: 'half', validation: { member_count: { _gte: 0 } } }),
    stringField('address', '活动地址', 'Address', {}, { max_length: 200 }),
    oneToMany('activities', '活动情况', 'Activities'),
  ],
);

export const organisationActivities: CollectionSpec = scopedCollection(
  'organisation_activities',
  '社会组织活动',
  'Organisation activities',
  'event',
  '社会组织开展的活动',
  '{{held_on}} {{title}}',
  [
    manyToOneField('organisation', '社会组织', 'Organisation', '{{name}}', { required: true }, { is_nullable: false }),
    dateField('held_on', '活动日期', 'Date', { required: true, width: 'half' }),
    stringField('title', '活动名称', 'Title', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    integerField('participants', '参加人数', 'Participants', { width: 'half', validation: { participants: { _gte: 0 } } }),
    textField('content', '活动内容', 'Content'),
  ],
  [toItem('organisation_activities', 'organisation', 'social_organisations', 'activities')],
);

export const patrolTeams: CollectionSpec = scopedCollection(
  'patrol_teams',
  '群防群治队伍',
  'Patrol teams and volunteers',
  'shield',
  '巡逻队、治安志愿者队伍（群防群治）',
  '{{name}}',
  [
    stringField('name', '队伍名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    selectField(
      'team_type',
      '队伍类型',
      'Type',
      { patrol: '治安巡逻队', volunteer: '治安志愿者', joint_defence: '联防队', mediation: '调解队伍', other: '其他' },
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    stringField('leader', '负责人', 'Leader', { width: 'half' }, { max_length: 50 }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    oneToMany('members', '队员', 'Members'),
  ],
);

export const patrolTeamMembers: CollectionSpec = scopedCollection(
  'patrol_team_members',
  '队员',
  'Team members',
  'badge',
  '群防群治队伍成员',
  '{{name}}',
  [
    manyToOneField('team', '队伍', 'Team', '{{name}}', { required: true }, { is_nullable: false }),
    stringField('name', '姓名', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 50 }),
    personField('person', '人员档案', 'Person record', { note: '为本区实有人口时关联' }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    dateField('joined_on', '加入日期', 'Joined on', { width: 'half' }),
  ],
  [toItem('patrol_team_members', 'team', 'patrol_teams', 'members'), toPeople('patrol_team_members', 'person', 'SET NULL')],
);

export const offices: CollectionSpec = scopedCollection(
  'offices',
  '综治机构',
  'Offices',
  'account_balance',
  '综治中心（综治办）：编码、电话、负责人、成员单位、位置（GB/T 31000）',
  '{{name}}',
  [
    stringField('code', '机构编码', 'Code', { width: 'half' }, { max_length: 30 }),
    stringField('name', '机构名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    stringField('head', '负责人', 'Head', { width: 'half' }, { max_length: 50 }),
    textField('member_units', '成员单位', 'Member units'),
    stringField('address', '地址', 'Address', {}, { max_length: 200 }),
    ...coordinateFields(),
    oneToMany('staff', '工作人员', 'Staff'),
  ],
);

export const officeStaff: CollectionSpec = scopedCollection(
  'office_staff',
  '综治机构人员',
  'Office staff',
  'person',
  '综治机构工作人员',
  '{{name}} {{position}}',
  [
    manyToOneField('office', '综治机构', 'Office', '{{name}}', { required: true }, { is_nullable: false }),
    stringField('name', '姓名', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 50 }),
    stringField('position', '职务', 'Position', { width: 'half' }, { max_length: 50 }),
    selectField('staffing', '人员性质', 'Staffing', { full_time: '专职', part_time: '兼职' }, { width: 'half' }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    userField('user', '系统账号', 'Account'),
  ],
  [toItem('office_staff', 'office', 'offices', 'staff'), toUsers('office_staff', 'user')],
);

/** 一长四员 of a grid: its head and four roles (考评: 0.1 off per missing person). */
export const GRID_ROLES = {
  head: '网格长',
  grid_worker: '专职网格员',
  police: '网格警员',
  supervisor: '网格督导员',
  informant: '网格信息员',
};

export const gridStaff: CollectionSpec = scopedCollection(
  'grid_staff',
  '一长四员',
  'Grid staff',
  'diversity_2',
  '每个网格的网格长和四员；所属单位即网格',
  '{{role}} {{name}}',
  [
    selectField('role', '职责', 'Role', GRID_ROLES, { required: true, width: 'half' }, { is_nullable: false }),
    stringField('name', '姓名', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 50 }),
    phoneField('phone', '联系电话', 'Phone', { width: 'half' }),
    userField('user', '系统账号', 'Account'),
    dateField('valid_from', '任职日期', 'From', { width: 'half' }),
    dateField('valid_to', '离任日期', 'Until', { width: 'half' }),
  ],
  [toUsers('grid_staff', 'user')],
);

export const ORGANISATION_COLLECTIONS = [
  socialUnits,
  socialOrganisations,
  organisationActivities,
  patrolTeams,
  patrolTeamMembers,
  offices,
  officeStaff,
  gridStaff,
];
