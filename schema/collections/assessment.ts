// 考评: the rubrics as data (the district's for its streets, each street's for its
// communities), their sections and items, and the runs that score a period with
// every unit's points per item, the deduction in words and the records behind it.
// Rubrics are read by everyone (a community reads the rules it is scored by) and
// edited by the assessing office (schema/access.ts, assessment-rubrics); runs and
// scores are written only by the assessment endpoint.

import { METRICS } from '../../extensions/domains/assessment/metrics.ts';
import { PERIOD_TYPES } from '../../extensions/domains/assessment/period.ts';
import { RULE_KINDS } from '../../extensions/domains/assessment/scoring.ts';
import { RUN_STATES, RUN_STEPS } from '../../extensions/domains/assessment/workflow.ts';
import { LEVEL_LABELS } from '../../extensions/kernel/unit-path.ts';
import {
  booleanField,
  idField,
  integerField,
  jsonField,
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
import type { CollectionSpec, FieldSpec } from '../types.ts';

export const RUBRIC_STATUSES = { draft: '草稿', active: '使用中', retired: '已停用' } as const;
/** Who is assessed: the district assesses streets, a street its communities. */
const ASSESSED_LEVELS = { street: LEVEL_LABELS.street, community: LEVEL_LABELS.community };
const METRIC_CHOICES = Object.fromEntries(Object.entries(METRICS).map(([key, m]) => [key, m.label]));

/** Points to one decimal place (the district's tables give 0.1). */
function pointsField(field: string, zh: string, en: string, meta: Record<string, unknown> = {}): FieldSpec {
  return {
    field,
    type: 'decimal',
    schema: { numeric_precision: 6, numeric_scale: 1 },
    meta: { interface: 'input', width: 'half', ...label(zh, en), ...meta },
  };
}

export const assessmentRubrics: CollectionSpec = {
  collection: 'assessment_rubrics',
  keepInstead: '已用于考评结果的细则可将状态改为“已停用”',
  meta: {
    icon: 'rule',
    display_template: '{{title}}（第{{version}}版）',
    note: '考评细则：区综治办考评街道，街道综治办参照区细则考评社区',
    sort_field: 'id',
    ...label('考评细则', 'Assessment rubrics'),
  },
  fields: [
    idField(),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('考评单位', 'Assessing unit') } } : f)),
    stringField('title', '名称', 'Title', { required: true }, { is_nullable: false, max_length: 200 }),
    selectField(
      'assessed_level',
      '被考评层级',
      'Assessed level',
      ASSESSED_LEVELS,
      { required: true, width: 'half' },
      { is_nullable: false },
    ),
    selectField('period_type', '考评周期', 'Period', PERIOD_TYPES, { required: true, width: 'half' }, { is_nullable: false }),
    integerField(
      'version',
      '版本',
      'Version',
      { width: 'half', note: '修改已使用的细则时另存新版本' },
      { default_value: 1, is_nullable: false },
    ),
    selectField('status', '状态', 'Status', RUBRIC_STATUSES, { width: 'half' }, { is_nullable: false, default_value: 'draft' }),
    manyToOneField('based_on', '参照细则', 'Based on', '{{title}}（第{{version}}版）', { note: '街道细则由区细则复制后修改' }),
    textField('note', '说明', 'Note'),
    {
      field: 'sections',
      type: 'alias',
      schema: null,
      meta: {
        interface: 'list-o2m',
        special: ['o2m'],
        options: { template: '{{code}} {{name}}（{{points}}分）' },
        ...label('考评项目', 'Sections'),
      },
    },
    ...userStamps(),
  ],
  relations: [
    jurisdictionRelation('assessment_rubrics'),
    { collection: 'assessment_rubrics', field: 'based_on', related_collection: 'assessment_rubrics', schema: { on_delete: 'SET NULL' } },
    { collection: 'assessment_rubrics', field: 'user_created', related_collection: 'directus_users' },
  ],
};

export const assessmentSections: CollectionSpec = {
  collection: 'assessment_sections',
  keepInstead: '已用于考评结果的考评内容不能删除；如需调整，请复制为新版本细则后修改',
  meta: {
    icon: 'segment',
    display_template: '{{code}} {{name}}',
    sort_field: 'sort',
    note: '考评项目（基础建设、基础信息、日常办公……）及其分值',
    ...label('考评项目', 'Assessment sections'),
  },
  fields: [
    idField(),
    manyToOneField('rubric', '考评细则', 'Rubric', '{{title}}', { required: true }, { is_nullable: false }),
    stringField('code', '条目', 'Clause', { width: 'half', note: '如 第六条' }, { max_length: 20 }),
    stringField('name', '名称', 'Name', { required: true, width: 'half' }, { is_nullable: false, max_length: 100 }),
    pointsField('points', '分值', 'Points', { required: true }),
    integerField('sort', '排序', 'Sort', { hidden: true }),
    {
      field: 'items',
      type: 'alias',
      schema: null,
      meta: {
        interface: 'list-o2m',
        special: ['o2m'],
        options: { template: '{{code}} {{name}}（{{full}}分）' },
        ...label('考评内容', 'Items'),
      },
    },
  ],
  relations: [
    {
      collection: 'assessment_sections',
      field: 'rubric',
      related_collection: 'assessment_rubrics',
      meta: { one_field: 'sections', sort_field: 'sort' },
      schema: { on_delete: 'CASCADE' },
    },
  ],
};

export const assessmentItems: CollectionSpec = {
  collection: 'assessment_items',
  keepInstead: '已用于考评结果的考评内容不能删除；如需调整，请复制为新版本细则后修改',
  meta: {
    icon: 'checklist',
    display_template: '{{code}} {{name}}',
    sort_field: 'sort',
    note: '考评内容：分值、评分方式及参数、所用统计指标；不写公式',
    ...label('考评内容', 'Assessment items'),
  },
  fields: [
    idField(),
    manyToOneField('section', '考评项目', 'Section', '{{code}} {{name}}', { required: true }, { is_nullable: false }),
    stringField('code', '序号', 'Number', { width: 'half', note: '如 8.1' }, { max_length: 20 }),
    stringField('name', '内容', 'Item', { required: true, width: 'half' }, { is_nullable: false, max_length: 200 }),
    textField('clause', '评分标准', 'Standard', { note: '细则原文，评分表上显示' }),
    pointsField('full', '满分', 'Full points', { required: true }),
    pointsField('cap', '最多扣分', 'Deduction cap', { note: '不填即以满分为限（扣完为止）' }),
    selectField('rule_kind', '评分方式', 'How scored', RULE_KINDS, { required: true }, { is_nullable: false, default_value: 'manual' }),
    integerField('min', '最少数量', 'At least', {
      width: 'half',
      note: '不少于规定数量时填写，如每月不少于10条',
      conditions: shownFor(['at_least']),
    }),
    pointsField('per', '每次（每项、每个百分点）扣分', 'Points off each', {
      note: '如每少一条扣0.5分',
      conditions: shownFor(['at_least', 'per_occurrence', 'per_missing', 'rate_per_point']),
    }),
    pointsField('threshold', '达标比率（%）', 'Threshold (%)', {
      note: '比率达到标准得分时填写，如95',
      conditions: shownFor(['rate_at_least']),
    }),
    pointsField('target', '目标比率（%）', 'Target (%)', {
      note: '比率每低一个百分点扣分时填写，如100',
      conditions: shownFor(['rate_per_point']),
    }),
    jsonField('bands', '分档', 'Bands', {
      note: '比率分档得分时填写：[{"at_least":95,"points":2},{"at_least":90,"points":1}]',
      conditions: shownFor(['rate_bands']),
    }),
    selectField(
      'metric',
      '统计指标',
      'Metric',
      METRIC_CHOICES,
      {
        note: '人工评分、按公式计分不填',
        conditions: [{ name: '不用统计指标', rule: { rule_kind: { _in: ['manual', 'formula'] } }, hidden: true }],
      },
      { max_length: 64 },
    ),
    stringField(
      'formula',
      '计分公式',
      'Formula',
      {
        conditions: shownFor(['formula']),
        note: '按公式计分时填写，结果即得分（0到满分之间）：可用统计指标的代码、full（满分）、+ - * /、比较、? :、min max round abs floor ceil，如 full - 0.5 * max(0, 10 - activity_records)；比率指标取百分数',
      },
      { max_length: 500 },
    ),
    booleanField('evidence_required', '须附佐证', 'Evidence required', { width: 'half' }),
    integerField('sort', '排序', 'Sort', { hidden: true }),
  ],
  relations: [
    {
      collection: 'assessment_items',
      field: 'section',
      related_collection: 'assessment_sections',
      meta: { one_field: 'items', sort_field: 'sort' },
      schema: { on_delete: 'CASCADE' },
    },
  ],
};

/** A parameter's field is shown only for the rule kinds that use it (in Studio and in the app's forms). */
function shownFor(kinds: string[]) {
  return [{ name: '该评分方式不用', rule: { rule_kind: { _nin: kinds } }, hidden: true }];
}

/** A period scored with a rubric by the assessing unit, frozen with everything it read. */
export const assessmentRuns: CollectionSpec = {
  collection: 'assessment_runs',
  meta: {
    icon: 'scoreboard',
    display_template: '{{period}} {{rubric.title}}',
    note: '考评计算：所用细则版本、统计口径、数据截止时间，只能通过考评接口生成',
    ...label('考评结果', 'Assessment runs'),
  },
  fields: [
    idField(),
    manyToOneField('rubric', '考评细则', 'Rubric', '{{title}}（第{{version}}版）', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) =>
      f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('考评单位', 'Assessing unit'), readonly: true, note: null } } : f,
    ),
    stringField('period', '考评期', 'Period', { readonly: true, width: 'half' }, { is_nullable: false, max_length: 10 }),
    selectField(
      'status',
      '状态',
      'Status',
      RUN_STATES,
      { readonly: true, width: 'half' },
      { is_nullable: false, default_value: 'computed' },
    ),
    timestampField('cutoff_at', '数据截止时间', 'Data cut-off', { readonly: true, width: 'half' }),
    jsonField('rubric_snapshot', '细则快照', 'Rubric as used', { readonly: true, hidden: true }),
    userField('started_by', '计算人', 'Computed by', { readonly: true }),
    timestampField('computed_at', '计算时间', 'Computed at', { readonly: true, width: 'half', note: '最近一次全部单位重新计算的时间' }),
    integerField(
      'marked_to',
      '已计入的变更',
      'Changes scored up to',
      { readonly: true, hidden: true, note: '当期得分已计入的最后一条考评变更标记' },
      { default_value: 0 },
    ),
  ],
  relations: [
    { collection: 'assessment_runs', field: 'rubric', related_collection: 'assessment_rubrics', schema: { on_delete: 'NO ACTION' } },
    jurisdictionRelation('assessment_runs'),
    { collection: 'assessment_runs', field: 'started_by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
  indexes: [{ columns: ['rubric', 'period'] }],
};

/** One assessed unit's points for one item of a run, with the measure and the records behind it. */
export const assessmentScores: CollectionSpec = {
  collection: 'assessment_scores',
  meta: {
    icon: 'grade',
    display_template: '{{unit.name}} {{item_code}} {{points}}',
    note: '各单位各考评内容的得分、扣分理由和依据的记录，只能通过考评接口生成',
    ...label('考评得分', 'Assessment scores'),
  },
  fields: [
    idField(),
    manyToOneField('run', '考评结果', 'Run', '{{period}}', { readonly: true }, { is_nullable: false }),
    ...jurisdictionFields().map((f) =>
      f.field === 'unit' ? { ...f, meta: { ...f.meta, ...label('被考评单位', 'Assessed unit'), readonly: true, note: null } } : f,
    ),
    manyToOneField('item', '考评内容', 'Item', '{{code}} {{name}}', { readonly: true }, { is_nullable: false }),
    stringField('item_code', '序号', 'Number', { readonly: true, width: 'half' }, { max_length: 20 }),
    pointsField('full', '满分', 'Full points', { readonly: true }),
    pointsField('points', '得分', 'Points', { readonly: true }),
    pointsField('deducted', '扣分', 'Deducted', { readonly: true }),
    textField('reason', '得分说明', 'Reason', { readonly: true }),
    booleanField('pending', '待评分', 'To be scored', { readonly: true, width: 'half' }),
    jsonField('measure', '统计值', 'Measure', { readonly: true }),
    jsonField('evidence', '依据记录', 'Records behind it', { readonly: true }),
  ],
  relations: [
    { collection: 'assessment_scores', field: 'run', related_collection: 'assessment_runs', schema: { on_delete: 'CASCADE' } },
    // A unit removed (one with no records of its own: the reference rule keeps the others) takes its scores along.
    { ...jurisdictionRelation('assessment_scores'), schema: { on_delete: 'CASCADE' } },
    { collection: 'assessment_scores', field: 'item', related_collection: 'assessment_items', schema: { on_delete: 'NO ACTION' } },
  ],
  indexes: [{ columns: ['run', 'unit'] }],
};

/** Every step of a run's course: who, when, why, the score before and after (自评、申诉、评分调整、发布、撤回 …). */
export const assessmentChanges: CollectionSpec = {
  collection: 'assessment_changes',
  meta: {
    icon: 'history',
    display_template: '{{step}} {{reason}}',
    note: '考评流程记录：自评说明、申诉、评分调整、发布、撤回、锁定，只能通过考评接口生成',
    ...label('考评流程记录', 'Assessment changes'),
  },
  fields: [
    idField(),
    manyToOneField('run', '考评结果', 'Run', '{{period}}', { readonly: true }, { is_nullable: false }),
    manyToOneField('score', '考评得分', 'Score', '{{item_code}}', { readonly: true }),
    ...jurisdictionFields().map((f) => (f.field === 'unit' ? { ...f, meta: { ...f.meta, readonly: true, note: null } } : f)),
    selectField(
      'step',
      '操作',
      'Step',
      Object.fromEntries(Object.entries(RUN_STEPS).map(([k, s]) => [k, s.label])),
      { readonly: true, width: 'half' },
      { is_nullable: false },
    ),
    textField('reason', '理由', 'Reason', { readonly: true }),
    jsonField('before', '之前', 'Before', { readonly: true }),
    jsonField('after', '之后', 'After', { readonly: true }),
    userField('by', '办理人', 'By', { readonly: true }),
    timestampField('at', '时间', 'At', { readonly: true, width: 'half' }),
  ],
  relations: [
    { collection: 'assessment_changes', field: 'run', related_collection: 'assessment_runs', schema: { on_delete: 'CASCADE' } },
    { collection: 'assessment_changes', field: 'score', related_collection: 'assessment_scores', schema: { on_delete: 'SET NULL' } },
    { ...jurisdictionRelation('assessment_changes'), schema: { on_delete: 'CASCADE' } },
    { collection: 'assessment_changes', field: 'by', related_collection: 'directus_users', schema: { on_delete: 'SET NULL' } },
  ],
  indexes: [{ columns: ['run'] }],
};

/**
 * A change to the records behind a metric, as the unit path (or unit) it counts for (written by
 * database triggers, schema/apply.ts): the worker scores the units it lies under again.
 */
export const assessmentMarks: CollectionSpec = {
  collection: 'assessment_marks',
  meta: {
    icon: 'update',
    hidden: true,
    note: '考评数据变动标记：由数据库触发器写入，后台每分钟据此重新计算有关单位的当期得分',
    ...label('考评变动标记', 'Assessment change marks'),
  },
  fields: [
    idField(),
    stringField('path', '单位路径', 'Unit path', { readonly: true }, { max_length: 255 }),
    integerField('unit', '单位', 'Unit', { readonly: true, note: '以单位标识记录的变动（事项的承办单位、办理人所在单位）' }),
  ],
};

export const ASSESSMENT_COLLECTIONS = [
  assessmentMarks,
  assessmentRubrics,
  assessmentSections,
  assessmentItems,
  assessmentRuns,
  assessmentScores,
  assessmentChanges,
];
