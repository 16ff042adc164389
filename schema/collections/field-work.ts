// Daily field work (日常/业务工作), as the rubric counts it (考评办法第九条):
// disputes with a mediation deadline, outcome and supervision (矛盾纠纷); petition
// problems and mass incidents with the "not entered before it erupted" flag
// (信访突出问题, 群体性事件); rectification campaigns (治安整治); social stability
// risk assessments (稳评). All under the jurisdiction rule. Derived fields
// (deadline, flags, supervision) are set by the office hooks and endpoint only.

import {
  ASSESSMENT_CONCLUSIONS,
  ASSESSMENT_SUBJECTS,
  CAMPAIGN_STATUSES,
  DISPUTE_SCALES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  INCIDENT_KINDS,
  INCIDENT_STATUSES,
  MEDIATION_METHODS,
  RISK_LEVELS,
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
  userStamps,
} from '../fields.ts';
import { jurisdictionFields, jurisdictionRelation } from '../jurisdiction.ts';
import type { CollectionSpec, FieldSpec } from '../types.ts';

const required = { required: true };
const notNull = { is_nullable: false };
const scoped = (collection: string, icon: string, zh: string, en: string, note: string, template: string) => ({
  collection,
  scopePath: 'unit_path',
  meta: { icon, note, display_template: template, ...label(zh, en) },
});
/** A field the database itself requires (meta `required` alone is only the form's). */
const must = (field: FieldSpec): FieldSpec => ({
  ...field,
  meta: { ...field.meta, required: true },
  schema: { ...field.schema, is_nullable: false },
});
const stamps = (collection: string) => [
  jurisdictionRelation(collection),
  { collection, field: 'user_created', related_collection: 'directus_users' },
];

export const disputes: CollectionSpec = {
  ...scoped('disputes', 'handshake', '矛盾纠纷', 'Disputes', '排查登记、调解化解、上级督办；化解率按单位和期间统计', '{{title}}'),
  fields: [
    idField(),
    ...jurisdictionFields(),
    stringField('title', '纠纷名称', 'Title', required, { ...notNull, max_length: 200 }),
    selectField('dispute_type', '纠纷类型', 'Type', DISPUTE_TYPES, { ...required, width: 'half' }, notNull),
    selectField('scale', '规模', 'Scale', DISPUTE_SCALES, { width: 'half' }, { ...notNull, default_value: 'individual' }),
    selectField(
      'risk_level',
      '风险等级',
      'Risk',
      RISK_LEVELS,
      { ...required, width: 'half', note: '决定调解时限（时限标准中的“dispute”）' },
      notNull,
    ),
    integerField('party_count', '涉及人数', 'People involved', { width: 'half' }),
    must(textField('parties', '当事人', 'Parties', required)),
    must(textField('description', '纠纷情况', 'Description', required)),
    must(dateField('discovered_on', '排查发现日期', 'Discovered on', { ...required, width: 'half' })),
    timestampField('mediation_due_at', '调解时限', 'Mediate by', { readonly: true, width: 'half' }),
    selectField('method', '调解方式', 'Method', MEDIATION_METHODS, { width: 'half' }),
    textField('mediators', '调解人员', 'Mediators'),
    selectField('status', '状态', 'Status', DISPUTE_STATUSES, { width: 'half' }, { ...notNull, default_value: 'mediating' }),
    booleanField('agreement', '达成调解协议', 'Agreement reached', { width: 'half' }),
    textField('outcome', '化解结果', 'Outcome'),
    timestampField('resolved_at', '化解时间', 'Resolved at', { readonly: true, width: 'half' }),
    textField('follow_up', '回访情况', 'Follow-up'),
    manyToOneField('supervised_by', '督办单位', 'Supervised by', '{{name}}', { readonly: true, width: 'half' }),
    timestampField('supervised_at', '督办时间', 'Supervised at', { readonly: true, width: 'half' }),
    textField('supervision_opinion', '督办意见', 'Supervision', { readonly: true }),
    ...userStamps(),
  ],
  relations: [
    ...stamps('disputes'),
    { collection: 'disputes', field: 'supervised_by', related_collection: 'units', schema: { on_delete: 'SET NULL' } },
  ],
};

export const petitionIncidents: CollectionSpec = {
  ...scoped(
    'petition_incidents',
    'campaign',
    '信访突出问题和群体性事件',
    'Petition problems and mass incidents',
    '及时发现、上报、稳控；事发后才录入的标记为“未事前录入”',
    '{{title}}',
  ),
  fields: [
    idField(),
    ...jurisdictionFields(),
    selectField('kind', '类别', 'Kind', INCIDENT_KINDS, { ...required, width: 'half' }, notNull),
    stringField('title', '名称', 'Title', required, { ...notNull, max_length: 200 }),
    must(timestampField('discovered_at', '发现时间', 'Discovered at', { ...required, width: 'half' })),
    timestampField('erupted_at', '爆发时间', 'Erupted at', { width: 'half', note: '尚未发生的不填；发生后填写' }),
    {
      ...booleanField('entered_before_eruption', '事前已录入', 'Entered before it erupted', {
        readonly: true,
        width: 'half',
        note: '由系统根据录入时间和爆发时间判定；尚未爆发的为空',
      }),
      schema: { default_value: null },
    },
    integerField('people_count', '涉及人数', 'People involved', { width: 'half' }),
    stringField('location', '地点', 'Location'),
    must(textField('description', '基本情况', 'Description', required)),
    textField('control_measures', '稳控措施', 'Control measures'),
    booleanField('reported_up', '已上报', 'Reported upward', { width: 'half' }),
    selectField('status', '状态', 'Status', INCIDENT_STATUSES, { width: 'half' }, { ...notNull, default_value: 'monitoring' }),
    textField('outcome', '处置结果', 'Outcome'),
    ...userStamps(),
  ],
  relations: stamps('petition_incidents'),
};

export const rectificationCampaigns: CollectionSpec = {
  ...scoped(
    'rectification_campaigns',
    'construction',
    '治安重点整治',
    'Rectification campaigns',
    '治安突出问题、重点区域的排查整治',
    '{{problem}}',
  ),
  fields: [
    idField(),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('牵头单位', 'Lead unit') } } : f)),
    stringField('problem', '突出问题', 'Problem', required, { ...notNull, max_length: 200 }),
    manyToOneField('key_area', '重点区域', 'Key area', '{{name}}', {
      width: 'half',
      note: '登记在重点区域台账中的区域（可不选，填写下方区域名称）',
    }),
    stringField('area', '区域名称', 'Area'),
    textField('participating_units', '参与单位', 'Participating units'),
    stringField('responsible_person', '责任人', 'Responsible person', { width: 'half' }, { max_length: 50 }),
    must(textField('measures', '整治措施', 'Measures', required)),
    dateField('starts_on', '开始日期', 'Starts on', { width: 'half' }),
    must(dateField('due_on', '完成时限', 'Due on', { ...required, width: 'half' })),
    integerField('cases_handled', '查处案件数', 'Cases handled', {
      width: 'half',
      validation: { _or: [{ cases_handled: { _null: true } }, { cases_handled: { _gte: 0 } }] },
      validation_message: '查处案件数不能为负数',
    }),
    selectField('status', '状态', 'Status', CAMPAIGN_STATUSES, { width: 'half' }, { ...notNull, default_value: 'ongoing' }),
    textField('effect_evaluation', '整治效果评估', 'Evaluation of effect'),
    ...userStamps(),
  ],
  // One collection for the office's campaigns and the key-area registry's (重点区域 → 整治情况).
  relations: [
    ...stamps('rectification_campaigns'),
    {
      collection: 'rectification_campaigns',
      field: 'key_area',
      related_collection: 'key_areas',
      meta: { one_field: 'campaigns' },
      schema: { on_delete: 'SET NULL' },
    },
  ],
};

export const stabilityAssessments: CollectionSpec = {
  ...scoped(
    'stability_assessments',
    'balance',
    '社会稳定风险评估',
    'Stability risk assessments',
    '重大决策、重大项目、重大事项的稳评',
    '{{subject}}',
  ),
  fields: [
    idField(),
    ...jurisdictionFields(),
    stringField('subject', '评估事项', 'Subject', required, { ...notNull, max_length: 200 }),
    selectField('subject_kind', '事项类别', 'Kind', ASSESSMENT_SUBJECTS, { ...required, width: 'half' }, notNull),
    must(dateField('assessed_on', '评估日期', 'Assessed on', { ...required, width: 'half' })),
    must(textField('risk_points', '风险点', 'Risk points', required)),
    selectField('risk_level', '风险等级', 'Risk', RISK_LEVELS, { ...required, width: 'half' }, notNull),
    textField('measures', '防范化解措施', 'Measures'),
    selectField('conclusion', '评估结论', 'Conclusion', ASSESSMENT_CONCLUSIONS, { ...required, width: 'half' }, notNull),
    textField('reviewers', '评审人员', 'Reviewers'),
    ...userStamps(),
  ],
  relations: stamps('stability_assessments'),
};
