// 专项工作: a unit's special project with its deadline, the units it asks to
// submit material (报送) by that deadline, and what each submitted. Documents
// link to a project (office-documents.ts). The owning unit drafts and edits the
// project under the jurisdiction rule; the submissions are written only by the
// office endpoint (POST /office/projects/:id/assign, …/submit), on time or late
// like a document's reply.

import { PROJECT_SUBMISSION_STATUSES, SPECIAL_PROJECT_STATUSES } from '../../extensions/office/src/vocabulary.ts';
import {
  dateField,
  idField,
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
import { junction } from '../junction.ts';
import type { CollectionSpec } from '../types.ts';

export const specialProjects: CollectionSpec = {
  collection: 'special_projects',
  scopePath: 'unit_path',
  meta: {
    icon: 'flag',
    display_template: '{{title}}',
    note: '专项工作：牵头单位、时限、相关公文和各单位的报送',
    ...label('专项工作', 'Special projects'),
  },
  fields: [
    idField(),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('牵头单位', 'Lead unit') } } : f)),
    stringField('title', '专项名称', 'Title', { required: true }, { is_nullable: false, max_length: 200 }),
    textField('description', '工作要求', 'Requirements'),
    dateField('starts_on', '开始日期', 'Starts on', { width: 'half' }),
    dateField('due_on', '完成时限', 'Due on', { width: 'half', note: '各单位须在当日24时前报送材料' }),
    selectField('status', '状态', 'Status', SPECIAL_PROJECT_STATUSES, { width: 'half' }, { is_nullable: false, default_value: 'open' }),
    {
      field: 'submissions',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, ...label('报送单位', 'Submitting units') },
    },
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('special_projects'),
    { collection: 'special_projects', field: 'user_created', related_collection: 'directus_users' },
  ],
};

/** One row per unit asked to submit to a project: pending until it submits, then on time or late. */
export const projectSubmissions: CollectionSpec = {
  collection: 'project_submissions',
  meta: {
    icon: 'upload_file',
    display_template: '{{unit.name}} {{status}}',
    note: '各单位向专项工作报送材料的情况，只能通过报送接口办理',
    ...label('专项报送', 'Project submissions'),
  },
  fields: [
    idField(),
    manyToOneField('project', '专项工作', 'Special project', '{{title}}', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) =>
      f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('报送单位', 'Submitting unit'), readonly: true, note: null } } : f,
    ),
    selectField(
      'status',
      '报送状态',
      'Submission',
      PROJECT_SUBMISSION_STATUSES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'pending' },
    ),
    timestampField('assigned_at', '布置时间', 'Assigned at', { readonly: true, width: 'half' }),
    userField('assigned_by', '布置人', 'Assigned by', { readonly: true }),
    timestampField('submitted_at', '报送时间', 'Submitted at', { readonly: true, width: 'half' }),
    userField('submitted_by', '报送人', 'Submitted by', { readonly: true }),
    textField('text', '报送内容', 'Text', { readonly: true }),
    {
      field: 'files',
      type: 'alias',
      schema: null,
      meta: { interface: 'files', special: ['files'], readonly: true, ...label('报送材料', 'Submitted files') },
    },
    timestampField('reminded_at', '报送提醒时间', 'Reminded at', { readonly: true, hidden: true }),
    timestampField('chased_at', '报送催办时间', 'Chased at', { readonly: true, hidden: true }),
  ],
  relations: [
    {
      collection: 'project_submissions',
      field: 'project',
      related_collection: 'special_projects',
      meta: { one_field: 'submissions' },
      schema: { on_delete: 'CASCADE' },
    },
    jurisdictionRelation('project_submissions'),
    { collection: 'project_submissions', field: 'assigned_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
    { collection: 'project_submissions', field: 'submitted_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
  indexes: [
    // A unit is asked once per project (assigning again adds only the units not yet asked).
    { columns: ['project', 'unit'], unique: true },
    // The owner's status page by state.
    { columns: ['project', 'status'] },
    // A unit's submissions still to make.
    { columns: ['unit', 'status'] },
  ],
};

export const projectSubmissionsFiles = junction(
  { collection: 'project_submissions', alias: 'files' },
  { collection: 'directus_files', alias: 'project_submission_links', keyType: 'uuid' },
);

/** The way back from a file to the submission it belongs to, for read permissions. */
export const filesProjectLinks: CollectionSpec = {
  collection: 'directus_files',
  system: true,
  fields: [
    {
      field: 'project_submission_links',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], hidden: true, readonly: true, ...label('所属专项报送', 'Project submissions') },
    },
  ],
};
