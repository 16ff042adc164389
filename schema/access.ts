// Roles and policies as code. A role is a level and a job (区·系统管理员,
// 网格·网格员, …); a policy is a set of rights. Each right is declared once here
// and granted for every collection under the jurisdiction rule.

import { JOB_LABELS, type Job, OFFICE_KIND, ROLE_LEVEL_LABELS as LEVEL_LABELS, type RoleLevel } from '../extensions/kernel/unit-path.ts';
import { assignedToMyUnit, belowMyUnit, handleOwnUnit, MY_UNIT_PATH, ofMyUnit, readWithin, withinMyJurisdiction } from './jurisdiction.ts';
import { PARTICIPANT_PATHS } from '../extensions/domains/matters/participant-paths.ts';
import { stableId } from './ids.ts';
import { CODE_TABLE_COLLECTIONS } from './collections/code-tables.ts';
import { BLIND_INDEX_FIELDS, PERSONAL_FIELDS } from './collections/people.ts';
import { SECURITY_SETTING_FIELDS } from './collections/security-settings.ts';
import type { CollectionSpec, PermissionSpec, PolicySpec, RoleSpec } from './types.ts';
import { RULED_READ_POLICY, ruledEntryPolicy, rulePolicies } from './ruled-collections.ts';

/** Where a role's holders work: a level of the office tree, or a department. */
export type { RoleLevel };

/** Which jobs exist at which level (the combinations the district uses). */
export const ROLE_GRID: Record<RoleLevel, Job[]> = {
  district: ['sysadmin', 'head', 'staff', 'leader'],
  street: ['sysadmin', 'head', 'staff', 'leader'],
  community: ['sysadmin', 'head', 'staff', 'social_worker', 'leader'],
  grid: ['grid_worker'],
  department: ['liaison', 'leader'],
};

/** Reference data every office reads. */
const REFERENCE_COLLECTIONS = [
  'matter_categories',
  'deadline_policies',
  'calendar_days',
  'reminder_templates',
  ...CODE_TABLE_COLLECTIONS.map((c) => c.collection),
  // The rules a unit is assessed by are read by all (a community reads its street's).
  'assessment_rubrics',
  'assessment_sections',
  'assessment_items',
  // So are the warning rules a unit is watched by.
  'warning_rules',
];
/**
 * A matter is visible to every unit it has passed through and to their superiors: its list of
 * those units' paths contains the user's (extensions/domains/matters/participant-paths.ts; the
 * same set as "a participant row within my jurisdiction", without joining the rows).
 */
const MATTER_VISIBLE = { [PARTICIPANT_PATHS]: { _contains: MY_UNIT_PATH } };

/** A sent document is seen by its recipient units and their superiors, besides the sender's jurisdiction (read-within). */
const DOCUMENT_RECEIVED = { recipients: withinMyJurisdiction() };
const DOCUMENT_VISIBLE = { _or: [withinMyJurisdiction(), DOCUMENT_RECEIVED] };
/** A receipt is seen by its recipient's jurisdiction and by the sender's: recipients never see each other's. */
const RECEIPT_VISIBLE = { _or: [withinMyJurisdiction(), { document: withinMyJurisdiction() }] };

/** A special project is seen by the units asked to submit to it and their superiors, besides the owner's jurisdiction. */
const PROJECT_ASSIGNED = { submissions: withinMyJurisdiction() };
/** A submission is seen by its unit's jurisdiction and by the project owner's: submitting units never see each other's. */
const SUBMISSION_VISIBLE = { _or: [withinMyJurisdiction(), { project: withinMyJurisdiction() }] };

/** Fields of users that colleagues within the jurisdiction may read. */
const USER_FIELDS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'status',
  'role',
  'unit',
  'unit_path',
  'job',
  'phone',
  'title',
  'avatar',
  'language',
  'last_access',
  'locked_until',
];
/** Fields of users a unit's system administrator maintains; the path and the job are written by the jurisdiction hook from unit and role. */
const USER_ADMIN_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'password',
  'status',
  'role',
  'unit',
  'unit_path',
  'job',
  'phone',
  'title',
  'language',
  // Cleared to unlock an account locked after failed logins.
  'locked_until',
  // Written by the password guard whenever a password is set (the administrator's own values are refused).
  'must_change_password',
  'password_changed_at',
];
/** Fields of their own unit that a unit's system administrator maintains. */
const UNIT_CONTACT_FIELDS = ['contact_person', 'contact_phone', 'centre_lat', 'centre_lng', 'boundary', 'remark'];

/**
 * A collection's fields without its raw personal identifiers, for roles that read only masked forms (R19),
 * nor their blind indexes (which tell who has the same number; finding by a number is for those who read it).
 */
function withoutPersonalFields(c: CollectionSpec): string[] {
  const personal = [...(PERSONAL_FIELDS[c.collection] ?? []), ...(BLIND_INDEX_FIELDS[c.collection] ?? [])];
  return personal.length ? c.fields.map((f) => f.field).filter((f) => !personal.includes(f)) : ['*'];
}

/** A person's moves are seen where the person was and where they went. */
const MOVE_VISIBLE = { _or: [{ from_path: { _starts_with: MY_UNIT_PATH } }, { to_path: { _starts_with: MY_UNIT_PATH } }] };

function policy(key: string, name: string, icon: string, description: string, permissions: PermissionSpec[]): PolicySpec {
  return { id: stableId(`policy:${key}`), key, name, icon, description, app_access: true, admin_access: false, permissions };
}

/** The policies, given the collections under the jurisdiction rule. */
export function policies(scoped: CollectionSpec[]): PolicySpec[] {
  const items = scoped.filter((c) => !c.system && c.collection !== 'units');
  const assignable = scoped.filter((c) => c.assignedUnitField);
  return [
    policy('read-within', '辖区查阅', 'visibility', '查阅本单位及下级单位的数据（上级可以调阅查看下级数据，但不得修改）', [
      readWithin('units', 'path'),
      readWithin('directus_users', 'unit_path', USER_FIELDS),
      ...items.map((c) => readWithin(c.collection, c.scopePath, withoutPersonalFields(c))),
      { collection: 'person_moves', action: 'read', fields: ['*'], permissions: MOVE_VISIBLE },
      // Written only by /registries/exports; seen by the requesting unit and the levels above (the approver).
      readWithin('export_requests'),
      readWithin('export_log'),
      readWithin('sensitive_reads'),
      readWithin('submissions'),
      readWithin('comparisons'),
      readWithin('registry_reminders'),
      // Written only by /assessment: a run by the assessing level and above, a unit's scores by the unit and above.
      readWithin('assessment_runs'),
      readWithin('assessment_scores'),
      readWithin('assessment_changes'),
      // Written only by the worker and /warnings: a warning is seen by the warned unit and the units above it.
      readWithin('warnings'),
      { collection: 'submission_steps', action: 'read', fields: ['*'], permissions: { submission: withinMyJurisdiction() } },
    ]),
    policy(
      'read-personal',
      '查看完整身份信息',
      'badge',
      '社区、网格登记人员时查看完整的身份证号码、证件号码和联系方式；其他角色只见脱敏号码',
      items.filter((c) => PERSONAL_FIELDS[c.collection]).map((c) => readWithin(c.collection, c.scopePath)),
    ),
    policy(
      'maintain-codes',
      '代码表维护',
      'list_alt',
      '区系统管理员增改代码表（性别、民族、学历等）；停用代替删除',
      CODE_TABLE_COLLECTIONS.flatMap((c): PermissionSpec[] => [
        { collection: c.collection, action: 'create', fields: ['*'] },
        { collection: c.collection, action: 'update', fields: ['name', 'sort', 'active'], permissions: {} },
      ]),
    ),
    policy(
      'read-reference',
      '基础数据查阅',
      'menu_book',
      '查阅事项分类、时限标准、工作日历和代码表',
      REFERENCE_COLLECTIONS.map((collection) => ({ collection, action: 'read', fields: ['*'], permissions: {} })),
    ),
    policy('read-matters', '事项查阅', 'assignment', '查阅本单位或下级单位发起、经办过的事项及其流转记录（流转只能通过办理接口）', [
      { collection: 'matters', action: 'read', fields: ['*'], permissions: MATTER_VISIBLE },
      { collection: 'matter_steps', action: 'read', fields: ['*'], permissions: { matter: MATTER_VISIBLE } },
      { collection: 'matter_participants', action: 'read', fields: ['*'], permissions: { matter: MATTER_VISIBLE } },
      { collection: 'matters_files', action: 'read', fields: ['*'], permissions: { matters_id: MATTER_VISIBLE } },
      { collection: 'matter_reminders', action: 'read', fields: ['*'], permissions: { matter: MATTER_VISIBLE } },
    ]),
    policy('files', '附件上传与查阅', 'attach_file', '上传照片、视频等附件；查阅本人上传的和可见事项的附件', [
      { collection: 'directus_files', action: 'create', fields: ['*'] },
      {
        collection: 'directus_files',
        action: 'read',
        fields: ['*'],
        permissions: { _or: [{ uploaded_by: { _eq: '$CURRENT_USER' } }, { matter_links: { matters_id: MATTER_VISIBLE } }] },
      },
      // Own uploads not (yet) attached: Directus removes a refused upload with the uploader's rights.
      {
        collection: 'directus_files',
        action: 'delete',
        fields: ['*'],
        permissions: { _and: [{ uploaded_by: { _eq: '$CURRENT_USER' } }, { matter_links: { _none: { id: { _nnull: true } } } }] },
      },
    ]),
    policy(
      'office-read',
      '公文与活动查阅',
      'mail',
      '查阅发给本单位（或下级单位）的公文及其附件、布置给本单位的专项工作；发文（牵头）单位查阅各单位的签收和报送情况；辖区内活动记录的照片和参训人员',
      [
        { collection: 'documents', action: 'read', fields: ['*'], permissions: DOCUMENT_RECEIVED },
        { collection: 'document_recipients', action: 'read', fields: ['*'], permissions: RECEIPT_VISIBLE },
        { collection: 'documents_files', action: 'read', fields: ['*'], permissions: { documents_id: DOCUMENT_VISIBLE } },
        {
          collection: 'document_recipients_files',
          action: 'read',
          fields: ['*'],
          permissions: { document_recipients_id: RECEIPT_VISIBLE },
        },
        { collection: 'special_projects', action: 'read', fields: ['*'], permissions: PROJECT_ASSIGNED },
        { collection: 'project_submissions', action: 'read', fields: ['*'], permissions: SUBMISSION_VISIBLE },
        {
          collection: 'project_submissions_files',
          action: 'read',
          fields: ['*'],
          permissions: { project_submissions_id: SUBMISSION_VISIBLE },
        },
        {
          collection: 'directus_files',
          action: 'read',
          fields: ['*'],
          permissions: {
            _or: [
              { document_links: { documents_id: DOCUMENT_VISIBLE } },
              { document_reply_links: { document_recipients_id: RECEIPT_VISIBLE } },
              { project_submission_links: { project_submissions_id: SUBMISSION_VISIBLE } },
              { activity_links: { activity_records_id: withinMyJurisdiction() } },
            ],
          },
        },
        {
          collection: 'activity_records_files',
          action: 'read',
          fields: ['*'],
          permissions: { activity_records_id: withinMyJurisdiction() },
        },
        {
          collection: 'activity_records_users',
          action: 'read',
          fields: ['*'],
          permissions: { activity_records_id: withinMyJurisdiction() },
        },
        // Written only by the office endpoint and the login hook; read under the jurisdiction rule.
        ...['terminal_handovers', 'terminal_losses', 'login_days', 'daily_checks'].map((collection) => readWithin(collection)),
      ],
    ),
    policy(
      'office-draft',
      '公文起草与活动记录',
      'edit_document',
      '为本单位起草中的公文添加、移除附件（已发送的公文不能再改）；为本单位的活动记录添加照片和参训人员',
      [
        { collection: 'documents_files', action: 'create', fields: ['*'] },
        { collection: 'documents_files', action: 'delete', fields: ['*'], permissions: { documents_id: ofMyUnit() } },
        { collection: 'activity_records_files', action: 'create', fields: ['*'] },
        { collection: 'activity_records_files', action: 'delete', fields: ['*'], permissions: { activity_records_id: ofMyUnit() } },
        { collection: 'activity_records_users', action: 'create', fields: ['*'] },
        { collection: 'activity_records_users', action: 'delete', fields: ['*'], permissions: { activity_records_id: ofMyUnit() } },
      ],
    ),
    policy(
      'handle-own-unit',
      '本单位办理',
      'edit_note',
      '在本单位新增、修改、删除数据；不能修改下级或其他辖区的数据',
      items.flatMap((c) => handleOwnUnit(c.collection)),
    ),
    policy(
      'read-assigned',
      '部门承办查阅',
      'assignment_ind',
      '职能部门查阅交办给本部门的事项（无论其所属辖区）',
      assignable.map((c) => ({
        collection: c.collection,
        action: 'read',
        fields: ['*'],
        permissions: assignedToMyUnit(c.assignedUnitField!),
      })),
    ),
    policy('maintain-own-unit', '本单位信息维护', 'badge', '系统管理员维护本单位的联系人、电话和边界', [
      { collection: 'units', action: 'update', fields: UNIT_CONTACT_FIELDS, permissions: ofMyUnit('path'), validation: null },
    ]),
    ...(['district', 'street', 'community'] as const).map((level) =>
      policy(
        `manage-users-${level}`,
        `用户管理（${LEVEL_LABELS[level]}）`,
        'manage_accounts',
        `${LEVEL_LABELS[level]}系统管理员新增、修改、停用本单位及下级单位的用户，只能授予本级及以下的角色`,
        manageUsers(level),
      ),
    ),
    policy('read-audit', '安全审计查阅', 'policy', '区系统管理员查阅安全审计日志（登录、权限变更、导出、个人信息查阅等），日志只增不改', [
      { collection: 'audit_log', action: 'read', fields: ['*'], permissions: {} },
    ]),
    policy('security-settings', '安全设置', 'lock_clock', '区系统管理员设置登录失败锁定、同一地址限制、密码有效期与历史', [
      { collection: 'security_settings', action: 'read', fields: ['*'], permissions: {} },
      { collection: 'security_settings', action: 'update', fields: [...SECURITY_SETTING_FIELDS], permissions: {} },
    ]),
    {
      ...policy('two-factor', '双因素认证', 'phonelink_lock', '系统管理员登录须同时输入动态口令（双因素认证）', []),
      enforce_tfa: true,
    },
    policy(
      'assessment-rubrics',
      '考评细则制定',
      'rule',
      '区、街道综治办制定和修改本单位的考评细则（考评项目、考评内容、评分方式）；考评结果只能通过考评计算生成',
      [
        ...handleOwnUnit('assessment_rubrics'),
        // Which rubric a section or item belongs to is checked by the assessment hook (a relation a create cannot filter).
        ...(['assessment_sections', 'assessment_items'] as const).flatMap((collection): PermissionSpec[] => [
          { collection, action: 'create', fields: ['*'] },
          {
            collection,
            action: 'update',
            fields: ['*'],
            permissions: collection === 'assessment_sections' ? { rubric: ofMyUnit() } : { section: { rubric: ofMyUnit() } },
          },
          {
            collection,
            action: 'delete',
            fields: ['*'],
            permissions: collection === 'assessment_sections' ? { rubric: ofMyUnit() } : { section: { rubric: ofMyUnit() } },
          },
        ]),
      ],
    ),
    policy(
      'warning-rules',
      '预警规则设定',
      'notification_important',
      '区、街道综治办设定本单位的预警规则（阈值、趋势、静默、聚集、超期），监测下属单位；预警信息只能由系统生成、通过预警接口办理',
      handleOwnUnit('warning_rules'),
    ),
    policy('manage-subunits', '下级单位管理', 'account_tree', '区、街道系统管理员新增、调整、撤销下级单位（迁移时路径随之更新）', [
      { collection: 'units', action: 'create', fields: ['*'], validation: belowMyUnit('path') },
      { collection: 'units', action: 'update', fields: ['*'], permissions: belowMyUnit('path'), validation: belowMyUnit('path') },
      { collection: 'units', action: 'delete', fields: ['*'], permissions: belowMyUnit('path') },
    ]),
    // Collections an administrator put under the rule in Studio: their permissions follow the rules (schema apply, the rules hook).
    ...rulePolicies([]),
  ];
}

/** Departments sit under the district: only the district's administrator assigns their roles. */
const LEVEL_RANK: Record<RoleLevel, number> = { district: 0, street: 1, department: 1, community: 2, grid: 3 };

/** The roles a system administrator at `level` may give: its own level's and those below. */
export function assignableRoles(level: RoleLevel): string[] {
  return ROLES.filter((r) => LEVEL_RANK[r.level] >= LEVEL_RANK[level] && (r.level !== 'department' || level === 'district')).map(
    (r) => r.id,
  );
}

/**
 * Users of the own unit and below: created, changed and disabled (status), never
 * deleted; a user cannot be moved out of the subtree nor given a role above the
 * administrator's level. The roles they may give are the only roles they read.
 */
function manageUsers(level: RoleLevel): PermissionSpec[] {
  const roles = assignableRoles(level);
  const validation = { _and: [{ unit_path: { _starts_with: MY_UNIT_PATH } }, { role: { _in: roles } }] };
  return [
    { collection: 'directus_users', action: 'create', fields: USER_ADMIN_FIELDS, validation },
    { collection: 'directus_users', action: 'update', fields: USER_ADMIN_FIELDS, permissions: withinMyJurisdiction(), validation },
    { collection: 'directus_roles', action: 'read', fields: ['id', 'name', 'description'], permissions: { id: { _in: roles } } },
  ];
}

function policiesFor(level: RoleLevel, job: Job): string[] {
  const keys = [
    'read-within',
    ...(level === 'department' ? ['read-assigned'] : []),
    'read-reference',
    'read-matters',
    'office-read',
    RULED_READ_POLICY,
  ];
  if (job === 'leader') return keys;
  keys.push(ruledEntryPolicy(level));
  keys.push('files', 'office-draft');
  keys.push('handle-own-unit');
  if (job === 'sysadmin') keys.push('maintain-own-unit', 'two-factor');
  if (job === 'sysadmin' && level !== 'grid' && level !== 'department') keys.push(`manage-users-${level}`);
  // Those who register people see the full numbers; upper levels and leaders see masked ones.
  if (level === 'community' || level === 'grid') keys.push('read-personal');
  if (job === 'sysadmin' && level === 'district') keys.push('maintain-codes', 'read-audit', 'security-settings');
  if (job === 'sysadmin' && (level === 'district' || level === 'street')) keys.push('manage-subunits');
  if (level === 'district' || level === 'street') keys.push('assessment-rubrics', 'warning-rules');
  return keys;
}

export interface Role extends RoleSpec {
  level: RoleLevel;
  job: Job;
}

export const ROLES: Role[] = (Object.keys(ROLE_GRID) as RoleLevel[]).flatMap((level) =>
  ROLE_GRID[level].map(
    (job): Role => ({
      id: stableId(`role:${level}:${job}`),
      key: `${level}-${job}`,
      name: `${LEVEL_LABELS[level]}·${JOB_LABELS[job]}`,
      icon: job === 'grid_worker' ? 'directions_walk' : job === 'leader' ? 'visibility' : 'badge',
      description: `${LEVEL_LABELS[level]}级${JOB_LABELS[job]}`,
      level,
      job,
      policies: policiesFor(level, job).map((key) => stableId(`policy:${key}`)),
    }),
  ),
);

export function roleById(id: string | null | undefined): Role | undefined {
  return ROLES.find((r) => r.id === id);
}

/**
 * Whether a caller only reads: leaders read and instruct (领导只查阅和批示), and a user
 * without one of our roles writes nothing either; the Directus administrator writes.
 * The one rule for every endpoint of ours that writes (matters, registries …).
 */
export function readsOnly(caller: { admin?: boolean; role: string | null | undefined }): boolean {
  if (caller.admin) return false;
  const job = roleById(caller.role)?.job;
  return job === undefined || job === 'leader';
}

/** The role level a unit's staff hold: its level for offices, `department` otherwise. */
export function roleLevelOfUnit(unit: { level: string; kind: string }): RoleLevel {
  return unit.kind === OFFICE_KIND ? (unit.level as RoleLevel) : 'department';
}
