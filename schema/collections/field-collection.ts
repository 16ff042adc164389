// 信息采集: grid workers submit new or changed registry records from the phone;
// the community reviews them and approves (the registry record is written then)
// or returns them with a reason; every step is kept. Written only through
// /registries/submissions; read by the submitting unit and the levels above.

import { idField, jsonField, label, manyToOneField, selectField, stringField, textField, timestampField } from '../fields.ts';
import { jurisdictionRelation, PATH_FIELD, UNIT_FIELD } from '../jurisdiction.ts';
import type { CollectionSpec } from '../types.ts';
import { kindChoices, toUsers, userField } from './registry-builders.ts';

export const SUBMISSION_STATES = { submitted: '待审核', approved: '已通过', returned: '已退回' };
/** Registries a grid worker may submit to. */
export const SUBMITTABLE = kindChoices();

export const submissions: CollectionSpec = {
  collection: 'submissions',
  meta: {
    icon: 'app_registration',
    display_template: '#{{id}} {{target_collection}} {{state}}',
    note: '网格员信息采集，社区审核后写入基础信息库',
    ...label('信息采集', 'Field submissions'),
  },
  fields: [
    idField(),
    manyToOneField(UNIT_FIELD, '采集单位', 'Submitting unit', '{{name}}', { readonly: true, width: 'half' }, { is_nullable: false }),
    stringField(PATH_FIELD, '单位路径', 'Unit path', { readonly: true, hidden: true }),
    userField('submitter', '采集人', 'Submitted by', { readonly: true }),
    selectField('target_collection', '采集内容', 'Registry', SUBMITTABLE, { readonly: true, width: 'half' }, { is_nullable: false }),
    {
      field: 'target_id',
      type: 'integer',
      schema: {},
      meta: {
        interface: 'input',
        readonly: true,
        width: 'half',
        note: '修改已有记录时为其编号；新增时审核通过后填写',
        ...label('记录编号', 'Record'),
      },
    },
    selectField(
      'change_kind',
      '采集类型',
      'Kind',
      { create: '新增', update: '变更' },
      { readonly: true, width: 'half' },
      { is_nullable: false },
    ),
    jsonField('data', '采集内容', 'Data', { readonly: true }),
    selectField(
      'state',
      '状态',
      'State',
      SUBMISSION_STATES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'submitted' },
    ),
    textField('return_reason', '退回原因', 'Reason for return', { readonly: true }),
    userField('reviewer', '审核人', 'Reviewer', { readonly: true }),
    timestampField('submitted_at', '提交时间', 'Submitted at', { readonly: true, width: 'half' }),
    timestampField('reviewed_at', '审核时间', 'Reviewed at', { readonly: true, width: 'half' }),
    {
      field: 'steps',
      type: 'alias',
      schema: null,
      meta: { interface: 'list-o2m', special: ['o2m'], readonly: true, ...label('处理记录', 'Steps') },
    },
  ],
  relations: [jurisdictionRelation('submissions'), toUsers('submissions', 'submitter'), toUsers('submissions', 'reviewer')],
};

export const submissionSteps: CollectionSpec = {
  collection: 'submission_steps',
  meta: {
    icon: 'timeline',
    display_template: '{{action}} {{at}}',
    note: '信息采集的每一步，只增不改',
    ...label('采集处理记录', 'Submission steps'),
  },
  fields: [
    idField(),
    manyToOneField('submission', '信息采集', 'Submission', '#{{id}}', { readonly: true }, { is_nullable: false }),
    selectField(
      'action',
      '操作',
      'Action',
      { submit: '提交', resubmit: '重新提交', approve: '审核通过', return: '退回' },
      { readonly: true },
      { is_nullable: false },
    ),
    userField('actor', '操作人', 'Actor', { readonly: true }),
    textField('opinion', '意见', 'Opinion', { readonly: true }),
    jsonField('data', '提交内容', 'Data', { readonly: true }),
    timestampField('at', '时间', 'At', { readonly: true }),
  ],
  relations: [
    {
      collection: 'submission_steps',
      field: 'submission',
      related_collection: 'submissions',
      meta: { one_field: 'steps' },
      schema: { on_delete: 'CASCADE' },
    },
    toUsers('submission_steps', 'actor'),
  ],
};
